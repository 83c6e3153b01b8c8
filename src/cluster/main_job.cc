#include "newsweave/main_job.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "newsweave/similarity.h"
#include "newsweave/xling.h"

namespace newsweave {
namespace {

// What the job keeps of an article between reading and clustering.
struct Row {
  double day = 0;     // for ordering: its date, or +infinity when it has none
  long copy_of = -1;  // the article it copies or translates, or -1
  long input = -1;    // index into the inputs to cluster, or -1 for a copy
};

}  // namespace

Result<MainJobResult> RunMainJob(const std::vector<std::string>& paths,
                                 const MainJobOptions& options,
                                 const ArticleReader::DiagnosticSink& sink,
                                 const ProgressFn& progress) {
  MainJobResult result;
  std::vector<Row> rows;
  std::vector<ClusterInput> inputs;  // articles that are nobody's copy
  Deduplicator dedup(options.dedup);
  PreparedArticle prepared;
  XlingAnalyzer xling(Lexicon::Default());
  PipelineOptions pipeline = options.pipeline;
  pipeline.analyze_text = true;
  pipeline.identify_language = true;
  auto stats = RunPipeline(
      paths, pipeline, sink,
      [&](const ProcessedArticle& p) {
        for (const RemovedSpan& s : p.clean.removed) result.removed_reasons[s.reason]++;
        result.languages[p.analysis.language.code]++;
        result.raw_bytes += p.article.text.size();
        JobArticle a;
        a.id = p.article.id;
        a.lang = p.analysis.language.code;
        a.title = p.article.title;
        a.source = p.article.source;
        a.published = p.article.published;
        Row r;
        const double day = DaysSinceEpoch(p.article.published);
        r.day = std::isnan(day) ? std::numeric_limits<double>::infinity() : day;
        std::string_view body = ComparedBody(p.clean.text, p.article.title);
        dedup.Prepare(body, &prepared);
        const std::uint32_t copy_of =
            dedup.Add(p.article.id, p.article.published, body.size(), prepared);
        if (copy_of != rows.size()) {
          r.copy_of = copy_of;
        } else {
          ClusterInput in;
          in.article = DescribeArticle(p.article.id, p.article.title, p.article.published,
                                       p.clean.text, p.analysis, &xling);
          in.title = p.article.title;
          in.source = p.article.source;
          in.day = day;
          r.input = static_cast<long>(inputs.size());
          inputs.push_back(std::move(in));
        }
        if (options.on_article) {
          options.on_article(
              rows.size(), p,
              r.input >= 0 ? &inputs[static_cast<std::size_t>(r.input)].article : nullptr);
        }
        rows.push_back(r);
        result.articles.push_back(std::move(a));
      },
      progress);
  if (!stats) return std::unexpected(stats.error());
  result.pipeline = *stats;
  std::vector<std::size_t> input_row(inputs.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].input >= 0) input_row[static_cast<std::size_t>(rows[i].input)] = i;
  }
  // Translations: articles linked through the cross-lingual translation index join the
  // group of the first one read, and follow its event.
  if (options.translations) {
    TranslationIndex translations;
    for (const ClusterInput& in : inputs) translations.Add(in.article.xling);
    std::vector<std::size_t> first(inputs.size());
    for (std::size_t i = 0; i < first.size(); ++i) first[i] = i;
    auto find = [&](std::size_t x) {
      while (first[x] != x) x = first[x] = first[first[x]];
      return x;
    };
    for (const TranslationPair& t : translations.Pairs()) {
      dedup.AddTranslation(static_cast<std::uint32_t>(input_row[t.a]),
                           static_cast<std::uint32_t>(input_row[t.b]));
      std::size_t a = find(t.a), b = find(t.b);
      if (a != b) first[std::max(a, b)] = std::min(a, b);
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const std::size_t root = find(i);
      if (root != i) rows[input_row[i]].copy_of = static_cast<long>(input_row[root]);
    }
  }
  // An article clustered for its copies and translations takes the earliest date among them
  // (a dated wire copy dates the undated page it copies).
  auto root_of = [&](std::size_t i) {
    while (rows[i].copy_of >= 0) i = static_cast<std::size_t>(rows[i].copy_of);
    return i;
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].copy_of < 0 || std::isinf(rows[i].day)) continue;
    const std::size_t root = root_of(i);
    if (rows[root].input < 0 || rows[i].day >= rows[root].day) continue;
    rows[root].day = rows[i].day;
    inputs[static_cast<std::size_t>(rows[root].input)].day = rows[i].day;
  }
  // Clustering in time order, undated articles last (they join on content alone, once the
  // dated ones have set the events' times); copies and translations follow their original.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].copy_of < 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rows[a].day < rows[b].day; });
  EventClusterer clusterer(options.cluster);
  for (std::size_t i : order) {
    result.articles[i].event = static_cast<long>(
        clusterer.Add(std::move(inputs[static_cast<std::size_t>(rows[i].input)])));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].copy_of < 0) continue;
    const JobArticle& a = result.articles[i];
    clusterer.AddCopy(a.id, result.articles[static_cast<std::size_t>(rows[i].copy_of)].id, a.lang,
                      a.source);
    result.articles[i].event = clusterer.EventOf(result.articles[i].id);
  }
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < result.articles.size(); ++i) {
    index_of.emplace(result.articles[i].id, i);
  }
  for (const DedupGroup& g : dedup.Groups()) {
    for (const DedupMember& m : g.members) {
      auto it = index_of.find(m.id);
      if (it == index_of.end()) continue;
      result.articles[it->second].relation = m.relation;
      result.articles[it->second].duplicate_of = m.duplicate_of;
    }
  }
  result.events = clusterer.Events();
  result.stories = clusterer.Stories();
  result.dedup = dedup.stats();
  return result;
}

}  // namespace newsweave

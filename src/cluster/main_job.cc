#include "newsweave/main_job.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <thread>
#include <unordered_map>

#include "newsweave/parallel.h"
#include "newsweave/similarity.h"
#include "newsweave/xling.h"

namespace newsweave {
namespace {

// What the job keeps of an article between adding and clustering.
struct Row {
  double day = 0;     // for ordering: its date, or +infinity when it has none
  long copy_of = -1;  // the article it copies or translates, or -1
  long input = -1;    // index into the translation index (articles that are nobody's copy
                      // when added), or -1
};

}  // namespace

struct MainJob::Impl {
  MainJobOptions options;
  Deduplicator dedup;
  XlingAnalyzer xling{Lexicon::Default()};
  TranslationIndex translations;
  EventClusterer clusterer;
  PreparedArticle prepared;
  std::vector<PreparedArticle> batch_prepared;         // AddBatch's, reused
  std::vector<std::unique_ptr<XlingAnalyzer>> xlings;  // AddBatch's threads after the first

  MainJobResult result;                // articles (events filled at Flush), counters
  std::vector<Row> rows;               // per article
  std::vector<std::size_t> input_row;  // per translation-index entry, its row
  std::vector<std::size_t> parent;     // union-find over translation-index entries
  std::vector<ClusterInput> pending;   // described articles of the batch (by input - first)
  std::size_t batch_row = 0;           // first row of the batch
  std::uint32_t batch_input = 0;       // first translation-index entry of the batch

  explicit Impl(const MainJobOptions& o) : options(o), dedup(o.dedup), clusterer(o.cluster) {}

  std::size_t Find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  std::size_t RootOf(std::size_t row) const {
    while (rows[row].copy_of >= 0) row = static_cast<std::size_t>(rows[row].copy_of);
    return row;
  }

  // The bookkeeping of Add() for an article whose text is prepared: its row, its counters,
  // and what it copies among everything added so far. Returns true when it is nobody's copy
  // (then its ClusterInput, still to be described, is the last of `pending`).
  bool Record(const ProcessedArticle& p, const PreparedArticle& prepared_text) {
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
    const std::uint32_t copy_of =
        dedup.Add(p.article.id, p.article.published, body.size(), prepared_text);
    const bool original = copy_of == rows.size();
    if (!original) {
      r.copy_of = copy_of;
    } else {
      ClusterInput in;
      in.title = p.article.title;
      in.source = p.article.source;
      in.day = day;
      r.input = static_cast<long>(input_row.size());
      input_row.push_back(rows.size());
      parent.push_back(parent.size());
      pending.push_back(std::move(in));
    }
    rows.push_back(r);
    result.articles.push_back(std::move(a));
    return original;
  }

  // Describes an article for clustering. Of the readable labels only the names' are kept
  // (the clusterer names events with them; the terms' serve ScorePair's reasons only). The
  // entities go to `in->entities`, out of the representation that the translation index and
  // the clusterer share.
  static void Describe(const ProcessedArticle& p, XlingAnalyzer* x, ClusterInput* in) {
    in->article = DescribeArticle(p.article.id, p.article.title, p.article.published, p.clean.text,
                                  p.analysis);
    NeutralRepresentation rep;
    x->Represent(p.clean.text, p.analysis, p.article.published, &rep);
    std::vector<std::pair<std::uint64_t, std::string>>& labels = in->article.labels;
    const std::vector<std::uint64_t>& names = in->article.names;
    std::erase_if(labels, [&](const auto& l) {
      return !std::binary_search(names.begin(), names.end(), l.first);
    });
    labels.shrink_to_fit();
    in->entities = std::move(rep.entities);
    rep.entities = {};
    // The dates and numbers as written serve people (similarity reads their features).
    std::vector<DateMention>().swap(rep.dates);
    std::vector<NumberMention>().swap(rep.numbers);
    // Sorted and made unique in place, the vectors keep the capacity of all occurrences.
    rep.features.shrink_to_fit();
    rep.anchors.shrink_to_fit();
    in->article.xling = std::make_shared<const NeutralRepresentation>(std::move(rep));
    ComparableArticle& a = in->article;
    a.terms.shrink_to_fit();
    a.grams.shrink_to_fit();
    a.shingles.shrink_to_fit();
    a.names.shrink_to_fit();
    a.numbers.shrink_to_fit();
    a.title.shrink_to_fit();
    a.lead.shrink_to_fit();
  }

  // Calls options.on_article for row `row` (article `p`), once it is described.
  void Notify(std::size_t row, const ProcessedArticle& p) {
    if (!options.on_article) return;
    const long input = rows[row].input;
    options.on_article(
        row, p,
        input >= 0 ? &pending[static_cast<std::size_t>(input) - batch_input].entities : nullptr);
  }

  void Add(const ProcessedArticle& p) {
    dedup.Prepare(ComparedBody(p.clean.text, p.article.title), &prepared);
    if (Record(p, prepared)) Describe(p, &xling, &pending.back());
    Notify(rows.size() - 1, p);
  }

  // Add() of each article in order, with the signatures and descriptions (the costly,
  // independent parts) computed on `threads` threads; the same result as Add() one by one.
  void AddBatch(std::span<const ProcessedArticle> batch, int threads) {
    threads = ThreadCount(threads);
    batch_prepared.resize(std::max(batch_prepared.size(), batch.size()));
    ParallelFor(batch.size(), threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        dedup.Prepare(ComparedBody(batch[i].clean.text, batch[i].article.title),
                      &batch_prepared[i]);
      }
    });
    std::vector<std::pair<std::size_t, std::size_t>> to_describe;  // (article, pending slot)
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (Record(batch[i], batch_prepared[i])) to_describe.emplace_back(i, pending.size() - 1);
    }
    while (xlings.size() + 1 < static_cast<std::size_t>(threads)) {
      xlings.push_back(std::make_unique<XlingAnalyzer>(Lexicon::Default()));
    }
    ParallelForSlices(to_describe.size(), threads,
                      [&](std::size_t slice, std::size_t begin, std::size_t end) {
                        XlingAnalyzer* x = slice == 0 ? &xling : xlings[slice - 1].get();
                        for (std::size_t k = begin; k < end; ++k) {
                          Describe(batch[to_describe[k].first], x, &pending[to_describe[k].second]);
                        }
                      });
    if (!options.on_article) return;
    const std::size_t first = rows.size() - batch.size();
    ParallelFor(batch.size(), threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) Notify(first + i, batch[i]);
    });
  }

  // Translation pairs with at least one article of the batch: a new article joins the group
  // of the earliest article it is linked to; two groups of earlier batches stay apart.
  void LinkTranslations() {
    // The representations without their mentions (Describe), shared with the clusterer.
    for (const ClusterInput& in : pending) translations.Add(in.article.xling);
    for (const TranslationPair& t : translations.Pairs(batch_input, options.cluster.threads)) {
      const std::size_t a = Find(t.a), b = Find(t.b);
      if (a == b || std::max(a, b) < batch_input) continue;
      dedup.AddTranslation(static_cast<std::uint32_t>(input_row[t.a]),
                           static_cast<std::uint32_t>(input_row[t.b]));
      parent[std::max(a, b)] = std::min(a, b);
    }
    for (std::size_t i = batch_input; i < input_row.size(); ++i) {
      const std::size_t root = Find(i);
      if (root != i) rows[input_row[i]].copy_of = static_cast<long>(input_row[root]);
    }
  }

  // The clustering of the last batch when it runs in the background (Flush(true)); every
  // other use of the clusterer waits for it first.
  mutable std::thread clustering;
  void WaitForClustering() const {
    if (clustering.joinable()) clustering.join();
  }

  std::size_t Flush(bool in_background) {
    WaitForClustering();
    const std::size_t added = rows.size() - batch_row;
    if (options.translations) LinkTranslations();
    // An article of the batch clustered for its copies and translations takes the earliest
    // date among them (a dated wire copy dates the undated page it copies).
    for (std::size_t i = batch_row; i < rows.size(); ++i) {
      if (rows[i].copy_of < 0 || std::isinf(rows[i].day)) continue;
      const std::size_t root = RootOf(i);
      if (root < batch_row || rows[root].input < 0 || rows[i].day >= rows[root].day) continue;
      rows[root].day = rows[i].day;
      pending[static_cast<std::size_t>(rows[root].input) - batch_input].day = rows[i].day;
    }
    // Clustering in time order, undated articles last (they join on content alone, once the
    // dated ones have set the events' times); copies and translations follow their original.
    std::vector<std::size_t> order;
    for (std::size_t i = batch_row; i < rows.size(); ++i) {
      if (rows[i].copy_of < 0) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rows[a].day < rows[b].day; });
    // What the clusterer gets, taken out of the job's state so that the next batch can be
    // added while it works: the articles in order, then the copies (id, original, language,
    // source).
    std::vector<ClusterInput> inputs;
    inputs.reserve(order.size());
    for (std::size_t i : order) {
      inputs.push_back(std::move(pending[static_cast<std::size_t>(rows[i].input) - batch_input]));
    }
    std::vector<std::array<std::string, 4>> copies;
    for (std::size_t i = batch_row; i < rows.size(); ++i) {
      if (rows[i].copy_of < 0) continue;
      const JobArticle& a = result.articles[i];
      copies.push_back(
          {a.id, result.articles[static_cast<std::size_t>(rows[i].copy_of)].id, a.lang, a.source});
    }
    auto cluster = [this, inputs = std::move(inputs), copies = std::move(copies)]() mutable {
      for (ClusterInput& in : inputs) clusterer.Add(std::move(in));
      for (const auto& c : copies) clusterer.AddCopy(c[0], c[1], c[2], c[3]);
    };
    if (in_background) {
      clustering = std::thread(std::move(cluster));
    } else {
      cluster();
    }
    pending.clear();
    batch_row = rows.size();
    batch_input = static_cast<std::uint32_t>(input_row.size());
    return added;
  }
};

MainJob::MainJob(MainJobOptions options) : impl_(std::make_unique<Impl>(options)) {}
MainJob::~MainJob() { impl_->WaitForClustering(); }

void MainJob::Add(const ProcessedArticle& p) { impl_->Add(p); }
void MainJob::AddBatch(std::span<const ProcessedArticle> batch, int threads) {
  impl_->AddBatch(batch, threads);
}
std::size_t MainJob::Flush(bool in_background) { return impl_->Flush(in_background); }
std::size_t MainJob::size() const { return impl_->rows.size(); }
const MainJobOptions& MainJob::options() const { return impl_->options; }

MainJobResult MainJob::Result() const {
  const Impl& m = *impl_;
  m.WaitForClustering();
  MainJobResult result = m.result;
  std::unordered_map<std::string_view, std::size_t> index_of;
  index_of.reserve(result.articles.size());
  for (std::size_t i = 0; i < result.articles.size(); ++i) {
    JobArticle& a = result.articles[i];
    a.event = i < m.batch_row ? m.clusterer.EventOf(a.id) : -1;
    index_of.emplace(a.id, i);
  }
  for (const DedupGroup& g : m.dedup.Groups()) {
    for (const DedupMember& mem : g.members) {
      auto it = index_of.find(mem.id);
      if (it == index_of.end()) continue;
      result.articles[it->second].relation = mem.relation;
      result.articles[it->second].duplicate_of = mem.duplicate_of;
    }
  }
  m.clusterer.Summaries(&result.events, &result.stories);
  result.dedup = m.dedup.stats();
  return result;
}

Result<MainJobResult> RunMainJob(const std::vector<std::string>& paths,
                                 const MainJobOptions& options,
                                 const ArticleReader::DiagnosticSink& sink,
                                 const ProgressFn& progress) {
  MainJobOptions job_options = options;
  job_options.cluster.threads = ThreadCount(options.pipeline.threads);
  auto owned = std::make_unique<MainJob>(job_options);
  MainJob& job = *owned;
  PipelineOptions pipeline = options.pipeline;
  std::size_t flushed = 0;  // articles clustered
  pipeline.analyze_text = true;
  pipeline.identify_language = true;
  auto stats = RunPipelineBatches(
      paths, pipeline, sink,
      [&](std::span<ProcessedArticle> batch) {
        job.AddBatch(batch, pipeline.threads);
        if (options.flush_articles && job.size() - flushed >= options.flush_articles) {
          job.Flush(options.cluster_in_background);
          flushed = job.size();
        }
      },
      progress);
  if (!stats) return std::unexpected(stats.error());
  job.Flush();
  MainJobResult result = job.Result();
  result.pipeline = *stats;
  if (options.leave_memory_to_exit) {
    // Still reachable (a leak checker does not report it), never freed.
    static auto* left = new std::vector<std::unique_ptr<MainJob>>();
    left->push_back(std::move(owned));
  }
  return result;
}

}  // namespace newsweave

#include "newsweave/collection.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string_view>
#include <unordered_set>

#include "newsweave/dedup.h"
#include "text/stemmer.h"

namespace newsweave {
namespace {

// Languages whose words a query may be in, besides English (those the lexicon translates).
constexpr std::string_view kQueryLanguages[] = {"fr", "de", "es", "it", "pt", "nl", "pl", "sv"};

// An event as the store keeps it, from the job's summary.
StoredEvent ToStored(const EventSummary& e) {
  StoredEvent out;
  out.id = e.id;
  out.story = e.story;
  out.headline = e.headline;
  out.start = e.start;
  out.end = e.end;
  out.languages = e.languages;
  out.sources = e.sources;
  out.entities = e.entities;
  out.articles = static_cast<std::int64_t>(e.articles.size());
  return out;
}

bool SameEvent(const StoredEvent& a, const StoredEvent& b) {
  return a.story == b.story && a.headline == b.headline && a.start == b.start && a.end == b.end &&
         a.languages == b.languages && a.sources == b.sources && a.entities == b.entities &&
         a.articles == b.articles;
}

bool SameLink(const ArticleLink& a, const ArticleLink& b) {
  return a.event == b.event && a.story == b.story && a.relation == b.relation &&
         a.duplicate_of == b.duplicate_of;
}

// Stories with their totals, from the job's result.
std::vector<StoredStory> StoriesOf(const MainJobResult& r) {
  std::map<std::string, std::size_t> event_index;
  for (std::size_t i = 0; i < r.events.size(); ++i) event_index.emplace(r.events[i].id, i);
  std::vector<StoredStory> out;
  for (const StorySummary& s : r.stories) {
    StoredStory st;
    st.id = s.id;
    st.title = s.title;
    st.events = s.events;
    std::vector<std::string> sources;
    for (const std::string& id : s.events) {
      auto it = event_index.find(id);
      if (it == event_index.end()) continue;
      const EventSummary& e = r.events[it->second];
      if (!e.start.empty() && (st.start.empty() || e.start < st.start)) st.start = e.start;
      if (e.end > st.end) st.end = e.end;
      st.languages.insert(st.languages.end(), e.languages.begin(), e.languages.end());
      sources.insert(sources.end(), e.sources.begin(), e.sources.end());
      st.articles += static_cast<std::int64_t>(e.articles.size());
    }
    std::sort(st.languages.begin(), st.languages.end());
    st.languages.erase(std::unique(st.languages.begin(), st.languages.end()), st.languages.end());
    std::sort(sources.begin(), sources.end());
    st.sources = std::unique(sources.begin(), sources.end()) - sources.begin();
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace

void AnalyzeStored(const StoredArticle& article, Analyzer* analyzer, Analysis* out) {
  analyzer->Segment(article.clean.text, article.lang, out);
  out->language.code = article.lang;
}

std::string PivotStems(const Analysis& analysis, std::string_view lang, const Lexicon* lexicon) {
  std::unordered_set<std::string_view> seen;
  std::string out;
  auto add = [&](std::string_view stem) {
    if (stem.size() < 2 || !seen.insert(stem).second) return;
    if (!out.empty()) out.push_back(' ');
    out.append(stem);
  };
  std::vector<PivotTranslation> translations;
  for (const Token& t : analysis.tokens) {
    if (t.kind != TokenKind::kWord || t.stopword) continue;
    if (lang == "en" || lexicon == nullptr) {
      add(analysis.Stem(t));
      continue;
    }
    translations = lexicon->Translate(lang, analysis.Folded(t), analysis.Stem(t));
    for (std::size_t i = 0; i < translations.size() && i < 2; ++i) add(translations[i].english);
  }
  return out;
}

std::string CrossLingualQuery(std::string_view query, const Lexicon* lexicon, bool any_word) {
  // Analyzers and stemmers are costly to make and not thread-safe: one set per thread.
  thread_local Analyzer analyzer;
  thread_local text::Stemmer english("en");
  thread_local std::vector<std::unique_ptr<text::Stemmer>> stemmers;
  if (stemmers.empty()) {
    for (std::string_view lang : kQueryLanguages) {
      stemmers.push_back(std::make_unique<text::Stemmer>(lang));
    }
  }
  Analysis analysis;
  analyzer.Segment(query, "und", &analysis);
  std::string out;
  auto quoted = [](std::string_view s) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (const Token& t : analysis.tokens) {
    if (t.kind == TokenKind::kOther) continue;
    const std::string folded(analysis.Folded(t));
    if (folded.empty()) continue;
    std::vector<std::string> stems;
    if (t.kind == TokenKind::kWord) {
      stems.emplace_back(english.Stem(folded));
      if (lexicon) {
        for (std::size_t l = 0; l < std::size(kQueryLanguages); ++l) {
          text::Stemmer& stemmer = *stemmers[l];
          const std::string stem(stemmer.ok() ? stemmer.Stem(folded) : folded);
          for (const PivotTranslation& p : lexicon->Translate(kQueryLanguages[l], folded, stem)) {
            stems.emplace_back(p.english);
          }
        }
      }
    }
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    std::string group = "(" + quoted(folded);
    for (const std::string& s : stems) {
      if (!s.empty()) group += " OR pivot : " + quoted(s);
    }
    group += ")";
    if (!out.empty()) out += any_word ? " OR " : " AND ";
    out += group;
  }
  return out;
}

struct Collection::Impl {
  CollectionOptions options;
  std::unique_ptr<Store> store;
  MainJob job;
  Deduplicator words;  // for its exact-copy key (the hash of the words); made once
  Analyzer analyzer;
  // What the store holds, to write only what changes: per article (in job order) its link,
  // and per event its stored form.
  std::vector<ArticleLink> written_links;
  std::vector<StoredEvent> written_events;

  explicit Impl(const CollectionOptions& o) : options(o), job(o.job), words(o.job.dedup) {}

  // Writes the links, events and stories of `r` (the job's result) that differ from what the
  // store holds. What the store holds is updated only when the write commits: after a failed
  // write, the next one writes the same changes again.
  Status WriteChanges(const MainJobResult& r) {
    std::vector<std::pair<std::string, ArticleLink>> links;
    std::vector<ArticleLink> now_links(r.articles.size());
    for (std::size_t i = 0; i < r.articles.size(); ++i) {
      const JobArticle& a = r.articles[i];
      ArticleLink& l = now_links[i];
      if (a.event >= 0 && static_cast<std::size_t>(a.event) < r.events.size()) {
        l.event = r.events[static_cast<std::size_t>(a.event)].id;
        l.story = r.events[static_cast<std::size_t>(a.event)].story;
      }
      l.relation = a.relation;
      l.duplicate_of = a.duplicate_of;
      if (i >= written_links.size() || !SameLink(l, written_links[i])) links.emplace_back(a.id, l);
    }
    std::vector<StoredEvent> events;
    std::vector<StoredEvent> now_events(r.events.size());
    for (std::size_t i = 0; i < r.events.size(); ++i) {
      now_events[i] = ToStored(r.events[i]);
      if (i >= written_events.size() || written_events[i].id.empty() ||
          !SameEvent(now_events[i], written_events[i])) {
        events.push_back(now_events[i]);
      }
    }
    if (auto st = store->WriteResults(links, events, StoriesOf(r)); !st) return st;
    written_links = std::move(now_links);
    written_events = std::move(now_events);
    return {};
  }

  ProcessedArticle Replayed(StoredArticle& a) {
    ProcessedArticle p;
    AnalyzeStored(a, &analyzer, &p.analysis);
    p.article = std::move(a.article);
    p.clean = std::move(a.clean);
    return p;
  }
};

Collection::Collection() = default;
Collection::~Collection() = default;
Store& Collection::store() { return *impl_->store; }
MainJobResult Collection::Snapshot() const { return impl_->job.Result(); }

Result<std::unique_ptr<Collection>> Collection::Open(const std::string& path,
                                                     const CollectionOptions& options,
                                                     const ProgressFn& progress) {
  auto store = Store::Open(path, options.store);
  if (!store) return std::unexpected(store.error());
  std::unique_ptr<Collection> c(new Collection());
  c->impl_ = std::make_unique<Impl>(options);
  Impl& m = *c->impl_;
  m.store = std::move(*store);
  auto counts = m.store->Counts();
  if (!counts) return std::unexpected(counts.error());
  const std::uint64_t total = static_cast<std::uint64_t>(counts->articles);
  std::int64_t batch = -1;
  std::uint64_t done = 0;
  std::vector<std::pair<std::string, std::string>> missing_pivots;
  const Lexicon* lexicon = Lexicon::Default();
  auto st = m.store->ForEachArticle([&](StoredArticle& a) {
    if (a.batch != batch && batch >= 0) m.job.Flush();
    batch = a.batch;
    m.written_links.push_back(a.link);
    const std::string id = a.article.id;
    const bool needs_pivot = a.pivot.empty();
    const std::string lang = a.lang;
    ProcessedArticle p = m.Replayed(a);
    if (needs_pivot) {
      missing_pivots.emplace_back(id, PivotStems(p.analysis, lang, lexicon));
    }
    m.job.Add(p);
    if (progress && (++done % 256 == 0 || done == total)) progress(done, total);
    return true;
  });
  if (!st) return std::unexpected(st.error());
  m.job.Flush();
  if (!missing_pivots.empty()) {
    if (auto s = m.store->SetPivots(missing_pivots); !s) return std::unexpected(s.error());
  }
  if (auto s = m.WriteChanges(m.job.Result()); !s) return std::unexpected(s.error());
  return c;
}

Result<IngestReport> Collection::Ingest(const std::vector<std::string>& paths,
                                        const std::string& what,
                                        const ArticleReader::DiagnosticSink& sink,
                                        const ProgressFn& progress) {
  Impl& m = *impl_;
  auto ingest = m.store->BeginIngest(what);
  if (!ingest) return std::unexpected(ingest.error());
  IngestReport report;
  const Lexicon* lexicon = Lexicon::Default();
  PreparedArticle prepared;
  std::vector<StoredArticle> batch;
  std::vector<Analysis> analyses;  // of the batch's articles (their text lives in `batch`)
  std::vector<bool> added;
  std::vector<std::string> added_ids;
  Status failure;
  // Stored a batch at a time, one transaction each: a crash loses at most the batch being
  // written, and running the same ingest again adds exactly what is missing.
  auto flush = [&] {
    if (batch.empty() || !failure) return;
    auto counts = m.store->AddArticles(batch, &added);
    if (!counts) {
      failure = std::unexpected(counts.error());
    } else {
      report.counts.added += counts->added;
      report.counts.same_id += counts->same_id;
      report.counts.same_url += counts->same_url;
      report.counts.same_text += counts->same_text;
      ProcessedArticle p;
      const std::size_t first = added_ids.size();
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!added[i]) continue;
        p.article = std::move(batch[i].article);
        p.clean = std::move(batch[i].clean);
        p.analysis = std::move(analyses[i]);
        m.job.Add(p);
        added_ids.push_back(std::move(p.article.id));
      }
      if (m.options.committed) {
        m.options.committed(std::span<const std::string>(added_ids).subspan(first));
      }
    }
    batch.clear();
    analyses.clear();
  };
  PipelineOptions pipeline = m.options.job.pipeline;
  pipeline.analyze_text = true;
  pipeline.identify_language = true;
  auto stats = RunPipeline(
      paths, pipeline, sink,
      [&](const ProcessedArticle& p) {
        StoredArticle a;
        a.article = p.article;
        a.clean = p.clean;
        a.lang = p.analysis.language.code;
        m.words.Prepare(ComparedBody(p.clean.text, p.article.title), &prepared);
        a.exact_hash = prepared.shingles > 0 ? prepared.exact : 0;
        a.pivot = PivotStems(p.analysis, a.lang, lexicon);
        a.batch = *ingest;
        batch.push_back(std::move(a));
        analyses.push_back(p.analysis);
        if (batch.size() >= m.options.batch) flush();
      },
      progress);
  flush();
  if (!stats) return std::unexpected(stats.error());
  report.pipeline = *stats;
  m.job.Flush();
  if (!failure) return std::unexpected(failure.error());
  const MainJobResult r = m.job.Result();
  if (auto s = m.WriteChanges(r); !s) return std::unexpected(s.error());
  if (auto s = m.store->FinishIngest(*ingest, report.counts); !s) {
    return std::unexpected(s.error());
  }
  std::map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < r.articles.size(); ++i) index.emplace(r.articles[i].id, i);
  for (const std::string& id : added_ids) {
    const JobArticle& a = r.articles[index[id]];
    report.events.emplace_back(
        id, a.event >= 0 ? r.events[static_cast<std::size_t>(a.event)].id : std::string());
  }
  return report;
}

}  // namespace newsweave

#include "server/api.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "newsweave/quotes.h"
#include "newsweave/similarity.h"
#include "newsweave/xling.h"

namespace newsweave::server {
namespace {

using nlohmann::json;

// Events listed per story in the list of stories (the latest ones; the story's own page
// lists all).
constexpr std::size_t kListedEvents = 12;
// Articles of an event read for who said what (the first ones stored).
constexpr std::size_t kStatementArticles = 60;

ApiResponse Ok(const json& j) {
  return {200, j.dump(-1, ' ', false, json::error_handler_t::replace)};
}

// An error from the store: 404 for unknown ids, 400 for bad queries, 500 otherwise.
ApiResponse FromError(const Error& e) {
  switch (e.code) {
    case ErrorCode::kNotFound:
      return ErrorResponse(404, e.message);
    case ErrorCode::kInvalidArgument:
      return ErrorResponse(400, e.message);
    default:
      return ErrorResponse(500, e.message);
  }
}

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json Brief(const ArticleBrief& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"lang", a.lang},
          {"source", a.source},
          {"published", a.published},
          {"event", NullIfEmpty(a.link.event)},
          {"relation", NullIfEmpty(a.link.relation)},
          {"duplicate_of", NullIfEmpty(a.link.duplicate_of)}};
}

json EventBrief(const StoredEvent& e) {
  return {{"id", e.id},
          {"story", e.story},
          {"headline", e.headline},
          {"start", e.start},
          {"end", e.end},
          {"languages", e.languages},
          {"sources", e.sources.size()},
          {"articles", e.articles}};
}

// A story with its events (the latest `max_events` of them, in time order).
Result<json> StoryJson(Store& store, const StoredStory& s, std::size_t max_events) {
  json events = json::array();
  const std::size_t first = s.events.size() > max_events ? s.events.size() - max_events : 0;
  for (std::size_t i = first; i < s.events.size(); ++i) {
    const std::string& id = s.events[i];
    auto e = store.GetEvent(id);
    if (!e) {
      if (e.error().code == ErrorCode::kNotFound) continue;  // written since; skip
      return std::unexpected(e.error());
    }
    events.push_back(EventBrief(*e));
  }
  return json{{"id", s.id},
              {"title", s.title},
              {"start", s.start},
              {"end", s.end},
              {"languages", s.languages},
              {"sources", s.sources},
              {"articles", s.articles},
              {"event_count", s.events.size()},
              {"events", std::move(events)}};
}

// Analyzers are costly to make and not thread-safe: one set per server thread.
struct ThreadAnalyzers {
  Analyzer analyzer;
  XlingAnalyzer xling{Lexicon::Default()};
};
ThreadAnalyzers& Analyzers() {
  thread_local ThreadAnalyzers analyzers;
  return analyzers;
}

// The comparable form of a stored article.
ComparableArticle Describe(const StoredArticle& a) {
  ThreadAnalyzers& t = Analyzers();
  Analysis analysis;
  AnalyzeStored(a, &t.analyzer, &analysis);
  return DescribeArticle(a.article.id, a.article.title, a.article.published, a.clean.text, analysis,
                         &t.xling);
}

// What a list shows of a stored article.
json BriefOf(const StoredArticle& a) {
  return Brief(ArticleBrief{a.article.id, a.article.title, a.lang, a.article.source,
                            a.article.published, a.link});
}

SimilarityScores Score(const ComparableArticle& a, const ComparableArticle& b) {
  TermStatistics stats;
  stats.Add(a);
  stats.Add(b);
  return ScorePair(a, b, stats);
}

std::string_view Label(const ComparableArticle& c, std::uint64_t key) {
  auto it = std::lower_bound(c.labels.begin(), c.labels.end(), key,
                             [](const auto& l, std::uint64_t k) { return l.first < k; });
  return it != c.labels.end() && it->first == key ? std::string_view(it->second)
                                                  : std::string_view();
}

// Surface forms each article uses for what both share: names, terms and cross-lingual
// entities; for highlighting.
void SharedWords(const ComparableArticle& a, const ComparableArticle& b, json* entities,
                 json* terms_a, json* terms_b) {
  std::set<std::string> ents, ta, tb;
  std::set<std::uint64_t> names_b(b.names.begin(), b.names.end());
  for (std::uint64_t n : a.names) {
    if (!names_b.count(n)) continue;
    const std::string_view la = Label(a, n), lb = Label(b, n);
    if (!la.empty()) ents.emplace(la), ta.emplace(la);
    if (!lb.empty()) tb.emplace(lb);
  }
  std::set<std::uint64_t> terms_of_b;
  for (const TermCount& t : b.terms) terms_of_b.insert(t.term);
  for (const TermCount& t : a.terms) {
    if (!terms_of_b.count(t.term)) continue;
    const std::string_view la = Label(a, t.term), lb = Label(b, t.term);
    if (la.size() >= 4) ta.emplace(la);
    if (lb.size() >= 4) tb.emplace(lb);
  }
  for (const EntityMention& ea : a.neutral().entities) {
    for (const EntityMention& eb : b.neutral().entities) {
      bool shared = false;
      for (const std::string& k : ea.keys) {
        shared = shared || std::find(eb.keys.begin(), eb.keys.end(), k) != eb.keys.end();
      }
      if (!shared) continue;
      ents.insert(ea.text);
      ta.insert(ea.text);
      tb.insert(eb.text);
    }
  }
  *entities = json(std::vector<std::string>(ents.begin(), ents.end()));
  *terms_a = json(std::vector<std::string>(ta.begin(), ta.end()));
  *terms_b = json(std::vector<std::string>(tb.begin(), tb.end()));
}

// Who said what in an event: the statements of its articles (at most `max_articles` of
// them, in the order stored), grouped across languages.
Result<json> StatementsJson(Store& store, const std::vector<ArticleBrief>& members,
                            std::size_t max_articles) {
  ThreadAnalyzers& t = Analyzers();
  std::vector<ArticleStatements> found;
  found.reserve(std::min(members.size(), max_articles));
  std::vector<ArticleStatementsRef> refs;
  for (std::size_t i = 0; i < members.size() && i < max_articles; ++i) {
    auto a = store.GetArticle(members[i].id);
    if (!a) return std::unexpected(a.error());
    Analysis analysis;
    AnalyzeStored(*a, &t.analyzer, &analysis);
    std::vector<EntityMention> entities;
    t.xling.FindEntities(a->clean.text, analysis, &entities);
    found.push_back(ExtractStatements(a->clean.text, analysis, entities));
    refs.push_back(ArticleStatementsRef{
        a->article.id, a->lang, nullptr,
        a->link.relation == "translation" ? a->link.duplicate_of : std::string()});
  }
  for (std::size_t i = 0; i < refs.size(); ++i) refs[i].statements = &found[i];
  const EventStatements grouped = GroupStatements(refs);
  json quotes = json::array();
  for (const EventQuote& q : grouped.quotes) {
    json renderings = json::array();
    for (const QuoteRendering& r : q.renderings) {
      renderings.push_back(
          {{"article", r.article}, {"lang", r.lang}, {"text", r.text}, {"speaker", r.speaker}});
    }
    quotes.push_back({{"speaker", q.speaker}, {"renderings", std::move(renderings)}});
  }
  json claims = json::array();
  for (const EventClaim& c : grouped.claims) {
    claims.push_back({{"actor", c.claim.actor},
                      {"stance", std::string(StanceName(c.claim.stance))},
                      {"target", c.claim.target},
                      {"text", c.claim.text},
                      {"lang", c.claim.lang},
                      {"article", c.article},
                      {"replies_to", c.replies_to}});
  }
  return json{{"quotes", std::move(quotes)}, {"claims", std::move(claims)}};
}

json ScoresJson(const SimilarityScores& s) {
  return {{"overall", s.overall}, {"geography", s.geography}, {"entities", s.entities},
          {"time", s.time},       {"narrative", s.narrative}, {"reasons", s.reasons}};
}

}  // namespace

ApiResponse ErrorResponse(int status, std::string_view message) {
  json j = {{"error", {{"status", status}, {"message", std::string(message)}}}};
  return {status, j.dump(-1, ' ', false, json::error_handler_t::replace)};
}

ApiResponse Health(Store& store) {
  auto c = store.Counts();
  if (!c) return FromError(c.error());
  return Ok({{"ok", true},
             {"articles", c->articles},
             {"events", c->events},
             {"stories", c->stories},
             {"schema_version", store.schema_version()}});
}

ApiResponse ListStories(Store& store, std::int64_t offset, std::int64_t limit) {
  std::int64_t total = 0;
  auto stories = store.ListStories(offset, limit, &total);
  if (!stories) return FromError(stories.error());
  json list = json::array();
  for (const StoredStory& s : *stories) {
    auto j = StoryJson(store, s, kListedEvents);
    if (!j) return FromError(j.error());
    list.push_back(std::move(*j));
  }
  return Ok({{"total", total}, {"offset", offset}, {"limit", limit}, {"stories", list}});
}

ApiResponse GetStory(Store& store, const std::string& id) {
  auto s = store.GetStory(id);
  if (!s) return FromError(s.error());
  auto j = StoryJson(store, *s, s->events.size());
  if (!j) return FromError(j.error());
  auto days = store.StoryDays(id);
  if (!days) return FromError(days.error());
  json d = json::array();
  for (const DayCount& c : *days) {
    d.push_back({{"day", c.day}, {"lang", c.lang}, {"articles", c.articles}});
  }
  (*j)["days"] = std::move(d);
  return Ok(*j);
}

ApiResponse GetEvent(Store& store, const std::string& id) {
  auto e = store.GetEvent(id);
  if (!e) return FromError(e.error());
  auto members = store.EventArticles(id);
  if (!members) return FromError(members.error());
  json j = EventBrief(*e);
  j["entities"] = e->entities;
  j["source_names"] = e->sources;
  // Representatives, each with its copies and translations under it.
  std::set<std::string> ids;
  for (const ArticleBrief& a : *members) ids.insert(a.id);
  std::map<std::string, json> copies;
  for (const ArticleBrief& a : *members) {
    if (!a.link.duplicate_of.empty() && ids.count(a.link.duplicate_of)) {
      copies[a.link.duplicate_of].push_back(Brief(a));
    }
  }
  json articles = json::array();
  for (const ArticleBrief& a : *members) {
    if (!a.link.duplicate_of.empty() && ids.count(a.link.duplicate_of)) continue;
    json b = Brief(a);
    auto it = copies.find(a.id);
    b["copies"] = it == copies.end() ? json::array() : it->second;
    articles.push_back(std::move(b));
  }
  j["articles"] = std::move(articles);
  auto statements = StatementsJson(store, *members, kStatementArticles);
  if (!statements) return FromError(statements.error());
  j["quotes"] = std::move((*statements)["quotes"]);
  j["claims"] = std::move((*statements)["claims"]);
  return Ok(j);
}

ApiResponse GetArticle(Store& store, const std::string& id) {
  auto a = store.GetArticle(id);
  if (!a) return FromError(a.error());
  auto copies = store.CopiesOf(id);
  if (!copies) return FromError(copies.error());
  json j = BriefOf(*a);
  j["url"] = a->article.url;
  j["story"] = NullIfEmpty(a->link.story);
  j["text"] = a->article.text;
  j["clean"] = a->clean.text;
  json removed = json::array();
  const std::string& raw = a->article.text;
  for (const RemovedSpan& r : a->clean.removed) {
    const std::size_t start = std::min<std::size_t>(r.start, raw.size());
    const std::size_t end = std::clamp<std::size_t>(r.end, start, raw.size());
    removed.push_back({{"start", r.start},
                       {"end", r.end},
                       {"reason", r.reason},
                       {"text", raw.substr(start, end - start)}});
  }
  j["removed"] = std::move(removed);
  json c = json::array();
  for (const ArticleBrief& b : *copies) c.push_back(Brief(b));
  j["copies"] = std::move(c);
  return Ok(j);
}

ApiResponse SimilarArticles(Store& store, const std::string& id, int limit) {
  auto a = store.GetArticle(id);
  if (!a) return FromError(a.error());
  // Candidates: the articles of its event, and those the search index finds for its title
  // and lead in any language.
  std::vector<std::string> candidates;
  if (!a->link.event.empty()) {
    auto members = store.EventArticles(a->link.event);
    if (!members) return FromError(members.error());
    for (const ArticleBrief& m : *members) candidates.push_back(m.id);
  }
  std::string probe = a->article.title + " " + a->clean.text.substr(0, 300);
  const std::string query = CrossLingualQuery(probe, Lexicon::Default(), /*any_word=*/true);
  if (!query.empty()) {
    auto hits = store.Search(query, 40);
    if (hits) {
      for (const SearchHit& h : *hits) candidates.push_back(h.id);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  const ComparableArticle ca = Describe(*a);
  std::vector<std::pair<double, json>> scored;
  for (const std::string& other : candidates) {
    if (other == id) continue;
    auto b = store.GetArticle(other);
    if (!b) continue;
    const SimilarityScores s = Score(ca, Describe(*b));
    json j = BriefOf(*b);
    j["overall"] = s.overall;
    j["reasons"] = s.reasons;
    scored.emplace_back(s.overall, std::move(j));
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  json list = json::array();
  for (std::size_t i = 0; i < scored.size() && static_cast<int>(i) < limit; ++i) {
    list.push_back(std::move(scored[i].second));
  }
  return Ok({{"id", id}, {"similar", std::move(list)}});
}

ApiResponse Search(Store& store, std::string_view query, int limit) {
  const std::string fts = CrossLingualQuery(query, Lexicon::Default());
  if (fts.empty()) return ErrorResponse(400, "the query has no word to search for");
  auto hits = store.Search(fts, limit);
  if (!hits) return FromError(hits.error());
  json results = json::array();
  for (const SearchHit& h : *hits) {
    auto b = store.GetBrief(h.id);
    if (!b) continue;
    json j = Brief(*b);
    j["snippet"] = h.snippet;
    results.push_back(std::move(j));
  }
  return Ok({{"query", std::string(query)}, {"results", std::move(results)}});
}

ApiResponse Similarity(Store& store, const std::string& a, const std::string& b) {
  auto sa = store.GetArticle(a);
  if (!sa) return FromError(sa.error());
  auto sb = store.GetArticle(b);
  if (!sb) return FromError(sb.error());
  const ComparableArticle ca = Describe(*sa), cb = Describe(*sb);
  json j = ScoresJson(Score(ca, cb));
  j["a"] = BriefOf(*sa);
  j["b"] = BriefOf(*sb);
  j["a"]["clean"] = sa->clean.text;
  j["b"]["clean"] = sb->clean.text;
  json entities, terms_a, terms_b;
  SharedWords(ca, cb, &entities, &terms_a, &terms_b);
  j["shared_entities"] = std::move(entities);
  j["terms_a"] = std::move(terms_a);
  j["terms_b"] = std::move(terms_b);
  return Ok(j);
}

ApiResponse PostArticles(Collection& collection, std::string_view body,
                         const std::string& scratch_file) {
  std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return ErrorResponse(400, "empty body: send JSON articles");
  {
    std::ofstream out(scratch_file, std::ios::binary | std::ios::trunc);
    // One object over several lines (pretty-printed) is one article: written as one line.
    json whole = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (body[first] == '{' && whole.is_object()) {
      out << whole.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    } else {
      out.write(body.data(), static_cast<std::streamsize>(body.size()));
    }
    if (!out) return ErrorResponse(500, "cannot write the request body to " + scratch_file);
  }
  json errors = json::array();
  auto report = collection.Ingest({scratch_file}, "POST /api/articles", [&](const Diagnostic& d) {
    errors.push_back(
        {{"line", d.line},
         {"severity", d.severity == Diagnostic::Severity::kError ? "error" : "warning"},
         {"message", d.message}});
  });
  std::remove(scratch_file.c_str());
  if (!report) {
    return report.error().code == ErrorCode::kIOError ? ErrorResponse(500, report.error().message)
                                                      : ErrorResponse(400, report.error().message);
  }
  const IngestCounts& c = report->counts;
  json articles = json::array();
  for (const auto& [id, event] : report->events) {
    articles.push_back({{"id", id}, {"event", NullIfEmpty(event)}});
  }
  json j = {{"added", c.added},         {"same_id", c.same_id}, {"same_url", c.same_url},
            {"same_text", c.same_text}, {"errors", errors},     {"articles", articles}};
  if (c.added + c.same_id + c.same_url + c.same_text == 0) {
    j["error"] = {{"status", 400}, {"message", "no line of the body is an article"}};
    return {400, j.dump(-1, ' ', false, json::error_handler_t::replace)};
  }
  return Ok(j);
}

}  // namespace newsweave::server

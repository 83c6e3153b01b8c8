#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/diagnostics.h"
#include "cli/json_text.h"
#include "cli/progress.h"
#include "newsweave/collection.h"
#include "newsweave/main_job.h"
#include "newsweave/quotes.h"

namespace newsweave::cli {
namespace {

std::string Bytes(uint64_t n) {
  char buf[32];
  if (n < 10000) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(n));
  } else if (n < 10000000) {
    std::snprintf(buf, sizeof buf, "%.1f KB", n / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", n / 1e6);
  }
  return buf;
}

// Cuts UTF-8 text to at most `max` bytes on a character boundary, adding "…" when cut.
std::string Shorten(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

// An event's "quotes" and "claims" (issue 10): each quote with its speaker and first
// rendering, and all renderings (one per article and language quoting the same words); each
// claim with "replies_to" (the index of the claim a denial answers) or null.
void AppendStatements(const EventStatements& st, std::string* out) {
  auto str = [&](const char* key, std::string_view v) {
    out->append(",\"");
    out->append(key);
    out->append("\":");
    AppendJsonString(v, out);
  };
  out->append(",\"quotes\":[");
  for (std::size_t i = 0; i < st.quotes.size(); ++i) {
    const EventQuote& q = st.quotes[i];
    const QuoteRendering& first = q.renderings.front();
    out->append(i ? ",{\"speaker\":" : "{\"speaker\":");
    AppendJsonString(q.speaker, out);
    str("speaker_key", q.speaker_key);
    str("text", first.text);
    str("language", first.lang);
    str("article", first.article);
    out->append(",\"renderings\":[");
    for (std::size_t k = 0; k < q.renderings.size(); ++k) {
      out->append(k ? ",{\"text\":" : "{\"text\":");
      AppendJsonString(q.renderings[k].text, out);
      str("language", q.renderings[k].lang);
      str("article", q.renderings[k].article);
      str("speaker", q.renderings[k].speaker);
      out->push_back('}');
    }
    out->append("]}");
  }
  out->append("],\"claims\":[");
  for (std::size_t i = 0; i < st.claims.size(); ++i) {
    const Claim& c = st.claims[i].claim;
    out->append(i ? ",{\"actor\":" : "{\"actor\":");
    AppendJsonString(c.actor, out);
    str("actor_key", c.actor_key);
    str("stance", StanceName(c.stance));
    str("target", c.target);
    str("target_key", c.target_key);
    str("text", c.text);
    str("article", st.claims[i].article);
    str("language", c.lang);
    str("cue", c.cue);
    out->append(",\"content\":[");
    for (std::size_t k = 0; k < c.content.size(); ++k) {
      if (k) out->push_back(',');
      AppendJsonString(c.content[k], out);
    }
    out->append("],\"replies_to\":");
    out->append(st.claims[i].replies_to < 0 ? "null" : std::to_string(st.claims[i].replies_to));
    out->push_back('}');
  }
  out->push_back(']');
}

// The contract's JSON object: articles, events, stories.
void PrintJson(const std::vector<JobArticle>& rows, const std::vector<EventSummary>& events,
               const std::vector<StorySummary>& stories,
               const std::vector<EventStatements>& statements) {
  std::string out = "{\"articles\":[";
  // Written out in pieces of about a megabyte: a large run's JSON is gigabytes.
  auto write_some = [&] {
    if (out.size() < (1u << 20)) return;
    std::cout << out;
    out.clear();
  };
  auto list = [&](const std::vector<std::string>& v) {
    out.push_back('[');
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out.push_back(',');
      AppendJsonString(v[i], &out);
    }
    out.push_back(']');
  };
  auto nullable = [&](const std::string& s) {
    if (s.empty()) {
      out.append("null");
    } else {
      AppendJsonString(s, &out);
    }
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const JobArticle& r = rows[i];
    out.append(i ? ",{\"id\":" : "{\"id\":");
    AppendJsonString(r.id, &out);
    out.append(",\"lang\":");
    AppendJsonString(r.lang, &out);
    out.append(",\"title\":");
    AppendJsonString(r.title, &out);
    const EventSummary* e = r.event >= 0 ? &events[static_cast<std::size_t>(r.event)] : nullptr;
    out.append(",\"event\":");
    nullable(e ? e->id : "");
    out.append(",\"story\":");
    nullable(e ? e->story : "");
    out.append(",\"duplicate_of\":");
    nullable(r.duplicate_of);
    out.append(",\"relation\":");
    nullable(r.relation);
    out.push_back('}');
    write_some();
  }
  out.append("],\"events\":[");
  for (std::size_t i = 0; i < events.size(); ++i) {
    const EventSummary& e = events[i];
    out.append(i ? ",{\"id\":" : "{\"id\":");
    AppendJsonString(e.id, &out);
    out.append(",\"story\":");
    AppendJsonString(e.story, &out);
    out.append(",\"articles\":");
    list(e.articles);
    out.append(",\"headline\":");
    AppendJsonString(e.headline, &out);
    out.append(",\"languages\":");
    list(e.languages);
    out.append(",\"entities\":");
    list(e.entities);
    out.append(",\"sources\":");
    list(e.sources);
    out.append(",\"start\":");
    nullable(e.start);
    out.append(",\"end\":");
    nullable(e.end);
    if (i < statements.size()) AppendStatements(statements[i], &out);
    out.push_back('}');
    write_some();
  }
  out.append("],\"stories\":[");
  for (std::size_t i = 0; i < stories.size(); ++i) {
    out.append(i ? ",{\"id\":" : "{\"id\":");
    AppendJsonString(stories[i].id, &out);
    out.append(",\"title\":");
    AppendJsonString(stories[i].title, &out);
    out.append(",\"events\":");
    list(stories[i].events);
    out.push_back('}');
    write_some();
  }
  out.append("]}\n");
  std::cout << out << std::flush;
}

// A few "who said what" lines: the most quoted speakers' words with the languages they were
// reported in, then claims with the denials that answer them.
void PrintStatements(const EventStatements& st) {
  if (st.quotes.empty() && st.claims.empty()) return;
  std::printf("        who said what:\n");
  const std::size_t shown = std::min<std::size_t>(st.quotes.size(), 4);
  for (std::size_t i = 0; i < shown; ++i) {
    const EventQuote& q = st.quotes[i];
    std::string langs;
    for (const QuoteRendering& r : q.renderings) {
      if (langs.find(r.lang) == std::string::npos) langs += (langs.empty() ? "" : " ") + r.lang;
    }
    std::printf("          %s: \u201c%s\u201d [%s]\n",
                q.speaker.empty() ? "(unknown)" : Shorten(q.speaker, 40).c_str(),
                Shorten(q.renderings.front().text, 100).c_str(), langs.c_str());
  }
  if (st.quotes.size() > shown) {
    std::printf("          ... and %zu more quote%s\n", st.quotes.size() - shown,
                st.quotes.size() - shown == 1 ? "" : "s");
  }
  int claims = 0;
  for (std::size_t i = 0; i < st.claims.size() && claims < 3; ++i) {
    const EventClaim& c = st.claims[i];
    if (c.replies_to >= 0) continue;
    ++claims;
    auto line = [](const EventClaim& x, const char* indent) {
      std::string who = x.claim.actor.empty() ? "(unknown)" : Shorten(x.claim.actor, 40);
      if (!x.claim.target.empty()) who += " -> " + Shorten(x.claim.target, 40);
      std::printf("%s%s, %s [%s]: %s\n", indent, std::string(StanceName(x.claim.stance)).c_str(),
                  who.c_str(), x.claim.lang.c_str(), Shorten(x.claim.text, 90).c_str());
    };
    line(c, "          ");
    int denials = 0;
    for (const EventClaim& d : st.claims) {
      if (d.replies_to == static_cast<long>(i) && denials++ < 2) line(d, "            answered: ");
    }
  }
}

// Stories, their events in time order, and each event's articles by language, copies
// under their representative; who said what when `statements` has the event's.
void PrintDigest(const std::vector<JobArticle>& rows, const std::vector<EventSummary>& events,
                 const std::vector<StorySummary>& stories,
                 const std::vector<EventStatements>& statements) {
  std::map<std::string, const JobArticle*> by_id;
  for (const JobArticle& r : rows) by_id[r.id] = &r;
  std::map<std::string, std::size_t> event_by_id;
  for (std::size_t i = 0; i < events.size(); ++i) event_by_id[events[i].id] = i;
  for (const StorySummary& s : stories) {
    std::printf("STORY %s  %s  (%zu event%s)\n", s.id.c_str(), Shorten(s.title, 90).c_str(),
                s.events.size(), s.events.size() == 1 ? "" : "s");
    for (const std::string& eid : s.events) {
      const std::size_t event_index = event_by_id[eid];
      const EventSummary& e = events[event_index];
      std::string span = e.start.empty()    ? "undated"
                         : e.start == e.end ? e.start
                                            : e.start + " to " + e.end;
      std::string langs;
      for (const std::string& l : e.languages) langs += (langs.empty() ? "" : " ") + l;
      std::printf("  EVENT %s  %s\n        %s; %zu article%s in %s; %zu source%s\n", e.id.c_str(),
                  Shorten(e.headline, 86).c_str(), span.c_str(), e.articles.size(),
                  e.articles.size() == 1 ? "" : "s", langs.c_str(), e.sources.size(),
                  e.sources.size() == 1 ? "" : "s");
      if (!e.entities.empty()) {
        std::string names;
        for (const std::string& n : e.entities) names += (names.empty() ? "" : ", ") + n;
        std::printf("        names: %s\n", names.c_str());
      }
      // Articles by language; copies listed under the article they copy.
      std::map<std::string, std::vector<const JobArticle*>> by_lang;
      std::map<std::string, std::vector<const JobArticle*>> copies;  // representative -> copies
      for (const std::string& id : e.articles) {
        const JobArticle* r = by_id[id];
        if (!r->duplicate_of.empty() && by_id.count(r->duplicate_of)) {
          copies[r->duplicate_of].push_back(r);
        } else {
          by_lang[r->lang].push_back(r);
        }
      }
      for (const auto& [lang, list] : by_lang) {
        for (const JobArticle* r : list) {
          std::printf("        [%s] %-30s %s\n", lang.c_str(), Shorten(r->id, 30).c_str(),
                      Shorten(r->title, 60).c_str());
          for (const JobArticle* c : copies[r->id]) {
            std::printf("               also %-24s (%s)\n", Shorten(c->id, 24).c_str(),
                        c->relation.c_str());
          }
        }
      }
      if (event_index < statements.size()) PrintStatements(statements[event_index]);
    }
    std::printf("\n");
  }
}

// `run --db`: ingests `paths` into the collection at `db`, then its whole result.
Result<MainJobResult> RunOnCollection(const std::vector<std::string>& paths, const std::string& db,
                                      const MainJobOptions& options,
                                      const ArticleReader::DiagnosticSink& sink) {
  CollectionOptions collection_options;
  collection_options.job = options;
  ProgressBar loading("loading");
  auto collection = Collection::Open(
      db, collection_options, [&](uint64_t done, uint64_t all) { loading.Update(done, all); });
  loading.Finish();
  if (!collection) return std::unexpected(collection.error());
  PipelineStats stats;
  if (!paths.empty()) {
    ProgressBar bar("reading");
    auto report = (*collection)->Ingest(paths, "run", sink, [&](uint64_t done, uint64_t all) {
      bar.Update(done, all);
    });
    bar.Finish();
    if (!report) return std::unexpected(report.error());
    stats = report->pipeline;
  }
  MainJobResult result = (*collection)->Snapshot();
  result.pipeline = stats;
  return result;
}

}  // namespace

int RunMain(const CommonFlags& flags, const std::string& db, bool quotes,
            std::size_t flush_articles) {
  std::ios::sync_with_stdio(false);
  DiagnosticPrinter diagnostics(flags.quiet);
  MainJobOptions options;
  options.pipeline.threads = flags.threads;
  options.flush_articles = flush_articles;
  StatementCollector collector;
  if (quotes) options.on_article = collector.Hook();
  options.leave_memory_to_exit = true;  // the command ends with the digest
  Result<MainJobResult> job;
  if (db.empty()) {
    ProgressBar bar("reading");
    job = RunMainJob(flags.paths, options, diagnostics.Sink(),
                     [&](uint64_t done, uint64_t total) { bar.Update(done, total); });
    bar.Finish();
  } else {
    // With a store: the paths are ingested (what is stored already is skipped), and the
    // digest covers everything stored.
    job = RunOnCollection(flags.paths, db, options, diagnostics.Sink());
  }
  if (!job) {
    std::fprintf(stderr, "newsweave run: %s\n", job.error().message.c_str());
    return 1;
  }
  const std::vector<JobArticle>& rows = job->articles;
  const std::vector<EventSummary>& events = job->events;
  const std::vector<StorySummary>& stories = job->stories;
  std::vector<EventStatements> statements;
  if (quotes) statements = collector.ByEvent(*job, GroupOptions(), flags.threads);
  if (flags.json) {
    PrintJson(rows, events, stories, statements);
    return 0;
  }
  const PipelineStats& s = job->pipeline;
  const auto& languages = job->languages;
  const auto& reasons = job->removed_reasons;
  const uint64_t raw_total = job->raw_bytes;
  std::printf(
      "newsweave run: %llu articles from %llu files (%s) in %.2f s: %zu events, %zu "
      "stories\n",
      static_cast<unsigned long long>(s.read.articles),
      static_cast<unsigned long long>(s.read.files), Bytes(s.read.bytes).c_str(), s.seconds,
      events.size(), stories.size());
  std::printf("Languages  ");
  for (const auto& [lang, n] : languages) std::printf(" %s %d", lang.c_str(), n);
  std::printf("\nCleaning    removed %llu spans, %.1f%% of the raw text:",
              static_cast<unsigned long long>(s.removed_spans),
              raw_total ? 100.0 * s.removed_bytes / raw_total : 0.0);
  const char* sep = " ";
  for (const auto& [reason, n] : reasons) {
    std::printf("%s%s %d", sep, reason.c_str(), n);
    sep = ", ";
  }
  const DedupStats& d = job->dedup;
  std::printf("\nCopies      %llu exact, %llu near, %llu contained",
              static_cast<unsigned long long>(d.exact), static_cast<unsigned long long>(d.near),
              static_cast<unsigned long long>(d.contained));
  std::printf("\nProblems    %llu errors, %llu warnings%s\n\n",
              static_cast<unsigned long long>(diagnostics.errors()),
              static_cast<unsigned long long>(diagnostics.warnings()),
              diagnostics.errors() + diagnostics.warnings() ? " (printed above)" : "");
  PrintDigest(rows, events, stories, statements);
  return 0;
}

}  // namespace newsweave::cli

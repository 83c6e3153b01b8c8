#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/diagnostics.h"
#include "cli/json_text.h"
#include "cli/progress.h"
#include "newsweave/dedup.h"
#include "newsweave/parallel.h"
#include "newsweave/pipeline.h"
#include "newsweave/xling.h"

namespace newsweave::cli {

int RunDedup(const CommonFlags& flags, const DedupFlags& dedup_flags) {
  std::ios::sync_with_stdio(false);
  DiagnosticPrinter diagnostics(flags.quiet);
  ProgressBar bar("dedup");
  DedupOptions options;
  options.threshold = dedup_flags.threshold;
  options.shingle_words = dedup_flags.shingle;
  options.permutations = dedup_flags.perms;
  Deduplicator dedup(options);
  if (!dedup_flags.index.empty() && std::filesystem::exists(dedup_flags.index)) {
    if (auto st = dedup.Load(dedup_flags.index); !st) {
      std::fprintf(stderr, "newsweave dedup: %s\n", st.error().message.c_str());
      return 1;
    }
  }
  // Translations: each article's language-neutral representation goes into an index whose
  // links join groups at the end. They need the analysis (language, words).
  std::unique_ptr<Lexicon> own_lexicon;
  const Lexicon* lexicon = nullptr;
  if (dedup_flags.translations) {
    if (!dedup_flags.lexicons.empty()) {
      auto opened = Lexicon::Open();
      if (!opened) {
        std::fprintf(stderr, "newsweave dedup: %s\n", opened.error().message.c_str());
        return 1;
      }
      own_lexicon = std::move(*opened);
      for (const std::string& path : dedup_flags.lexicons) {
        auto added = own_lexicon->AddUserLexicon("", path);
        if (!added) {
          std::fprintf(stderr, "newsweave dedup: %s\n", added.error().message.c_str());
          return 1;
        }
      }
      lexicon = own_lexicon.get();
    } else {
      lexicon = Lexicon::Default();
      if (lexicon == nullptr) {
        std::fprintf(stderr,
                     "newsweave dedup: no cross-lingual lexicon found (build/data/xling.lex; "
                     "see NEWSWEAVE_LEXICON); translations are looked for with English "
                     "pivots only\n");
      }
    }
  }
  XlingAnalyzer xling(lexicon);
  TranslationIndex translations;
  NeutralRepresentation representation;
  PipelineOptions pipeline;
  pipeline.analyze_text = dedup_flags.translations;
  pipeline.identify_language = dedup_flags.translations;
  pipeline.threads = flags.threads;
  const int threads = ThreadCount(flags.threads);
  // Articles wait here until a block of them is signed on all cores, then are added in order.
  struct Pending {
    std::string id, published, body;
    PreparedArticle prepared;
  };
  constexpr size_t kBlock = 4096;
  std::vector<Pending> pending;
  double sign_seconds = 0;  // shingles and signatures, on all threads
  double band_seconds = 0;  // LSH bands, candidate checks and union-find
  auto flush = [&] {
    auto a0 = std::chrono::steady_clock::now();
    ParallelFor(pending.size(), threads, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) dedup.Prepare(pending[i].body, &pending[i].prepared);
    });
    auto a1 = std::chrono::steady_clock::now();
    for (const Pending& p : pending) {
      dedup.Add(p.id, p.published, p.body.size(), p.prepared);
    }
    pending.clear();
    auto a2 = std::chrono::steady_clock::now();
    sign_seconds += std::chrono::duration<double>(a1 - a0).count();
    band_seconds += std::chrono::duration<double>(a2 - a1).count();
  };
  auto t0 = std::chrono::steady_clock::now();
  auto stats = RunPipeline(
      flags.paths, pipeline, diagnostics.Sink(),
      [&](const ProcessedArticle& p) {
        if (dedup_flags.translations) {
          xling.Represent(p.clean.text, p.analysis, p.article.published, &representation);
          translations.Add(std::move(representation));
          representation = NeutralRepresentation();
        }
        std::string_view body = ComparedBody(p.clean.text, p.article.title);
        pending.push_back(Pending{p.article.id, p.article.published, std::string(body), {}});
        if (pending.size() >= kBlock) flush();
      },
      [&](uint64_t done, uint64_t total) { bar.Update(done, total); });
  bar.Finish();
  if (!stats) {
    std::fprintf(stderr, "newsweave dedup: %s\n", stats.error().message.c_str());
    return 1;
  }
  flush();
  if (!dedup_flags.index.empty()) {
    if (auto st = dedup.Save(dedup_flags.index); !st) {
      std::fprintf(stderr, "newsweave dedup: %s\n", st.error().message.c_str());
      return 1;
    }
  }
  auto t1 = std::chrono::steady_clock::now();
  if (dedup_flags.translations) {
    for (const TranslationPair& t : translations.Pairs()) dedup.AddTranslation(t.a, t.b);
  }
  std::vector<DedupGroup> groups = dedup.Groups();
  auto t2 = std::chrono::steady_clock::now();
  std::string out;
  for (const DedupGroup& g : groups) {
    out.clear();
    if (flags.json) {
      out.append("{\"representative\":");
      AppendJsonString(g.members[0].id, &out);
      out.append(",\"members\":[");
      for (size_t i = 0; i < g.members.size(); ++i) {
        const DedupMember& m = g.members[i];
        out.append(i ? ",{\"id\":" : "{\"id\":");
        AppendJsonString(m.id, &out);
        out.append(",\"relation\":");
        if (m.relation.empty()) {
          out.append("null,\"duplicate_of\":null}");
        } else {
          AppendJsonString(m.relation, &out);
          out.append(",\"duplicate_of\":");
          AppendJsonString(m.duplicate_of, &out);
          out.push_back('}');
        }
      }
      out.append("]}\n");
    } else {
      out.append(g.members[0].id).append("  (").append(std::to_string(g.members.size()));
      out.append(" articles)\n");
      for (size_t i = 1; i < g.members.size(); ++i) {
        out.append("  ").append(g.members[i].relation).append("  ").append(g.members[i].id);
        out.push_back('\n');
      }
    }
    std::cout << out;
  }
  std::cout.flush();
  if (dedup_flags.stats) {
    const DedupStats& s = dedup.stats();
    double total = std::chrono::duration<double>(t1 - t0).count();
    double group_seconds = std::chrono::duration<double>(t2 - t1).count();
    double articles = static_cast<double>(s.articles);
    std::fprintf(stderr,
                 "newsweave dedup: %llu articles, %zu groups of two or more\n"
                 "  relations   exact %llu, near-duplicate %llu, contained %llu, "
                 "translation links %llu (%llu candidate pairs checked)\n"
                 "  time        read+clean %.2f s, shingle+sign %.2f s, band+check %.2f s, "
                 "group %.2f s (%.0f articles/s, %d threads)\n"
                 "  memory      %.0f bytes per article in the index\n",
                 static_cast<unsigned long long>(s.articles), groups.size(),
                 static_cast<unsigned long long>(s.exact), static_cast<unsigned long long>(s.near),
                 static_cast<unsigned long long>(s.contained),
                 static_cast<unsigned long long>(s.translations),
                 static_cast<unsigned long long>(s.candidate_pairs),
                 total - sign_seconds - band_seconds, sign_seconds, band_seconds, group_seconds,
                 articles / std::max(1e-9, total + group_seconds), threads,
                 articles > 0 ? static_cast<double>(dedup.MemoryBytes()) / articles : 0.0);
  }
  return 0;
}

}  // namespace newsweave::cli

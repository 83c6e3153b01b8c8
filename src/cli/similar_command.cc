// `newsweave similar` (scores of a pair, or of every pair of a JSONL file) and
// `newsweave train-similarity` (the model, from SemEval-2022 Task 8 pairs).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/diagnostics.h"
#include "cli/json_text.h"
#include "ingest/input_file.h"
#include "ingest/json_article.h"
#include "ingest/util.h"
#include "newsweave/cleaner.h"
#include "newsweave/parallel.h"
#include "newsweave/pipeline.h"
#include "newsweave/similarity.h"
#include "similarity/evaluation.h"

namespace newsweave::cli {
namespace {

// Cleans and analyzes an article and describes it for comparison.
ComparableArticle Prepare(const Article& article, const Cleaner& cleaner, Analyzer* analyzer,
                          XlingAnalyzer* xling) {
  CleanText clean = cleaner.Clean(article);
  Analysis analysis;
  analyzer->Analyze(clean.text, article.lang, &analysis);
  return DescribeArticle(article.id, article.title, article.published, clean.text, analysis, xling);
}

// The first article of a file, with the reader's diagnostics printed.
bool ReadOne(const std::string& path, DiagnosticPrinter* diagnostics, Article* out) {
  ArticleReader reader({path}, ReadOptions(), diagnostics->Sink());
  if (!reader.Next(out)) {
    std::fprintf(stderr, "newsweave similar: %s: no article could be read\n", path.c_str());
    return false;
  }
  Article more;
  if (reader.Next(&more)) {
    std::fprintf(stderr, "newsweave similar: %s holds several articles; comparing the first (%s)\n",
                 path.c_str(), out->id.c_str());
  }
  return true;
}

void AppendScores(const SimilarityScores& s, std::string* out) {
  char buf[160];
  std::snprintf(buf, sizeof(buf),
                ",\"overall\":%.3f,\"geography\":%.3f,\"entities\":%.3f,\"time\":%.3f,"
                "\"narrative\":%.3f,\"reasons\":[",
                s.overall, s.geography, s.entities, s.time, s.narrative);
  out->append(buf);
  for (std::size_t i = 0; i < s.reasons.size(); ++i) {
    if (i) out->push_back(',');
    AppendJsonString(s.reasons[i], out);
  }
  out->append("]}\n");
}

int RunPair(const SimilarFlags& flags, const SimilarityModel& model) {
  DiagnosticPrinter diagnostics(flags.quiet);
  Article a, b;
  if (!ReadOne(flags.a, &diagnostics, &a) || !ReadOne(flags.b, &diagnostics, &b)) return 1;
  Cleaner cleaner;
  Analyzer analyzer;
  XlingAnalyzer xling(Lexicon::Default());
  ComparableArticle ca = Prepare(a, cleaner, &analyzer, &xling),
                    cb = Prepare(b, cleaner, &analyzer, &xling);
  TermStatistics stats;
  stats.Add(ca);
  stats.Add(cb);
  SimilarityScores s = ScorePair(ca, cb, stats, model);
  if (flags.json) {
    std::string line = "{\"a\":";
    AppendJsonString(a.id, &line);
    line.append(",\"b\":");
    AppendJsonString(b.id, &line);
    AppendScores(s, &line);
    std::cout << line;
    return 0;
  }
  std::printf("%s (%s)  vs  %s (%s)\n", a.id.c_str(), ca.lang.c_str(), b.id.c_str(),
              cb.lang.c_str());
  std::printf("  overall    %.2f   (1 = same event ... 4 = unrelated)\n", s.overall);
  std::printf("  geography  %.2f\n  entities   %.2f\n  time       %.2f\n  narrative  %.2f\n",
              s.geography, s.entities, s.time, s.narrative);
  std::printf("  why:\n");
  for (const std::string& r : s.reasons) std::printf("    - %s\n", r.c_str());
  return 0;
}

// --pairs: blocks of lines are parsed, then described on all cores, then scored; term
// statistics grow with every block, so the first pairs lean on the prior.
int RunPairs(const SimilarFlags& flags, const SimilarityModel& model) {
  auto file = ingest::InputFile::Open(flags.pairs);
  if (!file) {
    std::fprintf(stderr, "newsweave similar: %s: cannot open: %s\n", flags.pairs.c_str(),
                 file.error().message.c_str());
    return 1;
  }
  const ReadOptions limits;
  ingest::LineReader lines(file->get(), limits.max_line_bytes);
  std::ios::sync_with_stdio(false);
  const int threads = ThreadCount(flags.threads);
  struct Pending {
    std::string id;
    Article a, b;
    ComparableArticle ca, cb;
  };
  constexpr std::size_t kBlock = 2048;
  std::vector<Pending> block;
  TermStatistics stats;
  Cleaner cleaner;
  ingest::JsonArticleParser parser(256);
  std::uint64_t line_no = 0, bad = 0, scored = 0;
  std::string out;
  auto flush = [&] {
    ParallelFor(block.size(), threads, [&](std::size_t begin, std::size_t end) {
      Analyzer analyzer;  // one per slice: analyzers are not thread-safe
      XlingAnalyzer xling(Lexicon::Default());
      for (std::size_t i = begin; i < end; ++i) {
        block[i].ca = Prepare(block[i].a, cleaner, &analyzer, &xling);
        block[i].cb = Prepare(block[i].b, cleaner, &analyzer, &xling);
      }
    });
    for (const Pending& p : block) {
      stats.Add(p.ca);
      stats.Add(p.cb);
    }
    for (const Pending& p : block) {
      out.assign("{\"id\":");
      AppendJsonString(p.id, &out);
      AppendScores(ScorePair(p.ca, p.cb, stats, model), &out);
      std::cout << out;
      ++scored;
    }
    block.clear();
  };
  auto complain = [&](const std::string& message) {
    ++bad;
    if (!flags.quiet) {
      std::fprintf(stderr, "newsweave similar: %s:%llu: %s\n", flags.pairs.c_str(),
                   static_cast<unsigned long long>(line_no), message.c_str());
    }
  };
  for (;;) {
    std::string_view line;
    const ingest::LineReader::Outcome got = lines.Next(&line);
    line_no = lines.line_number();
    if (got == ingest::LineReader::Outcome::kEnd) break;
    if (got == ingest::LineReader::Outcome::kError) {
      complain(lines.error().message + ", rest of file skipped");
      break;
    }
    if (got == ingest::LineReader::Outcome::kTooLong) {
      complain("line longer than max_line_bytes (" + std::to_string(limits.max_line_bytes) +
               " bytes), skipped");
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    // nlohmann's parser does not recurse, but dump() below does: objects and arrays opened
    // deeper than max_json_depth are refused while parsing (the parser tells their depth).
    bool too_deep = false;
    nlohmann::json j = nlohmann::json::parse(
        line,
        [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
          const bool opens = event == nlohmann::json::parse_event_t::object_start ||
                             event == nlohmann::json::parse_event_t::array_start;
          if (opens && static_cast<std::size_t>(depth) > limits.max_json_depth) too_deep = true;
          return !too_deep;
        },
        /*allow_exceptions=*/false);
    if (too_deep) {
      complain("JSON nested deeper than " + std::to_string(limits.max_json_depth) +
               " levels (max_json_depth), skipped");
      continue;
    }
    if (j.is_discarded() || !j.is_object()) {
      complain("not a JSON object");
      continue;
    }
    if (!j.contains("a") || !j.contains("b") || !j["a"].is_object() || !j["b"].is_object()) {
      complain("needs objects \"a\" and \"b\"");
      continue;
    }
    Pending p;
    p.id = j.contains("id") ? (j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump())
                            : std::to_string(line_no);
    bool ok = true;
    for (const char* side : {"a", "b"}) {
      std::string text = j[side].dump();
      text.append(ingest::JsonArticleParser::kPadding, ' ');
      Article& article = side[0] == 'a' ? p.a : p.b;
      article.file = flags.pairs;
      article.line = line_no;
      std::vector<std::string> warnings;
      Status st = parser.Parse(
          std::string_view(text).substr(0, text.size() - ingest::JsonArticleParser::kPadding), 0,
          &article, &warnings);
      if (!st) {
        complain(std::string("\"") + side + "\": " + st.error().message);
        ok = false;
        break;
      }
      if (article.id.empty()) article.id = p.id + "/" + side;
      if (std::size_t was = ingest::CutText(limits.max_text_bytes, &article);
          was > 0 && !flags.quiet) {
        std::fprintf(stderr,
                     "newsweave similar: warning: %s:%llu: \"%s\": text of %zu bytes cut to %zu "
                     "(max_text_bytes %zu)\n",
                     flags.pairs.c_str(), static_cast<unsigned long long>(line_no), side, was,
                     article.text.size(), limits.max_text_bytes);
      }
    }
    if (!ok) continue;
    block.push_back(std::move(p));
    if (block.size() >= kBlock) flush();
  }
  flush();
  std::cout.flush();
  if (bad > 0 && !flags.quiet) {
    std::fprintf(stderr, "newsweave similar: %llu pairs scored, %llu lines skipped\n",
                 static_cast<unsigned long long>(scored), static_cast<unsigned long long>(bad));
  }
  return scored > 0 || bad == 0 ? 0 : 1;
}

}  // namespace

int RunSimilar(const SimilarFlags& flags) {
  const SimilarityModel* model = &SimilarityModel::Default();
  SimilarityModel loaded;
  if (!flags.model.empty()) {
    auto m = SimilarityModel::Load(flags.model);
    if (!m) {
      std::fprintf(stderr, "newsweave similar: %s\n", m.error().message.c_str());
      return 1;
    }
    loaded = std::move(*m);
    model = &loaded;
  }
  if (!flags.pairs.empty()) return RunPairs(flags, *model);
  if (flags.a.empty() || flags.b.empty()) {
    std::fprintf(stderr, "newsweave similar: give two files (A B) or --pairs FILE.jsonl\n");
    return 2;
  }
  return RunPair(flags, *model);
}

int RunTrainSimilarity(const TrainSimilarityFlags& flags) {
  std::fprintf(stderr, "newsweave train-similarity: reading and analyzing %s\n", flags.csv.c_str());
  auto data = similarity::LoadSemEval(flags.csv, flags.threads);
  if (!data) {
    std::fprintf(stderr, "newsweave train-similarity: %s\n", data.error().message.c_str());
    return 1;
  }
  std::vector<PairFeatures> features = similarity::PairFeaturesOf(*data);
  TrainOptions options;
  options.seed = flags.seed;
  options.trees = flags.trees;
  options.depth = flags.depth;
  options.learning_rate = flags.learning_rate;
  if (flags.folds > 1) {
    similarity::CrossValidation cv =
        similarity::CrossValidate(*data, features, flags.folds, options);
    std::printf("%d-fold cross-validation on %zu original pairs (no article on both sides)\n",
                cv.folds, cv.pairs);
    std::printf("  Pearson with Overall  %.3f   (term cosine alone: %.3f)\n", cv.pearson,
                cv.baseline_pearson);
    std::printf(
        "  same-event ROC AUC    %.3f   (term cosine alone: %.3f; %zu pairs <= 1.5, "
        "%zu >= 3.5)\n",
        cv.auc, cv.baseline_auc, cv.same, cv.different);
    if (flags.errors > 0) {
      // The same-event pairs scored worst and the different-event pairs scored best.
      std::vector<std::pair<double, std::size_t>> same, different;
      for (const auto& [i, predicted] : cv.predictions) {
        const double truth = data->pairs[i].targets[0];
        if (truth <= 1.5) same.emplace_back(-predicted, i);
        if (truth >= 3.5) different.emplace_back(predicted, i);
      }
      std::sort(same.begin(), same.end());
      std::sort(different.begin(), different.end());
      auto show = [&](const char* what, const std::vector<std::pair<double, std::size_t>>& v) {
        std::printf("  %s:\n", what);
        for (std::size_t k = 0; k < v.size() && k < static_cast<std::size_t>(flags.errors); ++k) {
          const auto& p = data->pairs[v[k].second];
          const PairFeatures& f = features[v[k].second];
          std::printf("    %-28s %-6s truth %.2f predicted %.2f |", p.id.c_str(), p.langs.c_str(),
                      p.targets[0], std::fabs(v[k].first));
          for (int j = 0; j < kSimilarityFeatures; ++j) std::printf(" %.2f", f[j]);
          std::printf("\n");
        }
      };
      show("same event, scored worst", same);
      show("different events, scored best", different);
    }
    std::printf("  by language pair:\n");
    for (const auto& [langs, r] : cv.by_langs) {
      std::printf("    %-6s %4zu pairs  Pearson %.3f\n", langs.c_str(), r.second, r.first);
    }
  }
  if (flags.out.empty()) return 0;
  std::vector<std::array<double, kSimilarityTargets>> targets;
  for (const auto& p : data->pairs) targets.push_back(p.targets);
  SimilarityModel model = SimilarityModel::Train(features, targets, options);
  std::ofstream out(flags.out, std::ios::binary);
  out << model.Serialize();
  if (!out) {
    std::fprintf(stderr, "newsweave train-similarity: %s: cannot write\n", flags.out.c_str());
    return 1;
  }
  std::fprintf(stderr, "newsweave train-similarity: %zu pairs, model written to %s\n",
               features.size(), flags.out.c_str());
  return 0;
}

}  // namespace newsweave::cli

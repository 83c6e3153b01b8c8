// html_eval: quality and speed of newsweave's main-text extraction from HTML pages, on
// trafilatura's evaluation set (evaldata.json and pages/, read at run time from
// ../shared/data/trafilatura-eval; never copied into the repository).
//
// Scoring is trafilatura's: whitespace runs in the extracted text collapse to one space; each
// "with" snippet found in it is a true positive, each one missing a false negative; each
// "without" snippet found is a false positive. Precision, recall and F1 are summed over all
// pages. Speed: every page is read into memory first; only the extraction (decoding, parse,
// extraction) is timed, on the calling thread, best of --repeat passes.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/html.h"

namespace {

struct Page {
  std::string url;
  std::string file;
  std::string bytes;
  std::vector<std::string> with, without;
};

// Collapses runs of ASCII whitespace and U+00A0 to one space and trims the ends.
std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = std::move(ss).str();
  return true;
}

// The text the evaluation scores: the main text, or every visible block with `all`.
newsweave::ingest::HtmlOptions options;

std::string Extract(const std::string& bytes, bool all, newsweave::ingest::HtmlDocument* doc) {
  newsweave::ingest::ExtractHtmlInto(bytes, {}, options, doc);
  return all ? doc->text : doc->MainText();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Main-text extraction: trafilatura's scores and speed on one core"};
  std::string dir = "../shared/data/trafilatura-eval";
  int repeat = 3;
  bool failures = false, all = false;
  std::string only;
  app.add_option("--data", dir, "folder with evaldata.json and pages/");
  app.add_option("--repeat", repeat, "timed passes over all pages (best is reported)");
  app.add_flag("--failures", failures, "list each page's missed and false snippets");
  app.add_flag("--all", all, "score all visible text instead of the main text");
  app.add_option("--page", only, "evaluate only pages whose file name contains this");
  newsweave::HtmlExtractOptions& x = options.extract;
  app.add_option("--container-share", x.container_share, "HtmlExtractOptions::container_share");
  app.add_option("--min-paragraph", x.min_paragraph_bytes,
                 "HtmlExtractOptions::min_paragraph_bytes");
  app.add_option("--head-share", x.max_head_share, "HtmlExtractOptions::max_head_share");
  app.add_option("--link-density", x.max_link_density, "HtmlExtractOptions::max_link_density");
  bool dump = false;
  app.add_flag("--dump", dump, "print every block of the pages with why it was dropped");
  CLI11_PARSE(app, argc, argv);

  nlohmann::json eval;
  {
    std::string text;
    if (!ReadFile(dir + "/evaldata.json", &text)) {
      std::fprintf(stderr, "html_eval: cannot read %s/evaldata.json\n", dir.c_str());
      return 1;
    }
    eval = nlohmann::json::parse(text, nullptr, false);
    if (eval.is_discarded() || !eval.is_object()) {
      std::fprintf(stderr, "html_eval: %s/evaldata.json is not a JSON object\n", dir.c_str());
      return 1;
    }
  }
  std::vector<Page> pages;
  std::size_t total_bytes = 0;
  for (auto& [url, item] : eval.items()) {
    Page p;
    p.url = url;
    p.file = item.value("file", "");
    if (!only.empty() && p.file.find(only) == std::string::npos) continue;
    if (!ReadFile(dir + "/pages/" + p.file, &p.bytes)) {
      std::fprintf(stderr, "html_eval: cannot read page %s, skipped\n", p.file.c_str());
      continue;
    }
    for (const auto& s : item.value("with", nlohmann::json::array())) {
      if (s.is_string()) p.with.push_back(Collapse(s.get<std::string>()));
    }
    for (const auto& s : item.value("without", nlohmann::json::array())) {
      if (s.is_string()) p.without.push_back(Collapse(s.get<std::string>()));
    }
    total_bytes += p.bytes.size();
    pages.push_back(std::move(p));
  }
  std::sort(pages.begin(), pages.end(),
            [](const Page& a, const Page& b) { return a.file < b.file; });

  // Quality (one pass), with the failures when asked.
  long tp = 0, fn = 0, fp = 0, tn = 0;
  newsweave::ingest::HtmlDocument doc;
  for (const Page& p : pages) {
    std::string text = Collapse(Extract(p.bytes, all, &doc));
    std::vector<const std::string*> missed, wrong;
    for (const std::string& s : p.with) {
      if (text.find(s) != std::string::npos) {
        ++tp;
      } else {
        ++fn;
        missed.push_back(&s);
      }
    }
    for (const std::string& s : p.without) {
      if (text.find(s) != std::string::npos) {
        ++fp;
        wrong.push_back(&s);
      } else {
        ++tn;
      }
    }
    if (dump) {  // the blocks as the extractor sees them (bytes taken as UTF-8)
      std::printf("#### %s\n", p.file.c_str());
      newsweave::ExtractedPage page = newsweave::HtmlExtractor().Extract(p.bytes);
      for (const newsweave::HtmlBlock& b : page.blocks) {
        std::printf("%-16.*s %d| %s\n", int(b.removed.size()), b.removed.data(), int(b.kind),
                    b.text.c_str());
      }
    }
    if (failures && (!missed.empty() || !wrong.empty())) {
      std::printf("== %s (%s) %zu bytes of text%s%s\n", p.file.c_str(), p.url.c_str(), text.size(),
                  doc.not_article.empty() ? "" : ", ", doc.not_article.c_str());
      std::string all_text = Collapse(doc.text);
      for (const std::string* s : missed) {
        // Where the snippet went: the reason of the dropped block that holds its start.
        std::string_view why = "not extracted";
        std::size_t at = all_text.find(s->substr(0, std::min<std::size_t>(s->size(), 30)));
        if (at != std::string::npos) {
          why = "dropped";
          std::string prefix = Collapse(std::string_view(doc.text).substr(0, doc.text.size()));
          for (const auto& r : doc.removed) {
            std::size_t from = Collapse(std::string_view(doc.text).substr(0, r.start)).size();
            std::size_t to = Collapse(std::string_view(doc.text).substr(0, r.end)).size();
            if (at + 1 >= from && at <= to) why = r.reason;
          }
        }
        std::printf("  missed [%.*s]: %.140s\n", int(why.size()), why.data(), s->c_str());
      }
      for (const std::string* s : wrong) std::printf("  false:  %.160s\n", s->c_str());
    }
  }
  double precision = tp + fp ? double(tp) / double(tp + fp) : 0;
  double recall = tp + fn ? double(tp) / double(tp + fn) : 0;
  double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

  // Speed: best of `repeat` passes over the pages in memory.
  double best = 1e300;
  std::size_t sink = 0;
  for (int r = 0; r < std::max(1, repeat); ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (const Page& p : pages) sink += Extract(p.bytes, all, &doc).size();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
  }
  std::printf("pages %zu (%.1f MB), %s\n", pages.size(), total_bytes / 1e6,
              all ? "all visible text" : "main text");
  std::printf("snippets: with %ld (found %ld), without %ld (found %ld)\n", tp + fn, tp, fp + tn,
              fp);
  std::printf("precision %.4f  recall %.4f  F1 %.4f\n", precision, recall, f1);
  std::printf("speed (one core, best of %d): %.0f pages/s, %.1f MB/s (%.3f s a pass)%s\n", repeat,
              pages.size() / best, total_bytes / 1e6 / best, best, sink ? "" : " ");
  return 0;
}

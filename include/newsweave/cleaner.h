// Cleaning: site chrome and repeated text out, Unicode and whitespace normalized.
// The raw text is never modified; every removed span is reported with its reason.
#ifndef NEWSWEAVE_CLEANER_H_
#define NEWSWEAVE_CLEANER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "newsweave/article.h"

namespace newsweave {

struct CleanOptions {
  // A line at the start or end of an article is chrome when its score reaches this.
  // The score adds up features: cue phrases, shortness, separators, digits and capitals,
  // lack of final punctuation and of stop words, repetition across the source's articles.
  double edge_threshold = 2.0;
  // Inside the body a line goes only when it has a cue phrase ("Advertisement", "Read more:",
  // a newsletter blurb) and at most this many words.
  int body_max_words = 25;
  // A later line repeating an earlier one is removed when it has at least this many bytes
  // (shorter repeats only when they sit next to another repeat or directly follow their twin).
  std::size_t min_repeat_bytes = 40;
  // A glued line is a repeat of the body when earlier paragraphs cover this share of it.
  double glued_coverage = 0.8;
  // Lines longer than this (bytes) are never tested against cue phrases or the source profile.
  std::size_t max_cue_line_bytes = 240;
  // At most this many removed spans are recorded per article (0: no limit), which bounds the
  // memory and output of a page made of thousands of chrome lines. Past the limit a removed line
  // joins the last span (which keeps its reason) when nothing kept lies between them; any other
  // line that would be removed is kept in the text and counted in
  // CleanText::kept_over_span_limit, so that the spans still cover exactly what went.
  std::size_t max_removed_spans = 1000;
};

// Lines that repeat across the articles of one source within a batch (menus, footers,
// newsletter blurbs). Build it over a batch with Add(), then hand it to Cleaner::Clean().
// Copies of one article count once: a line counts for a source only when it appears in
// articles whose longest lines differ.
class SourceProfile {
 public:
  // Records the short lines near the start and end of `article` under its source (the
  // `source` field, which the reader fills from the URL's host when absent; articles
  // without one share an anonymous source).
  void Add(const Article& article);

  // True when the normalized line was seen in at least two different articles of the source
  // (three when the source is unknown).
  bool Repeated(std::string_view source_key, std::string_view line) const;

  // The same, for a source key and a line already hashed (clean::NormalizedLineHash).
  bool RepeatedHash(std::uint64_t source_hash, std::uint64_t line_hash) const;

  // The source key used for an article: its `source` (the reader fills it from the URL's host
  // when the input names none).
  static const std::string& SourceKey(const Article& article);

  // Forgets every line (between batches).
  void Clear();

 private:
  struct Entry {
    std::uint64_t fingerprints[2] = {0, 0};
    std::uint8_t articles = 0;  // distinct articles seen, counted up to 3
  };
  std::unordered_map<std::uint64_t, Entry> lines_;
};

// Removes chrome and repetition from articles. Thread-safe once constructed.
class Cleaner {
 public:
  explicit Cleaner(CleanOptions options = CleanOptions());

  // Cleans `article.text`. `profile` (may be null) holds the batch's repeated lines per
  // source. Offsets in the result point into article.text.
  CleanText Clean(const Article& article, const SourceProfile* profile = nullptr) const;

  // The options the cleaner was made with.
  const CleanOptions& options() const { return options_; }

 private:
  CleanOptions options_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_CLEANER_H_

// The article as it travels through the flow: read -> clean -> analyze.
#ifndef NEWSWEAVE_ARTICLE_H_
#define NEWSWEAVE_ARTICLE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace newsweave {

// A span of the raw text that cleaning removed, with why. Offsets are byte offsets
// into Article::text, end exclusive.
struct RemovedSpan {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string reason;  // e.g. "chrome", "source-repeat", "repeated-body", "repeated-line",
                       // or an HTML extraction reason ("navigation", "comments", ...)
};

// One article as read from its source. `text` is the raw text, always valid UTF-8
// (decoded from the source's encoding, invalid bytes replaced by U+FFFD); cleaning
// never modifies it and every removed span points into it.
struct Article {
  std::string id;         // file name without extension, JSON `id`, or WARC target URI
  std::string url;        // may be empty
  std::string source;     // site or outlet (JSON `source`/aliases, URL host); may be empty
  std::string title;      // may be empty
  std::string text;       // raw text, UTF-8
  std::string published;  // ISO 8601 as given; empty when unknown
  std::string lang;       // language declared by the input (ISO 639-1); empty when none
  std::string author;     // as declared by the input (HTML meta tags, JSON-LD); may be empty

  // Spans of `text` the reader already knows are not the article (the blocks of an HTML page
  // that main-text extraction dropped: navigation, comments, ...), with their reasons.
  // Cleaning removes them first and reports them with its own removed spans.
  std::vector<RemovedSpan> dropped;

  // Where the article came from, for messages: the file, and the 1-based line for JSONL
  // (0 when the whole file is one article).
  std::string file;
  std::uint64_t line = 0;

  // Decoding facts: the source encoding ("UTF-8", "windows-1252", ...) and how many
  // invalid byte sequences were replaced by U+FFFD.
  std::string encoding = "UTF-8";
  std::uint32_t replaced_bytes = 0;
};

// The result of cleaning one article.
struct CleanText {
  std::string text;                  // cleaned text, NFC, normalized whitespace
  std::vector<RemovedSpan> removed;  // in order of start offset, non-overlapping
  // Lines left in the text because CleanOptions::max_removed_spans was reached.
  std::size_t kept_over_span_limit = 0;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_ARTICLE_H_

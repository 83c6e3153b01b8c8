// Mapping JSON article objects to Articles. Field names follow the command-line contract
// (id, url, source, title, text, published, lang) and accept the aliases written by
// news-please (maintext, date_publish, language, source_domain), newspaper3k (publish_date,
// meta_lang) and trafilatura (raw_text, date, hostname).
#ifndef NEWSWEAVE_INGEST_JSON_ARTICLE_H_
#define NEWSWEAVE_INGEST_JSON_ARTICLE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsweave/article.h"
#include "newsweave/status.h"

namespace newsweave::ingest {

// Parses JSON texts into Articles with one reused simdjson parser. Not thread-safe.
//
// Field precedence, first usable wins: text > maintext > raw_text; published >
// date_publish > publish_date > date; lang > language > meta_lang; source > source_domain >
// hostname. A value is usable when it is a non-empty string or a number (converted to its
// decimal text); null is absent; booleans, arrays and objects are ignored with a warning.
// Missing id: the url, else "<file basename>:<ordinal>". Missing source: the url's host.
// lang is reduced to its primary subtag, lowercased ("en-US" -> "en").
class JsonArticleParser {
 public:
  // simdjson needs this many readable bytes after the end of each JSON text.
  static constexpr std::size_t kPadding = 64;

  // Documents nested deeper than `max_depth` are rejected (kTooLarge); parsing never recurses,
  // so any depth is safe to try.
  explicit JsonArticleParser(std::size_t max_depth);
  ~JsonArticleParser();
  JsonArticleParser(const JsonArticleParser&) = delete;
  JsonArticleParser& operator=(const JsonArticleParser&) = delete;

  // Parses one JSON object (e.g. a JSONL line) into *out. `json` must be followed in memory by
  // kPadding readable bytes. The caller sets out->file and out->line first; `ordinal` names
  // the article in the fallback id (0: the file name without extension). Input that is not
  // valid UTF-8 is repaired before parsing (the count goes to out->replaced_bytes). Returns an
  // error (kCorruption: malformed JSON, not an object, no text; kTooLarge: nested deeper than
  // max_depth) whose message does not name the file. Warnings are appended to *warnings.
  Status Parse(std::string_view json, std::uint64_t ordinal, Article* out,
               std::vector<std::string>* warnings);

  // True when `error` (from Parse or ParseDocument) says the text is not well-formed JSON, as
  // opposed to well-formed JSON that is not a usable article.
  static bool IsSyntaxError(const Error& error);

  // Whole-document mode for .json files. Parses `json` (kPadding readable bytes after it; it
  // must stay alive and unmodified until the document is done). On success *is_array tells an
  // array of articles from a single object.
  Status ParseDocument(std::string_view json, bool* is_array);

  // Maps the next article of the document parsed by ParseDocument (the whole object, or the
  // next array element); returns false when there is none left. *status reports a bad element,
  // which the caller skips. The repair count of the whole document goes to the first article.
  bool NextDocumentArticle(std::uint64_t ordinal, Article* out, Status* status,
                           std::vector<std::string>* warnings);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave::ingest

#endif  // NEWSWEAVE_INGEST_JSON_ARTICLE_H_

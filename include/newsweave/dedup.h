// Duplicate groups: exact copies (same normalized text), near copies (MinHash + LSH) and
// contained copies (a shorter version inside a longer one), with a saved index that later
// runs extend.
#ifndef NEWSWEAVE_DEDUP_H_
#define NEWSWEAVE_DEDUP_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsweave/status.h"

namespace newsweave {

struct DedupOptions {
  double threshold = 0.8;  // estimated Jaccard similarity of shingle sets for a near copy
  int shingle_words = 5;   // words per shingle
  int permutations = 128;  // MinHash functions
  std::uint64_t seed = 1;  // of the MinHash functions: same seed, same groups
};

struct DedupMember {
  std::string id;
  // "" for the representative, else "exact", "near-duplicate", "contained", "translation"
  std::string relation;
  std::string duplicate_of;  // the representative's id ("" for the representative)
};

// A group of two or more articles; members[0] is the representative.
struct DedupGroup {
  std::vector<DedupMember> members;
};

struct DedupStats {
  std::uint64_t articles = 0;
  std::uint64_t exact = 0;            // articles found as exact copies
  std::uint64_t near = 0;             // articles found as near copies
  std::uint64_t contained = 0;        // articles found as contained copies (either way)
  std::uint64_t candidate_pairs = 0;  // pairs proposed by LSH and checked on signatures
  std::uint64_t translations = 0;     // translation links that joined two groups
};

// The part of a clean text compared for copies: without its first line when that line is
// the article's title (a text file prints its title there, a JSON record keeps it apart, and
// copies of one story should compare equal either way).
inline std::string_view ComparedBody(std::string_view clean_text, std::string_view title) {
  if (!title.empty() && clean_text.starts_with(title)) clean_text.remove_prefix(title.size());
  return clean_text;
}

// What the Deduplicator keeps of an article's text: made by Prepare(), on any thread.
struct PreparedArticle {
  std::uint64_t exact = 0;               // hash of the word sequence
  std::uint32_t shingles = 0;            // number of shingles (a set-size estimate)
  std::vector<std::uint32_t> signature;  // MinHash, `permutations` values
};

// Groups articles as they are added; never needs a text again once added. Add() is not
// thread-safe; Prepare() is, so signatures can be computed on all cores and added in order.
class Deduplicator {
 public:
  explicit Deduplicator(DedupOptions options = DedupOptions());
  ~Deduplicator();
  Deduplicator(const Deduplicator&) = delete;
  Deduplicator& operator=(const Deduplicator&) = delete;

  // Computes what Add() needs from a clean text. Thread-safe; depends only on the options.
  void Prepare(std::string_view clean_text, PreparedArticle* out) const;

  // Adds a prepared article. `length` is its clean text's size (the longest text represents
  // a group); `published` (ISO 8601 or empty) breaks ties between equal lengths. Returns the
  // index (0-based, in order added) of the earliest article it was found a copy of now, or
  // its own index when it is nobody's copy (yet).
  std::uint32_t Add(std::string_view id, std::string_view published, std::size_t length,
                    const PreparedArticle& prepared);

  // Prepare() and Add() in one call.
  std::uint32_t Add(std::string_view id, std::string_view clean_text, std::string_view published);

  // Puts articles `a` and `b` (indices in order added) in one group as an article and its
  // translation (found by the cross-lingual layer). A member linked to its representative
  // through such a link rather than through copies has relation "translation". Links are
  // not saved with the index.
  void AddTranslation(std::uint32_t a, std::uint32_t b);

  // The groups of two or more articles, in order of their first-added member. The
  // representative has the longest clean text; ties go to the earliest date, then the id.
  std::vector<DedupGroup> Groups() const;

  const DedupStats& stats() const;

  // Writes the index (ids, dates, lengths, word-sequence hashes and signatures, in the order
  // added) to `path`, atomically: a temporary file renamed over it. Format: src/dedup/FORMAT.md.
  Status Save(const std::string& path) const;

  // Adds the articles of an index written by Save(), as if they were added again in their
  // order (the groups come out the same). The file's options must equal this one's.
  Status Load(const std::string& path);

  // Bytes held for the articles added so far: signatures, ids and the LSH buckets.
  std::size_t MemoryBytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_DEDUP_H_

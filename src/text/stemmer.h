// Word stems by Snowball (libstemmer), for every language it has.
#ifndef NEWSWEAVE_TEXT_STEMMER_H_
#define NEWSWEAVE_TEXT_STEMMER_H_

#include <string_view>

struct sb_stemmer;

namespace newsweave::text {

// One Snowball stemmer for one language. Not thread-safe: one per thread.
class Stemmer {
 public:
  // Opens the stemmer for an ISO 639-1 code ("en", "fr", ...). When Snowball has no
  // stemmer for the language, ok() is false and Stem() returns its input.
  explicit Stemmer(std::string_view lang);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  bool ok() const { return stemmer_ != nullptr; }

  // Returns the stem of a lower-case UTF-8 word. The view is valid until the next call.
  std::string_view Stem(std::string_view lower);

 private:
  sb_stemmer* stemmer_ = nullptr;
};

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_STEMMER_H_

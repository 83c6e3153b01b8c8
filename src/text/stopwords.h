// Stop words per language, from Debian's Lingua::StopWords lists.
#ifndef NEWSWEAVE_TEXT_STOPWORDS_H_
#define NEWSWEAVE_TEXT_STOPWORDS_H_

#include <string_view>

namespace newsweave::text {

class StopwordSet;

// Returns the stop word set for an ISO 639-1 code, or nullptr when there is no list for
// that language. The sets live for the whole program and are safe to share across threads.
const StopwordSet* StopwordsFor(std::string_view lang);

// The union of the lists of the main western European languages (en, fr, de, es, it, pt,
// nl), for features computed before the language is known.
const StopwordSet* CommonStopwords();

// True when `lower` (case-folded, accents kept) is a stop word of the set.
bool IsStopword(const StopwordSet* set, std::string_view lower);

// Number of words in the set (0 for nullptr).
int StopwordCount(const StopwordSet* set);

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_STOPWORDS_H_

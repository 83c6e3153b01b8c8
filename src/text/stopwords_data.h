// Stop word lists generated at build time from Debian's liblingua-stopwords-perl
// (see cmake/Stopwords.cmake). Internal to src/text.
#ifndef NEWSWEAVE_TEXT_STOPWORDS_DATA_H_
#define NEWSWEAVE_TEXT_STOPWORDS_DATA_H_

namespace newsweave::text {

struct StopwordList {
  const char* lang;   // ISO 639-1
  const char* words;  // lower-case, separated by single spaces
};

extern const StopwordList kStopwordLists[];
extern const int kStopwordListCount;

}  // namespace newsweave::text

#endif  // NEWSWEAVE_TEXT_STOPWORDS_DATA_H_

#include "text/stopwords.h"

#include <map>
#include <memory>
#include <string>
#include <unordered_set>

#include "text/stopwords_data.h"

namespace newsweave::text {

class StopwordSet {
 public:
  explicit StopwordSet(std::string_view words) {
    size_t i = 0;
    while (i < words.size()) {
      size_t j = words.find(' ', i);
      if (j == std::string_view::npos) j = words.size();
      if (j > i) set_.insert(words.substr(i, j - i));
      i = j + 1;
    }
  }
  bool Contains(std::string_view w) const { return set_.count(w) != 0; }
  int size() const { return static_cast<int>(set_.size()); }

 private:
  std::unordered_set<std::string_view> set_;  // views into static data
};

namespace {

const std::map<std::string, std::unique_ptr<StopwordSet>, std::less<>>& AllSets() {
  static const auto* sets = [] {
    auto* m = new std::map<std::string, std::unique_ptr<StopwordSet>, std::less<>>();
    for (int i = 0; i < kStopwordListCount; ++i) {
      // Norwegian is "no" in the Perl module; CLD2 says "no" too (and "nb" is an alias).
      (*m)[kStopwordLists[i].lang] = std::make_unique<StopwordSet>(kStopwordLists[i].words);
    }
    return m;
  }();
  return *sets;
}

}  // namespace

const StopwordSet* StopwordsFor(std::string_view lang) {
  const auto& sets = AllSets();
  auto it = sets.find(lang);
  if (it == sets.end() && lang == "nb") it = sets.find("no");
  return it == sets.end() ? nullptr : it->second.get();
}

const StopwordSet* CommonStopwords() {
  static const StopwordSet* set = [] {
    static std::string all;  // the set keeps views into it
    for (int i = 0; i < kStopwordListCount; ++i) {
      std::string_view l = kStopwordLists[i].lang;
      if (l == "en" || l == "fr" || l == "de" || l == "es" || l == "it" || l == "pt" || l == "nl") {
        all.append(kStopwordLists[i].words).push_back(' ');
      }
    }
    return new StopwordSet(all);
  }();
  return set;
}

bool IsStopword(const StopwordSet* set, std::string_view lower) {
  return set != nullptr && set->Contains(lower);
}

int StopwordCount(const StopwordSet* set) { return set ? set->size() : 0; }

}  // namespace newsweave::text

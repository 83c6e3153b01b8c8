// Language identification with CLD2.
// clang-format off
#include <cstdio>  // CLD2's public header needs it first.
#include <cld2/public/compact_lang_det.h>
// clang-format on

#include <algorithm>
#include <cctype>
#include <string>

#include "newsweave/analysis.h"

namespace newsweave {
namespace {

// ISO 639-1 code of a CLD2 language ("und" for none). CLD2 still says "iw" for Hebrew, "jw"
// for Javanese and "zh-Hant" for traditional Chinese.
std::string CodeOf(CLD2::Language l) {
  if (l == CLD2::UNKNOWN_LANGUAGE || l == CLD2::TG_UNKNOWN_LANGUAGE) return "und";
  std::string code = CLD2::LanguageCode(l);
  if (code == "un" || code == "xxx") return "und";
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  if (code.starts_with("zh-")) return "zh";
  return code;
}

// "en-US", "EN", "eng", "English" -> "en"; "" when unknown.
std::string NormalizeDeclared(std::string_view declared) {
  std::string s;
  for (char c : declared) {
    if (c == '-' || c == '_') break;
    s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (s.empty()) return s;
  if (s == "iw") return "he";  // old codes still written by some sites
  if (s == "jw") return "jv";
  if (s == "in") return "id";
  CLD2::Language l = CLD2::GetLanguageFromName(s.c_str());
  if (l == CLD2::UNKNOWN_LANGUAGE) {
    // CLD2 knows language names in capitals ("ENGLISH").
    std::string upper = s;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    l = CLD2::GetLanguageFromName(upper.c_str());
  }
  if (l == CLD2::UNKNOWN_LANGUAGE) {
    // Common ISO 639-2 codes CLD2 does not know by that name.
    static const std::pair<const char*, const char*> kIso3[] = {
        {"eng", "en"}, {"fra", "fr"}, {"fre", "fr"}, {"deu", "de"}, {"ger", "de"},
        {"spa", "es"}, {"ita", "it"}, {"por", "pt"}, {"nld", "nl"}, {"dut", "nl"},
        {"rus", "ru"}, {"pol", "pl"}, {"tur", "tr"}, {"ara", "ar"}, {"ukr", "uk"}};
    for (const auto& [three, two] : kIso3) {
      if (s == three) return two;
    }
    return "";
  }
  std::string code = CodeOf(l);
  return code == "und" ? "" : code;
}


// Bytes CLD2 sees at most (it costs about 35 us per KB): whole texts up to this size, else
// three windows of a third of it from the start, the middle and the end, cut at spaces.
// A declared language only needs confirming, so it is checked on fewer bytes.
constexpr size_t kSampleBytes = 1200;
constexpr size_t kDeclaredSampleBytes = 600;

std::string_view SampleForDetection(std::string_view text, size_t budget) {
  if (text.size() <= budget) return text;
  thread_local std::string buf;
  buf.clear();
  const size_t window = budget / 3;
  for (size_t k = 0; k < 3; ++k) {
    size_t from = k == 0 ? 0 : k == 1 ? text.size() / 2 - window / 2 : text.size() - window;
    size_t to = from + window;
    // Start after a space and end before one, so no word (or UTF-8 sequence) is cut.
    if (k > 0) {
      size_t sp = text.find(' ', from);
      if (sp != std::string_view::npos && sp < to) from = sp + 1;
    }
    size_t sp = text.rfind(' ', to);
    if (k < 2 && sp != std::string_view::npos && sp > from) to = sp;
    while (from < to && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
    while (to > from && to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80)
      --to;
    buf.append(text.substr(from, to - from));
    buf.push_back('\n');
  }
  return buf;
}

}  // namespace

LanguageGuess IdentifyLanguage(std::string_view text, std::string_view declared,
                               const AnalyzeOptions& options) {
  LanguageGuess guess;
  std::string want = NormalizeDeclared(declared);

  CLD2::Language top3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  // CLD2 costs about 35 us per KB: long texts are judged on three windows.
  std::string_view sample =
      SampleForDetection(text, want.empty() ? kSampleBytes : kDeclaredSampleBytes);
  CLD2::ExtDetectLanguageSummary(sample.data(), static_cast<int>(sample.size()),
                                 /*is_plain_text=*/true, top3, percent3, &text_bytes, &reliable);
  std::string found = CodeOf(top3[0]);
  int percent = percent3[0];
  bool confident = text_bytes >= options.min_letters && found != "und" &&
                   (reliable || percent >= options.min_percent);

  if (!want.empty()) {
    // The declared language wins unless CLD2 is reliably sure of another and gives the
    // declared one no real share of the text.
    int declared_share = 0;
    for (int i = 0; i < 3; ++i) {
      if (CodeOf(top3[i]) == want) declared_share = percent3[i];
    }
    bool clearly_wrong = confident && reliable && found != want && percent >= 80 &&
                         declared_share < 15 && text_bytes >= 4 * options.min_letters;
    if (!clearly_wrong) {
      guess.code = want;
      guess.from_declared = true;
      guess.reliable = found == want || declared_share > 0;  // confirmed by the text
      guess.confidence = found == want ? percent / 100.0 : 0.5;
      return guess;
    }
  }
  if (!confident) return guess;  // "und"
  guess.code = found;
  guess.reliable = reliable;
  guess.confidence = percent / 100.0 * (reliable ? 1.0 : 0.5);
  return guess;
}

}  // namespace newsweave

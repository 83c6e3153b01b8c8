// Language identification with CLD2.
#include <cstdio>  // CLD2's public header needs it first.

#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "newsweave/analysis.h"

namespace newsweave {
namespace {

// "en-US", "EN", "eng", "English" -> "en"; "" when unknown.
std::string NormalizeDeclared(std::string_view declared) {
  std::string s;
  for (char c : declared) {
    if (c == '-' || c == '_') break;
    s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (s.empty()) return s;
  CLD2::Language l = CLD2::GetLanguageFromName(s.c_str());
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
  std::string code = CLD2::LanguageCode(l);
  return code == "un" ? "" : code;
}

std::string CodeOf(CLD2::Language l) {
  if (l == CLD2::UNKNOWN_LANGUAGE || l == CLD2::TG_UNKNOWN_LANGUAGE) return "und";
  std::string code = CLD2::LanguageCode(l);
  if (code == "un" || code == "xxx") return "und";
  return code;
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
  // CLD2 reads at most what it needs; cap the input so a monster article costs little.
  int len = static_cast<int>(std::min<size_t>(text.size(), 64 * 1024));
  CLD2::ExtDetectLanguageSummary(text.data(), len, /*is_plain_text=*/true, top3, percent3,
                                 &text_bytes, &reliable);
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
      guess.reliable = found == want || declared_share > 0 || !confident;
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

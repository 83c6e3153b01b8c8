// Building blocks of the corpus generators: random numbers, CSV, sentence pools, chrome
// tables and JSON output.
#include "bench/corpus_text.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

namespace newsweave::bench {
namespace {

// One step of splitmix64 on *x; used to seed xoshiro.
std::uint64_t SplitMix(std::uint64_t* x) {
  std::uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Rotates x left by k bits.
inline std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Builds the chrome tables of the languages the generator knows.
std::vector<Chrome> MakeChromes() {
  std::vector<Chrome> c(4);
  c[0] = Chrome{"Skip to main content",
                "Menu",
                "Home",
                "Advertisement",
                "{} min read",
                "Share on Facebook Share on Twitter",
                "Listen to this article",
                "Related articles",
                "© 2026 {}. All rights reserved.",
                "Subscribe to our newsletter",
                "Download our app on the App Store and Google Play",
                "Follow us on Facebook, X and Instagram",
                "(Photo: {})",
                "world",
                {"World", "Politics", "Business", "Sport", "Culture"},
                {"Europe", "Middle East", "Asia", "Americas", "Africa"}};
  c[1] = Chrome{"Aller au contenu principal",
                "Menu",
                "Accueil",
                "Publicité",
                "Lecture {} min.",
                "Partager sur Facebook Partager sur Twitter",
                "Écouter cet article",
                "À lire aussi",
                "© 2026 {}. Tous droits réservés.",
                "Inscrivez-vous à notre newsletter",
                "Téléchargez notre application sur l'App Store et Google Play",
                "Suivez-nous sur Facebook, X et Instagram",
                "(Photo : {})",
                "monde",
                {"International", "Politique", "Économie", "Sport", "Culture"},
                {"Europe", "Moyen-Orient", "Asie", "Amériques", "Afrique"}};
  c[2] = Chrome{"Zum Inhalt springen",
                "Menü",
                "Startseite",
                "Anzeige",
                "Lesezeit: {} Min.",
                "Auf Facebook teilen Auf Twitter teilen",
                "Artikel anhören",
                "Mehr zum Thema",
                "© 2026 {}. Alle Rechte vorbehalten.",
                "Abonnieren Sie unseren Newsletter",
                "Laden Sie unsere App im App Store und bei Google Play",
                "Folgen Sie uns auf Facebook, X und Instagram",
                "(Foto: {})",
                "welt",
                {"Politik", "Wirtschaft", "Sport", "Kultur", "Panorama"},
                {"Ausland", "Inland", "Europa", "Nahost", "Asien"}};
  c[3] = Chrome{"Saltar al contenido principal",
                "Menú",
                "Inicio",
                "Publicidad",
                "Lectura de {} min",
                "Compartir en Facebook Compartir en Twitter",
                "Escuchar este artículo",
                "Noticias relacionadas",
                "© 2026 {}. Todos los derechos reservados.",
                "Suscríbete a nuestro boletín",
                "Descarga nuestra app en App Store y Google Play",
                "Síguenos en Facebook, X e Instagram",
                "(Foto: {})",
                "internacional",
                {"Internacional", "Política", "Economía", "Deportes", "Cultura"},
                {"Europa", "Oriente Medio", "Asia", "América", "África"}};
  return c;
}

// Returns true when `s` is well-formed UTF-8 without C0 control characters other than tab
// (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsCleanUtf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
      ++i;
      continue;
    }
    int len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

// Returns `s` with runs of spaces and tabs collapsed to one space, trimmed at both ends.
std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Returns the length of the sentence terminator at s[i] (".", "!", "?" followed by a space,
// or a full-width / Arabic stop), or 0 when there is none.
std::size_t TerminatorAt(std::string_view s, std::size_t i) {
  char c = s[i];
  if (c == '.' || c == '!' || c == '?') {
    return (i + 1 == s.size() || s[i + 1] == ' ') ? 1 : 0;
  }
  static constexpr std::string_view kWide[] = {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F",
                                               "\xD8\x9F"};  // 。！？ and Arabic ؟
  for (std::string_view w : kWide) {
    if (s.substr(i, w.size()) == w) return w.size();
  }
  return 0;
}

// Splits `text` into sentences (on ". ", "! ", "? ", full-width stops and newlines) and
// adds the usable ones to `pool`; `seen` drops sentences already taken.
void AddSentences(std::string_view text, LangPool* pool, std::unordered_set<std::string>* seen) {
  constexpr std::size_t kMinBytes = 30, kMaxBytes = 280, kMaxShortBytes = 90;
  auto take = [&](std::string_view raw) {
    std::string s = CollapseSpaces(raw);
    if (s.size() < kMinBytes || s.size() > kMaxBytes || !IsCleanUtf8(s)) return;
    if (!seen->insert(s).second) return;
    if (s.size() <= kMaxShortBytes) {
      std::string t = s;
      while (!t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?')) t.pop_back();
      pool->short_lines.push_back(std::move(t));
    }
    pool->sentences.push_back(std::move(s));
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      take(text.substr(start, i - start));
      start = i + 1;
    } else if (std::size_t t = TerminatorAt(text, i)) {
      take(text.substr(start, i + t - start));
      start = i + t;
      i = start - 1;
    }
  }
  if (start < text.size()) take(text.substr(start));
}

}  // namespace

const std::vector<std::string> kAgencies = {"Reuters", "AFP", "AP",   "EPA",
                                            "dpa",     "EFE", "ANSA", "Getty Images"};

Rng::Rng(std::uint64_t seed) {
  for (std::uint64_t& s : s_) s = SplitMix(&seed);
}

std::uint64_t Rng::Next() {
  const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

const Chrome& ChromeFor(std::string_view lang) {
  static const std::vector<Chrome> kChromes = MakeChromes();
  if (lang == "fr") return kChromes[1];
  if (lang == "de") return kChromes[2];
  if (lang == "es") return kChromes[3];
  return kChromes[0];
}

std::string Fill(std::string_view pattern, std::string_view value) {
  std::string out(pattern);
  std::size_t p = out.find("{}");
  if (p != std::string::npos) out.replace(p, 2, value);
  return out;
}

// Reads the whole file at `path` into *out; returns false when it cannot be opened.
bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = std::move(ss).str();
  return true;
}

// Reads the CSV at `path` and fills *pools with the sentences of each language, ordered by
// language code. Returns an error message, or "" on success.
std::string LoadPools(const std::string& path, std::vector<LangPool>* pools) {
  std::string data;
  if (!ReadFile(path, &data)) return "cannot read " + path;
  CsvReader csv(data);
  std::vector<std::string> header, row;
  if (!csv.NextRow(&header)) return path + ": empty CSV";
  auto column = [&](std::string_view name) { return CsvReader::ColumnIndex(header, name); };
  const int lang1 = column("lang1"), lang2 = column("lang2");
  const int text1 = column("text1"), text2 = column("text2");
  if (lang1 < 0 || lang2 < 0 || text1 < 0 || text2 < 0) {
    return path + ": missing one of the columns lang1, lang2, text1, text2";
  }
  const int needed = std::max({lang1, lang2, text1, text2});
  std::map<std::string, LangPool> by_lang;
  std::unordered_set<std::string> seen;
  while (csv.NextRow(&row)) {
    if (static_cast<int>(row.size()) <= needed) continue;
    for (auto [l, t] : {std::pair{lang1, text1}, std::pair{lang2, text2}}) {
      if (row[l].empty() || row[t].empty()) continue;
      LangPool& pool = by_lang[row[l]];
      pool.code = row[l];
      ++pool.texts;
      AddSentences(row[t], &pool, &seen);
    }
  }
  if (!csv.error().empty()) return path + ": " + csv.error();
  for (auto& [code, pool] : by_lang) {
    // A language needs enough material to make articles that do not repeat themselves.
    if (pool.sentences.size() >= 100 && pool.short_lines.size() >= 10) {
      pools->push_back(std::move(pool));
    }
  }
  if (pools->empty()) return path + ": no language has enough sentences";
  return "";
}

// Returns an index drawn with probability proportional to `weights`.
std::size_t PickWeighted(Rng& rng, const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  double x = rng.Real() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;
}

// Appends `s` to *out as a JSON string literal. `s` must be valid UTF-8.
void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          *out += "\\u00";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

// Appends `"key":` and the JSON string `value` to *out, with a leading comma unless first.
void AppendField(std::string_view key, std::string_view value, bool first, std::string* out) {
  if (!first) out->push_back(',');
  AppendJsonString(key, out);
  out->push_back(':');
  AppendJsonString(value, out);
}

// Returns an ISO 8601 timestamp within 2026 in one of the forms feeds use.
std::string MakeTimestamp(Rng& rng) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = rng.Uniform(1, 12);
  int day = rng.Uniform(1, kDays[month - 1]);
  char buf[40];
  double form = rng.Real();
  if (form < 0.1) {
    std::snprintf(buf, sizeof buf, "2026-%02d-%02d", month, day);
  } else if (form < 0.3) {
    std::snprintf(buf, sizeof buf, "2026-%02d-%02dT%02d:%02d:%02d+0%d:00", month, day,
                  rng.Uniform(0, 23), rng.Uniform(0, 59), rng.Uniform(0, 59), rng.Uniform(1, 3));
  } else {
    std::snprintf(buf, sizeof buf, "2026-%02d-%02dT%02d:%02d:%02dZ", month, day, rng.Uniform(0, 23),
                  rng.Uniform(0, 59), rng.Uniform(0, 59));
  }
  return buf;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string JoinPieces(const std::vector<std::string>& pieces) {
  std::string out;
  for (const std::string& p : pieces) {
    if (!out.empty()) out.push_back(' ');
    out += p;
  }
  return out;
}

}  // namespace newsweave::bench

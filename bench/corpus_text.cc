// Building blocks of the corpus generator: random numbers, CSV and chrome tables.
#include "bench/corpus_text.h"

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

CsvReader::CsvReader(std::string_view data) : data_(data) {
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvReader::NextRow(std::vector<std::string>* fields) {
  fields->clear();
  const std::size_t n = data_.size();
  if (pos_ >= n || !error_.empty()) return false;
  const std::uint64_t row_line = line_;
  std::string field;
  while (true) {
    field.clear();
    if (pos_ < n && data_[pos_] == '"') {
      ++pos_;
      while (true) {
        std::size_t q = data_.find('"', pos_);
        if (q == std::string_view::npos) {
          error_ = "line " + std::to_string(row_line) + ": unterminated quoted field";
          return false;
        }
        std::string_view part = data_.substr(pos_, q - pos_);
        for (char c : part) line_ += c == '\n';
        field.append(part);
        pos_ = q + 1;
        if (pos_ < n && data_[pos_] == '"') {  // "" stands for one quote
          field.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
    }
    std::size_t end = data_.find_first_of(",\r\n", pos_);
    if (end == std::string_view::npos) end = n;
    field.append(data_.substr(pos_, end - pos_));
    pos_ = end;
    fields->push_back(std::move(field));
    if (pos_ >= n) return true;
    char c = data_[pos_++];
    if (c == ',') continue;
    if (c == '\r' && pos_ < n && data_[pos_] == '\n') ++pos_;
    ++line_;
    return true;
  }
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

}  // namespace newsweave::bench

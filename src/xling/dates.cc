// Dates and numbers in text, normalized across languages.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "xling/internal.h"

namespace newsweave::xling {

int DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

namespace {

// Folded month names and abbreviations: en, fr, de, es, it, pt, nl, pl (nominative and
// genitive).
const std::unordered_map<std::string_view, int>& Months() {
  static const auto* m = new std::unordered_map<std::string_view, int>{
      {"january", 1},   {"february", 2},     {"march", 3},         {"april", 4},
      {"may", 5},       {"june", 6},         {"july", 7},          {"august", 8},
      {"september", 9}, {"october", 10},     {"november", 11},     {"december", 12},
      {"jan", 1},       {"feb", 2},          {"mar", 3},           {"apr", 4},
      {"jun", 6},       {"jul", 7},          {"aug", 8},           {"sep", 9},
      {"sept", 9},      {"oct", 10},         {"nov", 11},          {"dec", 12},
      {"janvier", 1},   {"fevrier", 2},      {"mars", 3},          {"avril", 4},
      {"mai", 5},       {"juin", 6},         {"juillet", 7},       {"aout", 8},
      {"septembre", 9}, {"octobre", 10},     {"novembre", 11},     {"decembre", 12},
      {"janv", 1},      {"fevr", 2},         {"avr", 4},           {"juil", 7},
      {"januar", 1},    {"februar", 2},      {"marz", 3},          {"juni", 6},
      {"juli", 7},      {"oktober", 10},     {"dezember", 12},     {"jänner", 1},
      {"okt", 10},      {"dez", 12},         {"enero", 1},         {"febrero", 2},
      {"marzo", 3},     {"abril", 4},        {"mayo", 5},          {"junio", 6},
      {"julio", 7},     {"agosto", 8},       {"septiembre", 9},    {"setiembre", 9},
      {"octubre", 10},  {"noviembre", 11},   {"diciembre", 12},    {"gennaio", 1},
      {"febbraio", 2},  {"aprile", 4},       {"maggio", 5},        {"giugno", 6},
      {"luglio", 7},    {"settembre", 9},    {"ottobre", 10},      {"dicembre", 12},
      {"janeiro", 1},   {"fevereiro", 2},    {"marco", 3},         {"maio", 5},
      {"junho", 6},     {"julho", 7},        {"setembro", 9},      {"outubro", 10},
      {"dezembro", 12}, {"januari", 1},      {"februari", 2},      {"maart", 3},
      {"augustus", 8},  {"stycznia", 1},     {"lutego", 2},        {"marca", 3},
      {"kwietnia", 4},  {"maja", 5},         {"czerwca", 6},       {"lipca", 7},
      {"sierpnia", 8},  {"wrzesnia", 9},     {"pazdziernika", 10}, {"listopada", 11},
      {"grudnia", 12},  {"styczen", 1},      {"luty", 2},          {"marzec", 3},
      {"kwiecien", 4},  {"czerwiec", 6},     {"lipiec", 7},        {"sierpien", 8},
      {"wrzesien", 9},  {"pazdziernik", 10}, {"listopad", 11},     {"grudzien", 12},
  };
  return *m;
}

// Folded weekday names, Monday = 1.
const std::unordered_map<std::string_view, int>& Weekdays() {
  static const auto* m = new std::unordered_map<std::string_view, int>{
      {"monday", 1},    {"tuesday", 2},   {"wednesday", 3},  {"thursday", 4},  {"friday", 5},
      {"saturday", 6},  {"sunday", 7},    {"lundi", 1},      {"mardi", 2},     {"mercredi", 3},
      {"jeudi", 4},     {"vendredi", 5},  {"samedi", 6},     {"dimanche", 7},  {"montag", 1},
      {"dienstag", 2},  {"mittwoch", 3},  {"donnerstag", 4}, {"freitag", 5},   {"samstag", 6},
      {"sonnabend", 6}, {"sonntag", 7},   {"lunes", 1},      {"martes", 2},    {"miercoles", 3},
      {"jueves", 4},    {"viernes", 5},   {"sabado", 6},     {"domingo", 7},   {"lunedi", 1},
      {"martedi", 2},   {"mercoledi", 3}, {"giovedi", 4},    {"venerdi", 5},   {"domenica", 7},
      {"maandag", 1},   {"dinsdag", 2},   {"woensdag", 3},   {"donderdag", 4}, {"vrijdag", 5},
      {"zaterdag", 6},  {"zondag", 7},
  };
  return *m;
}

// Multipliers written as words after a number.
double Multiplier(std::string_view folded) {
  if (folded == "million" || folded == "millions" || folded == "millionen" || folded == "mio" ||
      folded == "millones" || folded == "milioni" || folded == "milione" || folded == "milhoes" ||
      folded == "miljoen" || folded == "milion" || folded == "miliony" || folded == "milionow" ||
      folded == "millon")
    return 1e6;
  if (folded == "billion" || folded == "billions" || folded == "milliard" ||
      folded == "milliards" || folded == "milliarde" || folded == "milliarden" || folded == "mrd" ||
      folded == "miliardi" || folded == "miliardo" || folded == "miliard")
    return 1e9;
  return 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A thin, narrow, no-break or plain space between digit groups.
std::size_t GroupSpace(std::string_view s) {
  if (s == " ") return 1;
  if (s == "\xC2\xA0") return 2;                             // U+00A0
  if (s == "\xE2\x80\xAF" || s == "\xE2\x80\x89") return 3;  // U+202F, U+2009
  return 0;
}

// Value of a number written with '.' and ',' as group or decimal separators: a separator
// followed by exactly three digits (all groups so) groups thousands, otherwise it is the
// decimal point. Returns false for no digits.
bool ParseNumber(std::string_view s, double* value, bool* grouped_integer) {
  // Digit groups joined by a space inside one token ("12 000" with U+202F): thousands.
  std::string joined;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n =
        s[i] == ' '                                                                            ? 1
        : s.substr(i).starts_with("\xC2\xA0")                                                  ? 2
        : (s.substr(i).starts_with("\xE2\x80\xAF") || s.substr(i).starts_with("\xE2\x80\x89")) ? 3
                                                                                               : 0;
    if (n == 0) {
      joined += s[i++];
      continue;
    }
    std::size_t digits = 0;
    while (i + n + digits < s.size() && IsDigit(s[i + n + digits])) ++digits;
    if (digits != 3) return false;
    i += n;
  }
  if (joined.size() != s.size()) {
    return ParseNumber(joined, value, grouped_integer);
  }
  std::vector<std::string_view> groups;
  std::vector<char> seps;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '.' || s[i] == ',') {
      groups.push_back(s.substr(start, i - start));
      if (i < s.size()) seps.push_back(s[i]);
      start = i + 1;
    } else if (!IsDigit(s[i])) {
      return false;
    }
  }
  for (std::string_view g : groups)
    if (g.empty()) return false;
  std::string digits;
  if (seps.empty()) {
    digits = std::string(s);
  } else {
    const bool mixed = std::any_of(seps.begin(), seps.end(), [&](char c) { return c != seps[0]; });
    bool thousands = groups[0].size() <= 3;
    for (std::size_t g = 1; g < groups.size(); ++g) thousands &= groups[g].size() == 3;
    if (!mixed && thousands && !(seps.size() == 1 && groups[0] == "0")) {
      for (std::string_view g : groups) digits += g;
    } else {
      // The last separator is the decimal point, the others group.
      for (std::size_t g = 0; g + 1 < groups.size(); ++g) digits += groups[g];
      digits += '.';
      digits += groups.back();
    }
  }
  *value = std::strtod(digits.c_str(), nullptr);
  *grouped_integer = digits.find('.') == std::string::npos;
  return true;
}

// Leading digits of a token ("3rd" -> 3, "21st", "1er", "3."); -1 when the rest is not an
// ordinal suffix.
int DayNumber(std::string_view token) {
  std::size_t n = 0;
  while (n < token.size() && IsDigit(token[n])) ++n;
  if (n == 0 || n > 2) return -1;
  std::string_view rest = token.substr(n);
  if (!(rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th" ||
        rest == "er" || rest == "e" || rest == "\xC2\xBA" || rest == "\xC2\xAA"))
    return -1;
  int d = std::atoi(std::string(token.substr(0, n)).c_str());
  return d >= 1 && d <= 31 ? d : -1;
}

int YearNumber(std::string_view token) {
  if (token.size() != 4) return -1;
  for (char c : token)
    if (!IsDigit(c)) return -1;
  int y = std::atoi(std::string(token).c_str());
  return y >= 1800 && y <= 2199 ? y : -1;
}

std::string FormatDate(int y, int m, int d) {
  char buf[16];
  if (y > 0 && d > 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  else if (d > 0)
    std::snprintf(buf, sizeof buf, "--%02d-%02d", m, d);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

// Numeric dates at text[pos]: 03.03.2022, 3/3/22, 2022-03-03. Returns the length or 0.
std::size_t NumericDate(std::string_view text, std::size_t pos, int* y, int* m, int* d) {
  int parts[3] = {0, 0, 0};
  int lens[3] = {0, 0, 0};
  char sep = 0;
  std::size_t i = pos;
  for (int p = 0; p < 3; ++p) {
    while (i < text.size() && IsDigit(text[i]) && lens[p] < 5) {
      parts[p] = parts[p] * 10 + (text[i] - '0');
      ++lens[p];
      ++i;
    }
    if (lens[p] == 0) return 0;
    if (p < 2) {
      if (i >= text.size()) return 0;
      char c = text[i];
      if (c != '.' && c != '/' && c != '-') return 0;
      if (sep && c != sep) return 0;
      sep = c;
      ++i;
    }
  }
  if (i < text.size() && IsDigit(text[i])) return 0;
  if (lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2 && sep == '-') {
    *y = parts[0], *m = parts[1], *d = parts[2];
  } else if (lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || lens[2] == 2) && sep != '-') {
    *d = parts[0], *m = parts[1], *y = parts[2];
    if (sep == '/' && *m > 12 && *d <= 12) std::swap(*d, *m);
    if (lens[2] == 2) *y += *y < 50 ? 2000 : 1900;
  } else {
    return 0;
  }
  if (*m < 1 || *m > 12 || *d < 1 || *d > 31 || *y < 1800 || *y > 2199) return 0;
  return i - pos;
}

}  // namespace

bool IsCalendarWord(std::string_view folded) {
  return Months().count(folded) > 0 || Weekdays().count(folded) > 0;
}

void FindDatesAndNumbersIn(std::string_view text, const Analysis& a, std::string_view published,
                           std::vector<DateMention>* dates, std::vector<NumberMention>* numbers) {
  dates->clear();
  numbers->clear();
  int pub_days = -1, pub_year = 0;
  if (published.size() >= 10 && published[4] == '-' && published[7] == '-') {
    int y = std::atoi(std::string(published.substr(0, 4)).c_str());
    int m = std::atoi(std::string(published.substr(5, 2)).c_str());
    int d = std::atoi(std::string(published.substr(8, 2)).c_str());
    if (y > 1800 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      pub_days = DaysFromCivil(y, m, d);
      pub_year = y;
    }
  }
  const auto& months = Months();
  const auto& weekdays = Weekdays();
  // The first two letters of every month and weekday name: most words are ruled out before
  // any hashing.
  static const std::vector<bool> kPrefixes = [] {
    std::vector<bool> b(65536, false);
    for (const auto* m : {&Months(), &Weekdays()})
      for (const auto& [name, v] : *m)
        b[static_cast<unsigned char>(name[0]) << 8 | static_cast<unsigned char>(name[1])] = true;
    return b;
  }();
  auto may_be_name = [&](std::string_view f) {
    return f.size() >= 3 && f.size() <= 12 &&
           kPrefixes[static_cast<unsigned char>(f[0]) << 8 | static_cast<unsigned char>(f[1])];
  };
  const std::vector<Token>& tok = a.tokens;
  auto word = [&](std::size_t i) { return text.substr(tok[i].start, tok[i].end - tok[i].start); };
  auto month_of = [&](std::size_t i) -> int {
    if (i >= tok.size() || tok[i].kind != TokenKind::kWord || !may_be_name(a.Folded(tok[i])))
      return 0;
    auto it = months.find(a.Folded(tok[i]));
    return it == months.end() ? 0 : it->second;
  };
  // Skips a linking word ("de", "of") before a month or a year.
  auto skip_link = [&](std::size_t i) {
    if (i < tok.size() && tok[i].kind == TokenKind::kWord) {
      std::string_view f = a.Folded(tok[i]);
      if (f == "de" || f == "of" || f == "del") return i + 1;
    }
    return i;
  };
  auto year_at = [&](std::size_t i) { return i < tok.size() ? YearNumber(word(i)) : -1; };
  auto add_date = [&](std::uint32_t start, std::uint32_t end, int y, int m, int d) {
    if (y <= 0 && d > 0 && pub_year > 0) y = pub_year;
    dates->push_back({{start, end}, FormatDate(y, m, d)});
  };

  for (std::size_t i = 0; i < tok.size(); ++i) {
    const Token& t = tok[i];
    std::string_view w = word(i);
    if (t.kind == TokenKind::kWord) {
      if (int m = month_of(i)) {
        // Month first: "March 3", "March 3rd, 2022", "March 2022", "marzo de 2022".
        std::size_t j = skip_link(i + 1);
        int d = j < tok.size() ? DayNumber(word(j)) : -1;
        if (d > 0 && YearNumber(word(j)) < 0) {
          std::size_t k = j + 1;
          int y = year_at(k);
          add_date(t.start, y > 0 ? tok[k].end : tok[j].end, y, m, d);
          i = y > 0 ? k : j;
        } else if (int y = year_at(j); y > 0) {
          dates->push_back({{t.start, tok[j].end}, FormatDate(y, m, 0)});
          i = j;
        }
        continue;
      }
      if (auto it = may_be_name(a.Folded(t)) ? weekdays.find(a.Folded(t)) : weekdays.end();
          it != weekdays.end()) {
        if (pub_days >= 0) {
          // The most recent such day on or before publication (1970-01-01 was a Thursday).
          const int pub_weekday = ((pub_days % 7) + 7 + 3) % 7 + 1;
          const int back = (pub_weekday - it->second + 7) % 7;
          int y, m, d;
          CivilFromDays(pub_days - back, &y, &m, &d);
          dates->push_back({{t.start, t.end}, FormatDate(y, m, d)});
        } else {
          dates->push_back({{t.start, t.end}, "W" + std::to_string(it->second)});
        }
        continue;
      }
      if (!w.empty() && !IsDigit(w[0])) continue;
    }
    if (w.empty() || !IsDigit(w[0])) continue;
    // Chinese and Japanese: "2022 年 3 月 3 日", "4 月 12 日".
    auto is = [&](std::size_t k, std::string_view han) { return k < tok.size() && word(k) == han; };
    if (is(i + 1, "\xE5\xB9\xB4") || is(i + 1, "\xE6\x9C\x88")) {  // 年, 月
      int cy = 0, cm = 0, cd = 0;
      std::size_t k = i;
      if (is(k + 1, "\xE5\xB9\xB4")) {
        cy = YearNumber(word(k));
        k += 2;
      }
      if (k < tok.size() && is(k + 1, "\xE6\x9C\x88")) {
        cm = std::atoi(std::string(word(k)).c_str());
        k += 2;
        if (k < tok.size() && is(k + 1, "\xE6\x97\xA5")) {  // 日
          cd = DayNumber(word(k));
          k += 2;
        }
      }
      if (cm >= 1 && cm <= 12 && (cy > 0 || cd > 0)) {
        add_date(t.start, tok[k - 1].end, cy, cm, cd > 0 ? cd : 0);
        i = k - 1;
        continue;
      }
      if (cy > 0 && cm == 0) {
        dates->push_back({{t.start, tok[i + 1].end}, std::to_string(cy)});
        ++i;
        continue;
      }
    }
    // Numeric dates may span several tokens ("03/03/2022").
    int y, m, d;
    if (std::size_t len = NumericDate(text, t.start, &y, &m, &d)) {
      std::uint32_t end = t.start + static_cast<std::uint32_t>(len);
      dates->push_back({{t.start, end}, FormatDate(y, m, d)});
      while (i + 1 < tok.size() && tok[i + 1].start < end) ++i;
      continue;
    }
    // Day first: "3 March 2022", "3 mars", "3. März 2022", "3 de marzo de 2022", "3rd March".
    if (int day = DayNumber(w); day > 0) {
      std::size_t j = skip_link(i + 1);
      if (int mm = month_of(j)) {
        std::size_t k = skip_link(j + 1);
        int yy = year_at(k);
        add_date(t.start, yy > 0 ? tok[k].end : tok[j].end, yy, mm, day);
        i = yy > 0 ? k : j;
        continue;
      }
    }
    if (int yy = YearNumber(w); yy > 0) {
      dates->push_back({{t.start, t.end}, std::to_string(yy)});
      continue;
    }
    double value;
    bool integer;
    if (!ParseNumber(w, &value, &integer)) continue;
    std::uint32_t end = t.end;
    // "12 000" with a space, no-break or narrow no-break space between digit groups.
    while (integer && i + 1 < tok.size() && word(i + 1).size() == 3 &&
           GroupSpace(text.substr(end, tok[i + 1].start - end)) &&
           std::all_of(word(i + 1).begin(), word(i + 1).end(), IsDigit) && value < 1e12) {
      value = value * 1000 + std::atoi(std::string(word(i + 1)).c_str());
      end = tok[++i].end;
    }
    if (i + 1 < tok.size() && tok[i + 1].kind == TokenKind::kWord) {
      if (double mult = Multiplier(a.Folded(tok[i + 1])); mult > 0) {
        value *= mult;
        end = tok[++i].end;
      }
    }
    numbers->push_back({{t.start, end}, value});
  }
}

}  // namespace newsweave::xling

#include "text/unicode.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

namespace newsweave::text {
namespace {

const icu::Normalizer2* NfcInstance() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFCInstance(status);
  }();
  return nfc;
}

const icu::Normalizer2* NfdInstance() {
  static const icu::Normalizer2* nfd = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFDInstance(status);
  }();
  return nfd;
}

// True when every character is below U+0300, where no character changes under NFC (the
// first combining marks are at U+0300, whose UTF-8 lead byte is 0xCC).
bool BelowCombiningMarks(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0xCC) return false;
  }
  return true;
}

// Appends UTF-16 s to *out as UTF-8.
void AppendUtf16AsUtf8(const UChar* s, int32_t len, std::string* out) {
  int32_t i = 0;
  while (i < len) {
    UChar32 c;
    U16_NEXT(s, i, len, c);
    AppendUtf8(static_cast<char32_t>(c), out);
  }
}

}  // namespace

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool IsNfc(std::string_view s) {
  if (BelowCombiningMarks(s)) return true;
  UErrorCode status = U_ZERO_ERROR;
  bool ok = NfcInstance()->isNormalizedUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status);
  return U_SUCCESS(status) && ok;
}

void AppendNfc(std::string_view s, std::string* out) {
  if (BelowCombiningMarks(s)) {
    out->append(s);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = NfcInstance();
  icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    out->append(s);
    return;
  }
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc->normalize(icu::UnicodeString::fromUTF8(piece), status);
  if (U_FAILURE(status)) {
    out->append(s);
    return;
  }
  normalized.toUTF8String(*out);
}

Folder::Folder() {
  lower16_.reserve(64);
}

void Folder::Fold(const UChar* s, int32_t len, std::string* lower, std::string* folded) {
  // ASCII fast path.
  bool ascii = true;
  for (int32_t i = 0; i < len; ++i) {
    if (s[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    for (int32_t i = 0; i < len; ++i) {
      char c = static_cast<char>(s[i]);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (lower) lower->push_back(c);
      if (folded) folded->push_back(c);
    }
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  lower16_.resize(static_cast<size_t>(len) * 3 + 8);
  int32_t n = u_strFoldCase(lower16_.data(), static_cast<int32_t>(lower16_.size()), s, len,
                            U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status)) {
    n = len;
    lower16_.assign(s, s + len);
  }
  if (lower) AppendUtf16AsUtf8(lower16_.data(), n, lower);
  if (!folded) return;
  // Decompose and drop combining marks.
  status = U_ZERO_ERROR;
  icu::UnicodeString src(false, lower16_.data(), n);  // read-only alias
  icu::UnicodeString nfd = NfdInstance()->normalize(src, status);
  if (U_FAILURE(status)) {
    AppendUtf16AsUtf8(lower16_.data(), n, folded);
    return;
  }
  const UChar* d = nfd.getBuffer();
  int32_t dl = nfd.length();
  int32_t i = 0;
  while (i < dl) {
    UChar32 c;
    U16_NEXT(d, i, dl, c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    // A few letters have no decomposition but a clear base letter.
    switch (c) {
      case 0x00F8:
        c = 'o';
        break;  // ø
      case 0x0142:
        c = 'l';
        break;  // ł
      case 0x0111:
        c = 'd';
        break;  // đ
      case 0x00E6:
        folded->append("ae");
        continue;
      case 0x0153:
        folded->append("oe");
        continue;
      case 0x0131:
        c = 'i';
        break;  // dotless i
      default:
        break;
    }
    AppendUtf8(static_cast<char32_t>(c), folded);
  }
}

std::string Folder::FoldUtf8(std::string_view s) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  std::string out;
  Fold(u.getBuffer(), u.length(), nullptr, &out);
  return out;
}

}  // namespace newsweave::text

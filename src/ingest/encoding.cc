#include "ingest/encoding.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "ingest/util.h"
#include "text/utf8.h"

namespace newsweave::ingest {

namespace {

constexpr std::size_t kDetectSampleBytes = 1 << 20;

// ICU callbacks that count each substitution, then substitute (U+FFFD on the way to
// Unicode, the UTF-8 encoding of U+FFFD on the way out).
void U_CALLCONV CountingToUnicode(const void* context, UConverterToUnicodeArgs* args,
                                  const char* /*code_units*/, int32_t /*length*/,
                                  UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to substitute
  ++*static_cast<std::size_t*>(const_cast<void*>(context));
  *err = U_ZERO_ERROR;
  static const UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

void U_CALLCONV CountingFromUnicode(const void* context, UConverterFromUnicodeArgs* args,
                                    const UChar* code_units, int32_t length, UChar32 code_point,
                                    UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;
  ++*static_cast<std::size_t*>(const_cast<void*>(context));
  UCNV_FROM_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, code_point, reason, err);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr OpenConverter(const std::string& name) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr c(ucnv_open(name.c_str(), &err));
  if (U_FAILURE(err)) return nullptr;
  return c;
}

// The name to report for a converter: MIME name, else IANA name, else ICU's.
std::string ReportName(UConverter* cnv) {
  UErrorCode err = U_ZERO_ERROR;
  const char* icu_name = ucnv_getName(cnv, &err);
  if (U_FAILURE(err) || icu_name == nullptr) return "unknown";
  for (const char* standard : {"MIME", "IANA"}) {
    UErrorCode e = U_ZERO_ERROR;
    const char* n = ucnv_getStandardName(icu_name, standard, &e);
    if (U_SUCCESS(e) && n != nullptr) return n;
  }
  return icu_name;
}

// Opens the converter for a charset label, applying the browser remappings. Returns null for
// unknown labels and for Unicode encodings (which only a byte order mark may select).
ConverterPtr OpenForLabel(std::string_view label, std::string* name) {
  std::string lower = AsciiLower(TrimAscii(label));
  while (!lower.empty() && (lower.front() == '"' || lower.front() == '\'')) lower.erase(0, 1);
  while (!lower.empty() && (lower.back() == '"' || lower.back() == '\'')) lower.pop_back();
  if (lower.empty()) return nullptr;
  if (lower == "uhc") lower = "windows-949";
  ConverterPtr cnv = OpenConverter(lower);
  if (!cnv) return nullptr;
  std::string reported = ReportName(cnv.get());
  std::string remap;
  if (reported == "ISO-8859-1" || reported == "US-ASCII") {
    remap = "windows-1252";
  } else if (reported == "ISO-8859-9") {
    remap = "windows-1254";
  } else if (reported == "GB2312" || reported == "GBK") {
    remap = "GB18030";
  } else if (StartsWithIgnoreCase(reported, "UTF-") || StartsWithIgnoreCase(reported, "UCS-") ||
             StartsWithIgnoreCase(reported, "CESU") || StartsWithIgnoreCase(reported, "SCSU") ||
             StartsWithIgnoreCase(reported, "BOCU")) {
    return nullptr;
  }
  if (!remap.empty()) {
    cnv = OpenConverter(remap);
    if (!cnv) return nullptr;
    reported = ReportName(cnv.get());
  }
  *name = std::move(reported);
  return cnv;
}

// Converts `bytes` with `src` to UTF-8 in *out; returns false if ICU failed outright.
bool ConvertWith(UConverter* src, std::string_view bytes, std::string* out, std::size_t* replaced) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr utf8 = OpenConverter("UTF-8");
  if (!utf8) return false;
  ucnv_setToUCallBack(src, CountingToUnicode, replaced, nullptr, nullptr, &err);
  ucnv_setFromUCallBack(utf8.get(), CountingFromUnicode, replaced, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return false;
  out->clear();
  out->resize(bytes.size() + bytes.size() / 2 + 16);
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* source = bytes.data();
  const char* source_limit = bytes.data() + bytes.size();
  std::size_t written = 0;
  bool reset = true;
  for (;;) {
    char* target = out->data() + written;
    char* target_limit = out->data() + out->size();
    err = U_ZERO_ERROR;
    ucnv_convertEx(utf8.get(), src, &target, target_limit, &source, source_limit, pivot,
                   &pivot_source, &pivot_target, pivot + 4096, reset, /*flush=*/true, &err);
    reset = false;
    written = static_cast<std::size_t>(target - out->data());
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      out->resize(out->size() * 2 + 64);
      continue;
    }
    if (U_FAILURE(err)) return false;
    break;
  }
  out->resize(written);
  return true;
}

// Decodes with a named converter; falls back to UTF-8 repair when ICU fails.
bool DecodeWith(ConverterPtr cnv, std::string name, std::string_view bytes, DecodedText* out) {
  std::size_t replaced = 0;
  if (!cnv || !ConvertWith(cnv.get(), bytes, &out->text, &replaced)) return false;
  out->encoding = std::move(name);
  out->replaced = replaced;
  // ICU's output is well-formed; stay defensive so the promise holds whatever happens.
  if (!text::IsValidUtf8(out->text)) {
    std::string fixed;
    out->replaced += text::RepairUtf8(out->text, &fixed);
    out->text = std::move(fixed);
  }
  return true;
}

// Counts well-formed multi-byte UTF-8 sequences and ill-formed ones.
void CountUtf8(std::string_view s, std::size_t* multibyte, std::size_t* invalid) {
  *multibyte = 0;
  *invalid = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = text::Utf8SequenceLength(s, i);
    if (len == 0) {
      ++*invalid;
      ++i;
    } else {
      ++*multibyte;
      i += len;
    }
  }
}

// Returns the charset uchardet guesses for a sample of `bytes`, or "".
std::string Detect(std::string_view bytes) {
  std::size_t start = 0;
  if (bytes.size() > kDetectSampleBytes) {
    // Begin near the first non-ASCII byte so the sample is informative.
    auto it = std::find_if(bytes.begin(), bytes.end(),
                           [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    std::size_t first = static_cast<std::size_t>(it - bytes.begin());
    start = first > 1024 ? first - 1024 : 0;
  }
  std::string_view sample = bytes.substr(start, kDetectSampleBytes);
  uchardet_t ud = uchardet_new();
  if (ud == nullptr) return std::string();
  std::string result;
  if (uchardet_handle_data(ud, sample.data(), sample.size()) == 0) {
    uchardet_data_end(ud);
    const char* cs = uchardet_get_charset(ud);
    if (cs != nullptr) result = cs;
  }
  uchardet_delete(ud);
  return result;
}

void Repair(std::string_view bytes, DecodedText* out) {
  out->text.clear();
  out->replaced = text::RepairUtf8(bytes, &out->text);
  out->encoding = "UTF-8";
}

// Decodes `bytes` that are known not to be valid UTF-8 and carry no byte order mark.
void DecodeNonUtf8(std::string_view bytes, std::string_view declared, DecodedText* out) {
  std::size_t multibyte = 0, invalid = 0;
  CountUtf8(bytes, &multibyte, &invalid);
  if (multibyte > 0 && multibyte >= invalid) {
    Repair(bytes, out);
    return;
  }
  std::string name;
  if (!declared.empty()) {
    ConverterPtr cnv = OpenForLabel(declared, &name);
    if (cnv && DecodeWith(std::move(cnv), name, bytes, out)) return;
  }
  std::string detected = Detect(bytes);
  if (!detected.empty() && !EqualsIgnoreCase(detected, "ASCII")) {
    ConverterPtr cnv = OpenForLabel(detected, &name);
    if (cnv && DecodeWith(std::move(cnv), name, bytes, out)) return;
  }
  Repair(bytes, out);
}

// Handles a byte order mark; returns false when there is none.
bool DecodeBom(std::string_view bytes, DecodedText* out) {
  struct Bom {
    std::string_view mark;
    const char* charset;
  };
  static constexpr Bom kBoms[] = {
      {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
      {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
      {"\xEF\xBB\xBF", "UTF-8"},
      {"\xFF\xFE", "UTF-16LE"},
      {"\xFE\xFF", "UTF-16BE"},
  };
  for (const Bom& bom : kBoms) {
    if (!bytes.starts_with(bom.mark)) continue;
    std::string_view rest = bytes.substr(bom.mark.size());
    if (bom.mark.size() == 3) {  // UTF-8
      if (text::IsValidUtf8(rest)) {
        out->text.assign(rest);
        out->replaced = 0;
        out->encoding = "UTF-8";
      } else {
        Repair(rest, out);
      }
      return true;
    }
    if (DecodeWith(OpenConverter(bom.charset), bom.charset, rest, out)) return true;
    Repair(rest, out);
    return true;
  }
  return false;
}

}  // namespace

DecodedText DecodeToUtf8(std::string_view bytes, std::string_view declared_charset) {
  DecodedText out;
  if (DecodeBom(bytes, &out)) return out;
  if (text::IsValidUtf8(bytes)) {
    out.text.assign(bytes);
    return out;
  }
  DecodeNonUtf8(bytes, declared_charset, &out);
  return out;
}

DecodedText DecodeOwnedToUtf8(std::string bytes, std::string_view declared_charset) {
  if (!bytes.starts_with("\xEF\xBB\xBF") && !HasUtf16Or32Bom(bytes) && text::IsValidUtf8(bytes)) {
    DecodedText out;
    out.text = std::move(bytes);
    return out;
  }
  return DecodeToUtf8(bytes, declared_charset);
}

std::string_view CharsetFromContentType(std::string_view content_type) {
  std::size_t pos = 0;
  while ((pos = content_type.find(';', pos)) != std::string_view::npos) {
    ++pos;
    std::string_view param = content_type.substr(pos);
    std::size_t end = param.find(';');
    param = TrimAscii(param.substr(0, end));
    if (!StartsWithIgnoreCase(param, "charset")) continue;
    param.remove_prefix(7);
    param = TrimAscii(param);
    if (!param.starts_with('=')) continue;
    param = TrimAscii(param.substr(1));
    if (param.size() >= 2 && (param.front() == '"' || param.front() == '\'')) {
      std::size_t close = param.find(param.front(), 1);
      param = param.substr(1, close == std::string_view::npos ? param.size() - 1 : close - 1);
    }
    return TrimAscii(param);
  }
  return {};
}

bool HasUtf16Or32Bom(std::string_view bytes) {
  return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
         bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4));
}

}  // namespace newsweave::ingest

#include "ingest/json_article.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <utility>

#include "ingest/util.h"
#include "text/utf8.h"

namespace newsweave::ingest {

namespace {

static_assert(JsonArticleParser::kPadding >= simdjson::SIMDJSON_PADDING);

using simdjson::dom::element;
using simdjson::dom::element_type;

// simdjson's getters are [[nodiscard]]; this reads a value whose type was checked already.
template <class R, class T>
void GetChecked(R&& result, T* out) {
  if (std::forward<R>(result).get(*out) != simdjson::SUCCESS) *out = T();
}

enum Slot { kId, kUrl, kSource, kTitle, kText, kPublished, kLang, kSlotCount };

// Returns the slot a key fills (and its precedence, 0 = best), or -1.
int LookupKey(std::string_view key, int* priority) {
  struct Entry {
    std::string_view key;
    Slot slot;
    int priority;
  };
  static constexpr Entry kKeys[] = {
      {"id", kId, 0},
      {"url", kUrl, 0},
      {"source", kSource, 0},
      {"source_domain", kSource, 1},
      {"hostname", kSource, 2},
      {"title", kTitle, 0},
      {"text", kText, 0},
      {"maintext", kText, 1},
      {"raw_text", kText, 2},
      {"published", kPublished, 0},
      {"date_publish", kPublished, 1},
      {"publish_date", kPublished, 2},
      {"date", kPublished, 3},
      {"lang", kLang, 0},
      {"language", kLang, 1},
      {"meta_lang", kLang, 2},
  };
  // The shortest key has 2 bytes, the longest 13: most unknown keys fail on the length.
  if (key.size() < 2 || key.size() > 13) return -1;
  for (const Entry& e : kKeys) {
    if (e.key.size() == key.size() && e.key == key) {
      *priority = e.priority;
      return e.slot;
    }
  }
  return -1;
}

const char* TypeName(element_type t) {
  switch (t) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::BOOL:
      return "a boolean";
    default:
      return "not a string";
  }
}

// Writes a string or number value into *out (trimmed unless `raw`).
void AssignValue(const element& v, bool raw, std::string* out) {
  char buf[40];
  std::to_chars_result r{buf, std::errc()};
  switch (v.type()) {
    case element_type::STRING: {
      std::string_view s;
      GetChecked(v.get_string(), &s);
      out->assign(raw ? s : TrimAscii(s));
      return;
    }
    case element_type::INT64: {
      int64_t x = 0;
      GetChecked(v.get_int64(), &x);
      r = std::to_chars(buf, buf + sizeof(buf), x);
      break;
    }
    case element_type::UINT64: {
      uint64_t x = 0;
      GetChecked(v.get_uint64(), &x);
      r = std::to_chars(buf, buf + sizeof(buf), x);
      break;
    }
    case element_type::DOUBLE: {
      double x = 0;
      GetChecked(v.get_double(), &x);
      // Integral values (e.g. epoch seconds written as 1.5e9) print as integers.
      if (x == static_cast<double>(static_cast<int64_t>(x)) && x > -9e15 && x < 9e15) {
        r = std::to_chars(buf, buf + sizeof(buf), static_cast<int64_t>(x));
      } else {
        r = std::to_chars(buf, buf + sizeof(buf), x);
      }
      break;
    }
    default:
      out->clear();
      return;
  }
  out->assign(buf, r.ec == std::errc() ? r.ptr : buf);
}

Status MapObject(const element& value, std::uint64_t ordinal, std::size_t replaced, Article* out,
                 std::vector<std::string>* warnings) {
  simdjson::dom::object obj;
  if (value.get_object().get(obj) != simdjson::SUCCESS) {
    return MakeError(ErrorCode::kCorruption, "not a JSON object");
  }
  struct Best {
    element value;
    int priority = INT_MAX;
  };
  std::array<Best, kSlotCount> best;
  bool saw_blank_text = false;
  for (simdjson::dom::key_value_pair field : obj) {
    int priority = 0;
    int slot = LookupKey(field.key, &priority);
    if (slot < 0 || priority >= best[slot].priority) continue;
    element_type type = field.value.type();
    if (type == element_type::NULL_VALUE) continue;
    if (type == element_type::STRING) {
      std::string_view s;
      if (field.value.get_string().get(s) != simdjson::SUCCESS || IsBlank(s)) {
        if (slot == kText) saw_blank_text = true;
        continue;
      }
    } else if (type != element_type::INT64 && type != element_type::UINT64 &&
               type != element_type::DOUBLE) {
      if (warnings != nullptr) {
        warnings->push_back("field \"" + std::string(field.key) + "\" is " + TypeName(type) +
                            ", not a string; ignored");
      }
      continue;
    }
    best[slot] = {field.value, priority};
  }
  if (best[kText].priority == INT_MAX) {
    return MakeError(ErrorCode::kCorruption,
                     saw_blank_text ? "empty text (text, maintext and raw_text are blank)"
                                    : "no text field (looked for text, maintext, raw_text)");
  }
  out->dropped.clear();  // the Article may be reused from an HTML page
  out->author.clear();
  std::string* fields[kSlotCount] = {&out->id,   &out->url,       &out->source, &out->title,
                                     &out->text, &out->published, &out->lang};
  for (int s = 0; s < kSlotCount; ++s) {
    if (s == kLang) continue;
    if (best[s].priority == INT_MAX) {
      fields[s]->clear();
    } else {
      AssignValue(best[s].value, /*raw=*/s == kText, fields[s]);
    }
  }
  if (best[kLang].priority != INT_MAX && best[kLang].value.type() == element_type::STRING) {
    std::string_view lang;
    GetChecked(best[kLang].value.get_string(), &lang);
    NormalizeLang(lang, &out->lang);
  } else {
    out->lang.clear();
  }
  if (out->id.empty()) {
    if (!out->url.empty()) {
      out->id = out->url;
    } else if (ordinal == 0) {
      out->id.assign(StemName(out->file));
    } else {
      out->id.assign(BaseName(out->file));
      out->id += ':';
      out->id += std::to_string(ordinal);
    }
  }
  if (out->source.empty() && !out->url.empty()) UrlHost(out->url, &out->source);
  out->encoding = "UTF-8";
  out->replaced_bytes = static_cast<std::uint32_t>(std::min<std::size_t>(replaced, UINT32_MAX));
  return {};
}

constexpr std::string_view kMalformed = "malformed JSON (";

// The error for a text simdjson refused; nesting over the limit is not a syntax error.
std::unexpected<Error> Malformed(simdjson::error_code err, std::size_t max_depth) {
  if (err == simdjson::DEPTH_ERROR) {
    return MakeError(ErrorCode::kTooLarge, "JSON nested deeper than " + std::to_string(max_depth) +
                                               " levels (max_json_depth)");
  }
  return MakeError(ErrorCode::kCorruption,
                   std::string(kMalformed) + simdjson::error_message(err) + ")");
}

}  // namespace

// Copies `json` to *out with every \uXXXX escape of an unpaired UTF-16 surrogate replaced by
// \ufffd. Returns how many were replaced.
static std::size_t ReplaceLoneSurrogateEscapes(std::string_view json, std::string* out) {
  auto hex4 = [&](std::size_t at, unsigned* v) {
    if (at + 4 > json.size()) return false;
    unsigned x = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      char c = json[k];
      x <<= 4;
      if (c >= '0' && c <= '9')
        x |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        x |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        x |= static_cast<unsigned>(c - 'A' + 10);
      else
        return false;
    }
    *v = x;
    return true;
  };
  out->clear();
  out->reserve(json.size());
  std::size_t replaced = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] != '\\' || i + 1 >= json.size()) {
      out->push_back(json[i]);
      continue;
    }
    unsigned u = 0;
    if (json[i + 1] != 'u' || !hex4(i + 2, &u) || u < 0xD800 || u > 0xDFFF) {
      out->append(json.substr(i, 2));  // any other escape, kept whole
      ++i;
      continue;
    }
    unsigned low = 0;
    bool paired = u <= 0xDBFF && i + 11 < json.size() && json[i + 6] == '\\' &&
                  json[i + 7] == 'u' && hex4(i + 8, &low) && low >= 0xDC00 && low <= 0xDFFF;
    if (paired) {
      out->append(json.substr(i, 12));
      i += 11;
    } else {
      out->append("\\ufffd");
      ++replaced;
      i += 5;
    }
  }
  return replaced;
}

struct JsonArticleParser::Impl {
  simdjson::dom::parser parser;
  std::size_t max_depth = 0;
  std::string repaired;  // a repaired line (reused)
  // Whole-document mode.
  std::string repaired_doc;
  element doc;
  simdjson::dom::array::iterator next, end;
  bool doc_is_array = false;
  bool doc_pending = false;
  std::size_t doc_replaced = 0;

  // Parses `json`, repairing invalid UTF-8 into `*scratch` if needed.
  simdjson::error_code ParseRepairing(std::string_view json, std::string* scratch, element* out,
                                      std::size_t* replaced) {
    *replaced = 0;
    simdjson::error_code err = parser.parse(json.data(), json.size(), false).get(*out);
    if (err == simdjson::STRING_ERROR) {
      // Scraped JSON often holds lone UTF-16 surrogate escapes ("\ud83d" cut from an emoji),
      // which simdjson rejects: each becomes \ufffd and the line is parsed again.
      std::string fixed;
      std::size_t n = ReplaceLoneSurrogateEscapes(json, &fixed);
      if (n == 0) return err;
      *scratch = std::move(fixed);
      std::size_t len = scratch->size();
      scratch->resize(len + kPadding, ' ');
      err = parser.parse(scratch->data(), len, false).get(*out);
      *replaced += n;
      if (err != simdjson::UTF8_ERROR) return err;
      std::string unrepaired(scratch->data(), len);  // invalid UTF-8 as well
      scratch->clear();
      *replaced += text::RepairUtf8(unrepaired, scratch);
      len = scratch->size();
      scratch->resize(len + kPadding, ' ');
      return parser.parse(scratch->data(), len, false).get(*out);
    }
    if (err != simdjson::UTF8_ERROR) return err;
    scratch->clear();
    *replaced = text::RepairUtf8(json, scratch);
    std::size_t len = scratch->size();
    scratch->resize(len + kPadding, ' ');
    return parser.parse(scratch->data(), len, false).get(*out);
  }
};

JsonArticleParser::JsonArticleParser(std::size_t max_depth) : impl_(std::make_unique<Impl>()) {
  // allocate() only fails on memory exhaustion; parse() then reports the error.
  impl_->max_depth = std::max<std::size_t>(max_depth, 1);
  if (impl_->parser.allocate(1 << 16, impl_->max_depth) != simdjson::SUCCESS) {
    impl_->parser = simdjson::dom::parser();
  }
}

JsonArticleParser::~JsonArticleParser() = default;

bool JsonArticleParser::IsSyntaxError(const Error& error) {
  return error.code == ErrorCode::kCorruption && error.message.starts_with(kMalformed);
}

Status JsonArticleParser::Parse(std::string_view json, std::uint64_t ordinal, Article* out,
                                std::vector<std::string>* warnings) {
  element value;
  std::size_t replaced = 0;
  simdjson::error_code err = impl_->ParseRepairing(json, &impl_->repaired, &value, &replaced);
  if (err != simdjson::SUCCESS) return Malformed(err, impl_->max_depth);
  return MapObject(value, ordinal, replaced, out, warnings);
}

Status JsonArticleParser::ParseDocument(std::string_view json, bool* is_array) {
  Impl& m = *impl_;
  m.doc_pending = false;
  m.doc_is_array = false;
  simdjson::error_code err = m.ParseRepairing(json, &m.repaired_doc, &m.doc, &m.doc_replaced);
  if (err != simdjson::SUCCESS) return Malformed(err, m.max_depth);
  if (m.doc.type() == element_type::ARRAY) {
    simdjson::dom::array array;
    GetChecked(m.doc.get_array(), &array);
    m.next = array.begin();
    m.end = array.end();
    m.doc_is_array = true;
  } else if (m.doc.type() != element_type::OBJECT) {
    return MakeError(ErrorCode::kCorruption, "not a JSON object or array of objects");
  }
  m.doc_pending = true;
  *is_array = m.doc_is_array;
  return {};
}

bool JsonArticleParser::NextDocumentArticle(std::uint64_t ordinal, Article* out, Status* status,
                                            std::vector<std::string>* warnings) {
  Impl& m = *impl_;
  if (!m.doc_pending) return false;
  element value;
  if (m.doc_is_array) {
    if (!(m.next != m.end)) {
      m.doc_pending = false;
      return false;
    }
    value = *m.next;
    ++m.next;
  } else {
    value = m.doc;
    m.doc_pending = false;
  }
  // The repair count of the whole document goes with its first article.
  std::size_t replaced = std::exchange(m.doc_replaced, 0);
  *status = MapObject(value, ordinal, replaced, out, warnings);
  return true;
}

}  // namespace newsweave::ingest

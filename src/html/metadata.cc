#include "html/metadata.h"

#include <simdjson.h>

namespace newsweave::html {
namespace {

std::string_view Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr || a->value == nullptr ? std::string_view() : std::string_view(a->value);
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (Lower(s[i]) != lower[i]) return false;
  }
  return true;
}

bool IsSpace(std::string_view s, std::size_t i, std::size_t* len) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() &&
      static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;
    return true;
  }
  return false;
}

void SetOnce(std::string* field, std::string_view value) {
  if (field->empty()) *field = CollapseWhitespace(value);
}

const std::string& First(std::initializer_list<const std::string*> fields) {
  for (const std::string* f : fields) {
    if (!f->empty()) return *f;
  }
  return **fields.begin();
}

bool LooksLikeUrl(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//");
}

bool IsArticleType(std::string_view t) {
  return t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting" ||
         t == "SocialMediaPosting" || t == "WebPage";
}

// The name of a JSON-LD author or publisher: a string, an object with "name", or an array of
// them (names joined with ", ").
std::string NameOf(simdjson::dom::element v) {
  std::string_view s;
  if (v.get_string().get(s) == simdjson::SUCCESS) return CollapseWhitespace(s);
  simdjson::dom::element name;
  if (v.is_object() && v["name"].get(name) == simdjson::SUCCESS) return NameOf(name);
  std::string out;
  if (v.is_array()) {
    for (simdjson::dom::element x : v.get_array()) {
      std::string n = NameOf(x);
      if (n.empty()) continue;
      if (!out.empty()) out += ", ";
      out += n;
    }
  }
  return out;
}

}  // namespace

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    if (IsSpace(s, i, &len)) {
      space = !out.empty();
      i += len;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(s[i++]);
  }
  return out;
}

void MetadataCollector::Element(const GumboElement& e, std::string_view itemprop) {
  switch (e.tag) {
    case GUMBO_TAG_HTML:
      SetOnce(&html_lang_, Attr(e, "lang"));
      if (html_lang_.empty()) SetOnce(&html_lang_, Attr(e, "xml:lang"));
      return;
    case GUMBO_TAG_TITLE:
      if (title_.empty() && e.children.length > 0) {
        std::string text;
        for (unsigned i = 0; i < e.children.length; ++i) {
          const auto* c = static_cast<const GumboNode*>(e.children.data[i]);
          if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) {
            text += c->v.text.text;
          }
        }
        title_ = CollapseWhitespace(text);
      }
      return;
    case GUMBO_TAG_META:
      Meta(e);
      return;
    case GUMBO_TAG_LINK:
      if (EqualsLower(Attr(e, "rel"), "canonical")) SetOnce(&canonical_, Attr(e, "href"));
      return;
    case GUMBO_TAG_TIME:
      SetOnce(&time_date_, Attr(e, "datetime"));
      break;
    default:
      break;
  }
  if (!itemprop.empty() && EqualsLower(itemprop, "datepublished")) {
    std::string_view v = Attr(e, "datetime");
    if (v.empty()) v = Attr(e, "content");
    SetOnce(&itemprop_date_, v);
  }
}

void MetadataCollector::Meta(const GumboElement& e) {
  std::string_view content = Attr(e, "content");
  if (content.empty()) return;
  std::string_view http_equiv = Attr(e, "http-equiv");
  if (EqualsLower(http_equiv, "content-language")) {
    SetOnce(&content_language_, content);
    return;
  }
  std::string_view key = Attr(e, "property");
  if (key.empty()) key = Attr(e, "name");
  if (key.empty()) key = Attr(e, "itemprop");
  if (key.empty() || key.size() > 40) return;
  char buf[41];
  for (std::size_t i = 0; i < key.size(); ++i) buf[i] = Lower(key[i]);
  std::string_view k(buf, key.size());
  if (k == "og:title" || k == "twitter:title") {
    SetOnce(&og_title_, content);
  } else if (k == "article:published_time" || k == "og:published_time" ||
             k == "og:article:published_time") {
    SetOnce(&og_published_, content);
  } else if (k == "datepublished") {
    SetOnce(&itemprop_date_, content);
  } else if (k == "date" || k == "pubdate" || k == "publishdate" || k == "publish-date" ||
             k == "dc.date" || k == "dc.date.issued" || k == "dcterms.date" ||
             k == "sailthru.date" || k == "parsely-pub-date" || k == "article.published") {
    SetOnce(&meta_date_, content);
  } else if (k == "author" || k == "dc.creator" || k == "parsely-author" ||
             k == "sailthru.author" || k == "byl") {
    SetOnce(&meta_author_, content);
  } else if (k == "article:author") {
    if (!LooksLikeUrl(content)) SetOnce(&article_author_, content);
  } else if (k == "description") {
    SetOnce(&description_, content);
  } else if (k == "og:description") {
    SetOnce(&og_description_, content);
  } else if (k == "og:site_name") {
    SetOnce(&site_name_, content);
  } else if (k == "og:locale") {
    SetOnce(&og_locale_, content);
  } else if (k == "og:url") {
    SetOnce(&og_url_, content);
  } else if (k == "language" || k == "dc.language") {
    SetOnce(&content_language_, content);
  }
}

void MetadataCollector::JsonLd(std::string_view json) {
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) return;
  JsonLdObject(&root, 0);
}

void MetadataCollector::JsonLdObject(const void* element, int depth) {
  if (depth > 8) return;
  simdjson::dom::element v = *static_cast<const simdjson::dom::element*>(element);
  if (v.is_array()) {
    for (simdjson::dom::element x : v.get_array()) JsonLdObject(&x, depth + 1);
    return;
  }
  if (!v.is_object()) return;
  simdjson::dom::element graph;
  if (v["@graph"].get(graph) == simdjson::SUCCESS) JsonLdObject(&graph, depth + 1);
  bool article = false;
  simdjson::dom::element type;
  if (v["@type"].get(type) == simdjson::SUCCESS) {
    std::string_view t;
    if (type.get_string().get(t) == simdjson::SUCCESS) {
      article = IsArticleType(t);
    } else if (type.is_array()) {
      for (simdjson::dom::element x : type.get_array()) {
        if (x.get_string().get(t) == simdjson::SUCCESS && IsArticleType(t)) article = true;
      }
    }
  }
  if (!article) return;
  std::string_view s;
  simdjson::dom::element x;
  if (v["headline"].get_string().get(s) == simdjson::SUCCESS) SetOnce(&ld_headline_, s);
  if (v["articleBody"].get_string().get(s) == simdjson::SUCCESS) SetOnce(&ld_body_, s);
  if (v["datePublished"].get_string().get(s) == simdjson::SUCCESS) SetOnce(&ld_published_, s);
  if (v["inLanguage"].get_string().get(s) == simdjson::SUCCESS) SetOnce(&ld_lang_, s);
  if (ld_author_.empty() && v["author"].get(x) == simdjson::SUCCESS) ld_author_ = NameOf(x);
  if (ld_publisher_.empty() && v["publisher"].get(x) == simdjson::SUCCESS) {
    ld_publisher_ = NameOf(x);
  }
}

void MetadataCollector::FirstHeading(std::string_view text) {
  if (h1_.empty()) h1_ = CollapseWhitespace(text);
}

void MetadataCollector::Finish(ExtractedPage* page) {
  page->title = First({&title_, &og_title_, &ld_headline_, &h1_});
  page->published =
      First({&og_published_, &ld_published_, &meta_date_, &itemprop_date_, &time_date_});
  page->author = First({&meta_author_, &ld_author_, &article_author_});
  page->lang = First({&html_lang_, &content_language_, &og_locale_, &ld_lang_});
  page->description = First({&description_, &og_description_});
  page->site_name = First({&site_name_, &ld_publisher_});
  page->url = First({&og_url_, &canonical_});
}

}  // namespace newsweave::html

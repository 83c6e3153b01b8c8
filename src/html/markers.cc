#include "html/markers.h"

#include <array>
#include <string>
#include <utility>

namespace newsweave::html {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (Lower(s[i]) != lower[i]) return false;
  }
  return true;
}

bool ContainsLower(std::string_view s, std::string_view lower) {
  return s.find(lower) != std::string_view::npos;
}

using Cue = std::pair<std::string_view, std::string_view>;  // word part, reason

// Names that mark the article's body.
constexpr std::string_view kArticleNames[] = {
    "articlebody",      "article-body",   "article_body", "article__body", "article-content",
    "article__content", "articlecontent", "article-text", "articletext",   "entry-content",
    "entrycontent",     "post-content",   "postcontent",  "post-body",     "postbody",
    "post-entry",       "story-body",     "storybody",    "story-content", "story-text",
    "body-text",        "bodytext",       "content-body", "entry-body",    "single-content",
    "main-text"};

// Cue words found anywhere inside a class or id word.
constexpr Cue kInnerCues[] = {
    {"comment", kComments},
    {"disqus", kComments},
    {"respond", kComments},
    {"cookie", kCookieBanner},
    {"consent", kCookieBanner},
    {"gdpr", kCookieBanner},
    {"share", kShareBar},
    {"sharing", kShareBar},
    {"social", kShareBar},
    {"addthis", kShareBar},
    {"toolbar", kShareBar},
    {"related", kRelatedLinks},
    {"recommend", kRelatedLinks},
    {"outbrain", kRelatedLinks},
    {"taboola", kRelatedLinks},
    {"readmore", kRelatedLinks},
    {"read-more", kRelatedLinks},
    {"more-from", kRelatedLinks},
    {"mostread", kRelatedLinks},
    {"most-read", kRelatedLinks},
    {"most-popular", kRelatedLinks},
    {"trending", kRelatedLinks},
    {"newsletter", kNewsletter},
    {"subscri", kNewsletter},
    {"signup", kNewsletter},
    {"sign-up", kNewsletter},
    {"breadcrumb", kNavigation},
    {"pagination", kNavigation},
    {"pager", kNavigation},
    {"navbar", kNavigation},
    {"navigation", kNavigation},
    {"menu", kNavigation},
    {"skip-link", kNavigation},
    {"footer", kFooter},
    {"masthead", kHeader},
    {"header", kHeader},
    {"sidebar", kSidebar},
    {"widget", kSidebar},
    {"advert", kAdvertisement},
    {"sponsor", kAdvertisement},
    {"promo", kAdvertisement},
    {"adsense", kAdvertisement},
    {"adslot", kAdvertisement},
    {"ad-slot", kAdvertisement},
    {"popup", kPopup},
    {"modal", kPopup},
    {"sr-only", kHidden},
    {"visually-hidden", kHidden},
    {"screen-reader", kHidden},
    {"author-bio", kAuthorBio},
    {"about-author", kAuthorBio},
    {"tag-list", kTags},
    {"byline", kByline},
    {"timestamp", kByline},
    {"caption", kCaption},
    {"credit", kCaption},
    {"copyright", kCaption},
};

// Cue words that must be a whole word (between spaces, '-' or '_').
constexpr Cue kWordCues[] = {
    {"ad", kAdvertisement},  {"ads", kAdvertisement}, {"adv", kAdvertisement},
    {"dfp", kAdvertisement}, {"nav", kNavigation},    {"tags", kTags},
    {"keywords", kTags},     {"rail", kSidebar},      {"aside", kSidebar},
    {"bio", kAuthorBio},     {"author", kByline},     {"meta", kByline},
    {"date", kByline},
};

// Layout names: "has-sidebar", "with-comments", "no-ads" describe the page, not the element.
bool IsLayoutName(std::string_view name) {
  return name.starts_with("has") || name.starts_with("with") || name.starts_with("no-") ||
         name.starts_with("no_") || name.starts_with("show") || name.starts_with("enable") ||
         name.starts_with("page-") || name.starts_with("js-") || name.starts_with("is-");
}

// Looks at one class or id name (lowercased).
void ClassifyName(std::string_view name, Marker* m) {
  if (name.empty()) return;
  for (std::string_view a : kArticleNames) {
    if (ContainsLower(name, a)) {
      m->article = true;
      return;
    }
  }
  if (!m->reason.empty() || IsLayoutName(name)) return;
  for (const Cue& c : kInnerCues) {
    if (ContainsLower(name, c.first)) {
      m->reason = c.second;
      return;
    }
  }
  std::size_t i = 0;
  while (i < name.size()) {
    std::size_t j = name.find_first_of("-_", i);
    if (j == std::string_view::npos) j = name.size();
    std::string_view word = name.substr(i, j - i);
    for (const Cue& c : kWordCues) {
      if (word == c.first) {
        m->reason = c.second;
        return;
      }
    }
    i = j + 1;
  }
}

// Splits a class or id attribute into names, lowercases them and classifies each.
void ClassifyNames(std::string_view names, Marker* m) {
  thread_local std::string lower;
  std::size_t i = 0;
  while (i < names.size() && !m->article) {
    while (i < names.size() && (names[i] == ' ' || names[i] == '\t' || names[i] == '\n')) ++i;
    std::size_t j = i;
    while (j < names.size() && names[j] != ' ' && names[j] != '\t' && names[j] != '\n') ++j;
    if (j > i && j - i <= 64) {
      lower.assign(names.data() + i, j - i);
      for (char& c : lower) c = Lower(c);
      ClassifyName(lower, m);
    }
    i = j;
  }
}

std::string_view TagReason(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV:
      return kNavigation;
    case GUMBO_TAG_FOOTER:
      return kFooter;
    case GUMBO_TAG_HEADER:
      return kHeader;
    case GUMBO_TAG_ASIDE:
      return kSidebar;
    case GUMBO_TAG_FORM:
      return kForm;
    case GUMBO_TAG_MENU:
      return kNavigation;
    case GUMBO_TAG_FIGCAPTION:
      return kCaption;
    default:
      return {};
  }
}

std::string_view RoleReason(std::string_view role) {
  if (role.empty()) return {};
  if (EqualsLower(role, "navigation") || EqualsLower(role, "menu") ||
      EqualsLower(role, "menubar") || EqualsLower(role, "search")) {
    return kNavigation;
  }
  if (EqualsLower(role, "contentinfo")) return kFooter;
  if (EqualsLower(role, "complementary")) return kSidebar;
  if (EqualsLower(role, "banner")) return kHeader;
  if (EqualsLower(role, "dialog") || EqualsLower(role, "alertdialog")) return kPopup;
  return {};
}

bool HiddenStyle(std::string_view style) {
  if (style.empty()) return false;
  std::string s;
  for (char c : style) {
    if (c != ' ') s.push_back(Lower(c));
  }
  return ContainsLower(s, "display:none") || ContainsLower(s, "visibility:hidden");
}

}  // namespace

Marker ClassifyElement(const GumboElement& e) {
  Marker m;
  if (e.tag == GUMBO_TAG_HTML || e.tag == GUMBO_TAG_BODY) return m;
  // One look at each attribute (gumbo lowercases their names).
  std::string_view cls, id, role, style;
  bool hidden = false;
  for (unsigned k = 0; k < e.attributes.length; ++k) {
    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[k]);
    std::string_view name(a->name);
    std::string_view value = a->value == nullptr ? std::string_view() : std::string_view(a->value);
    switch (name.size()) {
      case 2:
        if (name == "id") id = value;
        break;
      case 4:
        if (name == "role") role = value;
        break;
      case 5:
        if (name == "class") cls = value;
        if (name == "style") style = value;
        break;
      case 6:
        if (name == "hidden") hidden = true;
        break;
      case 8:
        if (name == "itemprop") m.itemprop = value;
        break;
      default:
        break;
    }
  }
  if (EqualsLower(m.itemprop, "articlebody") || EqualsLower(m.itemprop, "text")) {
    m.article = true;
    return m;
  }
  if (hidden || HiddenStyle(style)) {
    m.reason = kHidden;
    return m;
  }
  ClassifyNames(cls, &m);
  if (!m.article) ClassifyNames(id, &m);
  if (m.article) {
    m.reason = {};
    return m;
  }
  if (e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN) {
    m.reason = {};  // "post type-post has-comments" and the like describe the whole article
    return m;
  }
  std::string_view by_role = RoleReason(role);
  if (!by_role.empty()) m.reason = by_role;
  std::string_view by_tag = TagReason(e.tag);
  if (!by_tag.empty()) m.reason = by_tag;
  if (EqualsLower(m.itemprop, "comment")) m.reason = kComments;
  return m;
}

}  // namespace newsweave::html

// What an element's tag, role, class and id say about its content: boilerplate of some kind
// (navigation, comments, share bar, ...), the article's body, or nothing.
#ifndef NEWSWEAVE_HTML_MARKERS_H_
#define NEWSWEAVE_HTML_MARKERS_H_

#include <gumbo.h>

#include <string_view>

namespace newsweave::html {

// Reasons for dropped blocks. Static strings; compare by pointer or by value.
inline constexpr std::string_view kNavigation = "navigation";
inline constexpr std::string_view kFooter = "footer";
inline constexpr std::string_view kHeader = "header";
inline constexpr std::string_view kSidebar = "sidebar";
inline constexpr std::string_view kComments = "comments";
inline constexpr std::string_view kShareBar = "share-bar";
inline constexpr std::string_view kRelatedLinks = "related-links";
inline constexpr std::string_view kCookieBanner = "cookie-banner";
inline constexpr std::string_view kNewsletter = "newsletter";
inline constexpr std::string_view kAdvertisement = "advertisement";
inline constexpr std::string_view kPopup = "popup";
inline constexpr std::string_view kHidden = "hidden";
inline constexpr std::string_view kForm = "form";
inline constexpr std::string_view kTags = "tags";
inline constexpr std::string_view kAuthorBio = "author-bio";
inline constexpr std::string_view kCaption = "caption";
inline constexpr std::string_view kByline = "byline";
inline constexpr std::string_view kAfterArticle = "after-article";
inline constexpr std::string_view kBeforeArticle = "before-article";
inline constexpr std::string_view kOutsideArticle = "outside-article";
inline constexpr std::string_view kLinkDense = "link-dense";
inline constexpr std::string_view kNotAnArticle = "not-an-article";
inline constexpr std::string_view kNotInArticleBody = "not-in-article-body";

struct Marker {
  std::string_view reason;    // the boilerplate the element holds; empty when none
  bool article = false;       // the element names the article's body (class, id or itemprop)
  std::string_view itemprop;  // its itemprop attribute (points into the tree)
};

// Classifies an element from its tag and attributes. Class and id names are split into
// words at spaces, '-' and '_'; long cue words ("comment", "cookie", "related", "sidebar")
// match inside a name, short ones ("ad", "nav", "tags") only as a whole word; names that
// describe a page layout ("has-sidebar", "with-comments", "no-ads") are ignored. A name that
// marks the article body wins over any boilerplate cue on the same element.
Marker ClassifyElement(const GumboElement& e);

}  // namespace newsweave::html

#endif  // NEWSWEAVE_HTML_MARKERS_H_

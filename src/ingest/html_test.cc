#include "ingest/html.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "text/utf8.h"

namespace newsweave::ingest {
namespace {

constexpr char kPage[] = R"(<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>  Le   titre &amp; la suite </title>
  <meta property="og:title" content="OG title">
  <meta property="og:url" content="https://www.exemple.fr/article/42">
  <meta property="og:site_name" content="Le Quotidien">
  <meta property="article:published_time" content="2024-03-05T08:00:00+01:00">
  <style>p { color: red }</style>
  <script>var x = "<p>not text</p>";</script>
</head>
<body>
  <header><a href="/">Accueil</a></header>
  <nav><ul><li>Politique</li><li>Sport</li></ul></nav>
  <article>
    <h1>Un grand titre</h1>
    <p>Premier   paragraphe avec <b>gras</b>, <i>italique</i>et&nbsp;espace.</p>
    <p>Caf&eacute; &#8364; 5 &lt;ok&gt;<br>seconde ligne</p>
    <div>Texte de div <span>en ligne</span>
      <p>imbriqué</p> suite</div>
    <ul><li>un</li><li>deux</li></ul>
    <pre>  code
    indenté</pre>
    <form><button>Envoyer</button><select><option>A</option></select></form>
    <noscript>Activez JavaScript</noscript>
    <iframe src="x"></iframe>
    <svg><text>svg text</text></svg>
  </article>
  <aside>À lire aussi</aside>
  <footer>© 2024 Le Quotidien</footer>
</body>
</html>)";

TEST(HtmlTest, ExtractsParagraphsAndMetadata) {
  HtmlDocument doc = ExtractHtml(kPage, "");
  EXPECT_EQ(doc.title, "Le titre & la suite");
  // The text is every visible block; what is not the article is marked as removed.
  EXPECT_EQ(doc.text,
            "Accueil\n\n"
            "Politique\n\n"
            "Sport\n\n"
            "Un grand titre\n\n"
            "Premier paragraphe avec gras, italiqueet espace.\n\n"
            "Café € 5 <ok>\nseconde ligne\n\n"
            "Texte de div en ligne\n\n"
            "imbriqué\n\n"
            "suite\n\n"
            "un\n\n"
            "deux\n\n"
            "code\n    indenté\n\n"
            "À lire aussi\n\n"
            "© 2024 Le Quotidien");
  EXPECT_EQ(doc.MainText(),
            "Un grand titre\n\n"
            "Premier paragraphe avec gras, italiqueet espace.\n\n"
            "Café € 5 <ok>\nseconde ligne\n\n"
            "Texte de div en ligne\n\n"
            "imbriqué\n\n"
            "suite\n\n"
            "un\n\n"
            "deux\n\n"
            "code\n    indenté");
  std::vector<std::string> removed;
  for (const RemovedSpan& r : doc.removed) {
    removed.push_back(r.reason + ":" + doc.text.substr(r.start, r.end - r.start));
  }
  EXPECT_EQ(removed,
            (std::vector<std::string>{"header:Accueil", "navigation:Politique\n\nSport",
                                      "sidebar:À lire aussi", "footer:© 2024 Le Quotidien"}));
  EXPECT_EQ(doc.lang, "fr");
  EXPECT_EQ(doc.url, "https://www.exemple.fr/article/42");
  EXPECT_EQ(doc.source, "Le Quotidien");
  EXPECT_EQ(doc.published, "2024-03-05T08:00:00+01:00");
  EXPECT_EQ(doc.encoding, "UTF-8");
  EXPECT_EQ(doc.replaced, 0u);
}

TEST(HtmlTest, TitleFallbacksAndOtherMetadata) {
  HtmlDocument doc = ExtractHtml(
      "<html><head><meta property='og:title' content='From OG'>"
      "<link rel=canonical href='https://site.example/c'></head>"
      "<body><h1>Heading</h1><p>Body <time datetime='2023-01-02'>Jan 2</time></p></body></html>",
      "");
  EXPECT_EQ(doc.title, "From OG");
  EXPECT_EQ(doc.url, "https://site.example/c");
  EXPECT_EQ(doc.published, "2023-01-02");
  EXPECT_EQ(doc.text, "Heading\n\nBody Jan 2");

  doc = ExtractHtml("<body><p>intro</p><h1> First  <em>heading</em> </h1><h1>Second</h1>", "");
  EXPECT_EQ(doc.title, "First heading");
  EXPECT_EQ(doc.lang, "");
  EXPECT_EQ(doc.url, "");

  doc = ExtractHtml("<link rel=canonical href='/relative'><p>x</p>", "");
  EXPECT_EQ(doc.url, "");  // relative URLs are not kept
}

TEST(HtmlTest, MetaCharsetWindows1252) {
  std::string page =
      "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 cr\xe8me</title></head>"
      "<body><p>Prix : 5 \x80, \x93"
      "citation\x94.</p></body></html>";
  HtmlDocument doc = ExtractHtml(page, "");
  EXPECT_EQ(doc.title, "Café crème");
  EXPECT_EQ(doc.text, "Prix : 5 €, “citation”.");
  EXPECT_EQ(doc.encoding, "windows-1252");
}

TEST(HtmlTest, UndeclaredWindows1252) {
  // No charset anywhere: the bytes are detected as Windows-1252 (curly quotes, the euro sign
  // and accents are not valid UTF-8) and the main text comes out right.
  const std::string utf8_story =
      "<p>Le conseil municipal a décidé mardi de fermer le vieux pont du port aux voitures dès "
      "le printemps prochain, après que des ingénieurs ont découvert des fissures.</p>"
      "<p>« Ce n’était pas une décision facile », a déclaré la maire, qui évalue le coût des "
      "travaux à quarante millions d’euros, soit 40 000 000 €.</p>"
      "<p>Les commerçants de la rive nord craignent de perdre leurs clients pendant les "
      "dix-huit mois que dureront les réparations.</p>";
  auto to_1252 = [](const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(utf8[i]);
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
      } else if (utf8.compare(i, 3, "\xE2\x82\xAC") == 0) {
        out.push_back('\x80');  // €
        i += 2;
      } else if (utf8.compare(i, 3, "\xE2\x80\x99") == 0) {
        out.push_back('\x92');  // ’
        i += 2;
      } else {  // two-byte Latin-1 characters
        out.push_back(static_cast<char>(((c & 0x1F) << 6) | (utf8[i + 1] & 0x3F)));
        ++i;
      }
    }
    return out;
  };
  const std::string page =
      "<html><head><title>Le pont</title></head><body><nav><a href=/>"
      "Accueil</a></nav><article>" +
      to_1252(utf8_story) + "</article></body></html>";
  ASSERT_FALSE(text::IsValidUtf8(page));
  HtmlDocument doc = ExtractHtml(page, "");
  EXPECT_EQ(doc.encoding, "windows-1252");
  EXPECT_EQ(doc.replaced, 0u);
  HtmlDocument expected = ExtractHtml(
      "<html><head><title>Le pont</title></head><body><nav>"
      "<a href=/>Accueil</a></nav><article>" +
          utf8_story + "</article></body></html>",
      "");
  EXPECT_EQ(doc.MainText(), expected.MainText());
  EXPECT_NE(doc.MainText().find("40 000 000 €."), std::string::npos);
  EXPECT_NE(doc.MainText().find("« Ce n’était pas une décision facile »"), std::string::npos);
  EXPECT_EQ(doc.MainText().find("Accueil"), std::string::npos);
}

TEST(HtmlTest, DeclaredCharsetBeatsMeta) {
  // The transport says ISO-8859-2; the page claims windows-1252.
  std::string page = "<meta charset=windows-1252><p>\xb1</p>";
  EXPECT_EQ(ExtractHtml(page, "ISO-8859-2").text, "ą");
  EXPECT_EQ(ExtractHtml(page, "").text, "±");
}

TEST(HtmlTest, SniffMetaCharset) {
  EXPECT_EQ(SniffMetaCharset("<html><META CHARSET='Shift_JIS'>"), "Shift_JIS");
  EXPECT_EQ(SniffMetaCharset("<meta http-equiv=\"Content-Type\" "
                             "content=\"text/html; charset=ISO-8859-1\">"),
            "ISO-8859-1");
  EXPECT_EQ(SniffMetaCharset("<meta name=viewport content=x><meta charset=koi8-r>"), "koi8-r");
  EXPECT_EQ(SniffMetaCharset("<metadata charset=x>"), "");
  EXPECT_EQ(SniffMetaCharset(std::string(5000, ' ') + "<meta charset=koi8-r>"), "");
}

TEST(HtmlTest, EmptyAndBrokenPages) {
  EXPECT_EQ(ExtractHtml("", "").text, "");
  EXPECT_EQ(ExtractHtml("<html><body><script>x</script></body></html>", "").text, "");
  EXPECT_EQ(ExtractHtml("<p>unclosed <b>bold <i>both", "").text, "unclosed bold both");
  EXPECT_EQ(ExtractHtml("<<<>>> <p attr='never closed>text", "").text, "<<<>>>");
}

TEST(HtmlTest, LimitNesting) {
  std::string out;
  EXPECT_FALSE(LimitNesting("<div><div><p>x</p></div></div>", 2, &out));
  ASSERT_TRUE(LimitNesting("<div><div><span>x</span></div></div>", 2, &out));
  EXPECT_EQ(out, "<div><div>x</div></div>");
  // Void and optional-end elements do not count; raw text is not scanned.
  EXPECT_FALSE(
      LimitNesting("<div><br><img src=a><p>a<p>b<li>c<script>"
                   "<div><div><div></script></div>",
                   1, &out));
}

std::string Nested(const std::string& open, int depth, const std::string& inner) {
  std::string s = "<html><body>";
  s.reserve(s.size() + open.size() * depth + inner.size());
  for (int i = 0; i < depth; ++i) s += open;
  return s + inner;
}

TEST(HtmlTest, DeepNestingIsFastAndKeepsText) {
  for (const char* tag : {"<div>", "<span>", "<b>", "<a href=x>", "<table>", "<ul><li>", "<p>",
                          "<blockquote>", "<font>", "<div/>", "<table><tr><td>", "<dl><dd>",
                          "<math><mi>", "<svg><g>", "<select><option>"}) {
    auto start = std::chrono::steady_clock::now();
    HtmlDocument doc = ExtractHtml(Nested(tag, 100000, "deep text"), "");
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 10.0) << tag;
    // Text inside <svg> is dropped on purpose. (A <select> start tag closes an open select.)
    bool dropped = std::string_view(tag) == "<svg><g>";
    EXPECT_EQ(doc.text.find("deep text") != std::string::npos, !dropped) << tag;
  }
}

}  // namespace
}  // namespace newsweave::ingest

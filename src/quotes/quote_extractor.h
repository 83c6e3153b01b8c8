// The parts of quote extraction: quotation marks, attribution, claims.
#ifndef NEWSWEAVE_QUOTES_QUOTE_EXTRACTOR_H_
#define NEWSWEAVE_QUOTES_QUOTE_EXTRACTOR_H_

#include <string_view>
#include <vector>

#include "newsweave/quotes.h"
#include "quotes/document.h"

namespace newsweave::quotes {

// Quoted spans of `text`: “…” ‘…’ „…“ „…” ‚…‘ «…» »…« ‹…› ›…‹ "…" and '…' (straight single
// quotes only where they cannot be apostrophes), outermost only (a quote inside a quote is
// part of it). A quote left open at the end of a paragraph continues when the next paragraph
// opens with the same mark (the English convention for long quotes) and is dropped
// otherwise. `reopened` receives the byte offsets of such re-opening marks.
std::vector<Marked> FindQuotationMarks(std::string_view text, std::size_t max_bytes,
                                       std::vector<std::uint32_t>* reopened);

// The quoted text without its re-opening marks, whitespace collapsed.
std::string QuoteText(std::string_view text, const Marked& m,
                      const std::vector<std::uint32_t>& reopened);

// Claims (accusations, denials, demands, warnings, calls for help) of the document, in text
// order. Speech events recorded in `doc` help resolve pronouns.
void FindClaims(Document& doc, std::vector<Claim>* out);

// The first token of each sentence (and one past the last token at the end).
std::vector<std::uint32_t> SentenceStarts(const Analysis& analysis);

}  // namespace newsweave::quotes

#endif  // NEWSWEAVE_QUOTES_QUOTE_EXTRACTOR_H_

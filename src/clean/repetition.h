// Repetition inside one article: a line printed twice in a row, paragraphs printed again
// later, and the whole body printed again with its paragraphs glued together.
#ifndef NEWSWEAVE_CLEAN_REPETITION_H_
#define NEWSWEAVE_CLEAN_REPETITION_H_

#include <string_view>
#include <vector>

#include "clean/lines.h"
#include "newsweave/cleaner.h"

namespace newsweave::clean {

// Sets Line::removed to "repeated-line" or "repeated-body" on every later copy. The first
// copy always stays. Lines already removed are left alone.
void MarkRepetition(std::string_view raw, const CleanOptions& options, std::vector<Line>* lines);

}  // namespace newsweave::clean

#endif  // NEWSWEAVE_CLEAN_REPETITION_H_

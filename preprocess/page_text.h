#pragma once
// The text layer of one page: single characters with their boxes, so that a
// run of text the PDF wrote across two cells can still be split between them.

#include <string>
#include <vector>

#include "tables/geometry.h"

namespace nianbao {

struct Glyph {
    std::string text;  // one character, UTF-8
    Box box;           // PDF points, origin top-left
};

struct PageText {
    int page = 0;  // 1-based
    double width = 0, height = 0;  // points
    std::vector<Glyph> glyphs;     // in the PDF's reading order
};

}  // namespace nianbao

#pragma once
// The text layer of one page: single characters with their boxes, so that a
// run of text the PDF wrote across two cells can still be split between them.

#include <algorithm>
#include <string>
#include <vector>

#include "tables/geometry.h"

namespace nianbao {

struct Glyph {
    std::string text;  // one character, UTF-8
    Box box;           // PDF points, origin top-left, as the font reports it

    // Some fonts give every glyph the font's full ascent-to-descent box, two
    // or three times the glyph's size; a Chinese glyph is square, so its width
    // is the better measure (a Latin digit is about half as wide as tall).
    double size() const {
        const bool ascii = text.size() == 1;
        return std::min(box.height(), box.width() * (ascii ? 2.0 : 1.1));
    }
    // The box trimmed to size(), about the same centre.
    Box ink_box() const {
        const double h = size();
        return {box.x0, box.cy() - h / 2, box.x1, box.cy() + h / 2};
    }
};

struct PageText {
    int page = 0;  // 1-based
    double width = 0, height = 0;  // points
    std::vector<Glyph> glyphs;     // in the PDF's reading order
};

}  // namespace nianbao

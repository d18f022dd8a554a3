#pragma once
// A table as recovered from the page, before it means anything: cells with
// their boxes and text. Snapping to the schema gives it meaning.

#include <string>
#include <vector>

#include "tables/geometry.h"

namespace nianbao {

struct TextCell {
    int page = 0;         // 1-based
    Box box;              // on its page, PDF points
    Box at;               // in the table's own frame: pages of a joined table stacked
    std::string text;     // lines joined with '\n'
    double confidence = 1.0;
    std::string source = "text-layer";
    std::vector<std::string> alternatives;  // other readings OCR considered
    std::string doubt;    // why OCR distrusts its own reading, "" if it does not
};

// The cells of one ruled table found on one page.
struct TableFragment {
    int page = 0;
    Box box;
    std::vector<TextCell> cells;
};

// One table, possibly continued over several pages.
struct Table {
    std::vector<int> pages;
    std::vector<TextCell> cells;
};

}  // namespace nianbao

#pragma once
// Text-layer characters into the cells that contain them.

#include <vector>

#include "preprocess/page_text.h"
#include "tables/grid.h"
#include "tables/table.h"

namespace nianbao {

// `px_to_pt` converts the grids' pixel boxes to points. Each glyph goes to
// the smallest cell holding its centre; `in_table[i]` tells whether glyph i
// of `text` went into a table (the rest is the report's prose).
std::vector<TableFragment> fill_cells(const std::vector<TableGrid>& grids, double px_to_pt, const PageText& text,
                                      std::vector<bool>& in_table);

// Characters in reading order: lines top to bottom, each left to right,
// lines joined with '\n'. Vertical text comes out as one character a line.
std::string assemble_text(std::vector<Glyph> glyphs);

}  // namespace nianbao

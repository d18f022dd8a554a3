#pragma once
// Where a cell the extraction did not find probably is on its page, so that
// the reviewer's crop shows the place to read (docs/review.md). Typically a
// scan whose row label OCR misread: the numbers are printed, the cell is
// just not named.

#include <vector>

#include "src/review_live.h"
#include "tables/schema.h"

namespace nianbao {

// Gives every cell without a box an estimated page and box (box_estimated)
// from the found cells around it, where they allow one: in a table printed
// row under row, its row's height (or the gap between the found rows around
// a row lost whole) and its column's width; in a table printed on one line
// (schema row_axis above: appeals), the gap between its found neighbours.
void estimate_places(std::vector<LiveCell>& cells, const Schema* schema);

}  // namespace nianbao

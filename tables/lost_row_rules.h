#pragma once
// Cells of a column run together where the rule between their rows faded on
// the scan: the grid finds one tall cell holding a number on each row (a
// photocopy's 0 over 0, read as one cell of two lines that no row takes).
// The rules of the cells beside it still cross the rows; cut at them, the
// cell is its rows' cells again.

#include <vector>

#include <opencv2/core.hpp>

#include "tables/geometry.h"

namespace nianbao {

// Where to cut `cell` (pixels) into the cells of its rows: the tops and
// bottoms of the cells of `table` in other columns that fall inside it, in
// ascending order. None unless its text `lines` (page pixels, top to bottom)
// lie in two rows or more so cut and no line lies across a cut: a label
// written over two lines in a cell beside finer rows is one cell.
std::vector<double> lost_row_rules(const Box& cell, const std::vector<Box>& table, const std::vector<cv::Rect>& lines,
                                   double dpi);

}  // namespace nianbao

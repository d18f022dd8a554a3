#pragma once
// Cells run together where the rule between them faded on the scan: the
// grid finds one tall cell holding a number on each row (a photocopy's 0
// over 0, read as one cell of two lines that no row takes), or one wide cell
// holding a number under each of several columns (0 0 read as 0870). The
// rules of the cells beside it (for rows) or above and below it (for
// columns) still cross it; cut at them, the cell is its cells again.

#include <vector>

#include <opencv2/core.hpp>

#include "tables/geometry.h"

namespace nianbao {

enum class Across { rows, columns };

// Where to cut `cell` (pixels) into the cells of its rows (the y of the cuts)
// or of its columns (the x): the edges of the cells of `table` beside it, or
// above and below it, that fall inside it, in ascending order. None unless
// its `ink` (page pixels: its text lines for rows, its marks along its line
// for columns) lies in two parts or more so cut and none lies across a cut:
// a label written over two lines beside finer rows is one cell.
std::vector<double> lost_rules(const Box& cell, const std::vector<Box>& table, const std::vector<cv::Rect>& ink,
                               double dpi, Across across);

}  // namespace nianbao

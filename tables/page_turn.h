#pragma once
// Which way up a scanned table page stands, told from its own table: cheaper
// and, on a page of rules and short labels, surer than Tesseract's OSD, which
// sees too few characters there (a table page upside down scored 1.6, below
// the confidence it needs, and was read as it stood).

#include <optional>
#include <vector>

#include <opencv2/core.hpp>

#include "tables/grid.h"
#include "tables/tesseract_engine.h"

namespace nianbao {

// Degrees clockwise the page must be turned to be upright (0, 90, 180 or
// 270), or nothing when the table does not tell. The long label cells carry
// the evidence: their text runs along their long side, which gives the axis,
// and read both ways along it, the right way up reads with clearly higher
// confidence. `grids` are pixels of `gray`.
std::optional<int> table_upright_turn(const cv::Mat& gray, double dpi, const std::vector<TableGrid>& grids,
                                      TesseractEngine& chinese);

}  // namespace nianbao

#pragma once
// The rules and tables of a scanned page, from its straightened grey image:
// the ruling ink, then the rules a scan fades (followed along their grey
// ridge), prints as dots, or breaks into pieces, joined up.

#include <vector>

#include <opencv2/core.hpp>

#include "tables/grid.h"
#include "tables/lines.h"

namespace nianbao {

struct ScanGrid {
    LineMasks lines;
    std::vector<TableGrid> grids;
};

ScanGrid find_scan_grid(const cv::Mat& gray, double dpi);

}  // namespace nianbao

#pragma once
// Ruling lines of a page image, found by morphology: a horizontal line is what
// survives an opening with a long flat kernel, a vertical one likewise.

#include <vector>

#include <opencv2/core.hpp>

#include "tables/geometry.h"

namespace nianbao {

struct LineMasks {
    cv::Mat horizontal;  // 255 where a horizontal rule is
    cv::Mat vertical;
};

struct LineOptions {
    int min_length_px = 12;   // shorter dark runs are text strokes, not rules
    int max_thickness_px = 6; // thicker dark areas are fills, not rules
    int gap_px = 3;           // bridge breaks this long in a rule
};

// `ink` is a binary image (255 = dark). Text should already be erased from it
// where its boxes are known, so that min_length can stay short.
LineMasks find_lines(const cv::Mat& ink, const LineOptions& opt);

// Dark pixels of a grey page (255 = ink), with the given glyph boxes (pixels)
// blanked out.
cv::Mat ink_without_text(const cv::Mat& gray, const std::vector<Box>& glyph_boxes_px);

}  // namespace nianbao

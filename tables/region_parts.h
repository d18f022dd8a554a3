#pragma once
// A region of background that the rules enclose is a cell when it is a
// rectangle. One shaped like an L or a T is several cells run together
// through a gap in a faded rule; it is cut back into its rectangles.

#include <vector>

#include <opencv2/core.hpp>

namespace nianbao {

// The rectangular parts of the region `mask` (255 inside; its own bounding
// box), in its coordinates: bands of rows whose left and right ends stay
// within `tolerance` px, each cut again into bands of columns when it is not
// yet rectangular. Parts thinner than `min_side` (the passage through the
// gap) are dropped. A rectangular region comes back whole.
std::vector<cv::Rect> rectangular_parts(const cv::Mat& mask, int min_side, int tolerance);

// The share of a rectangle's area that `mask` covers.
double fill(const cv::Mat& mask, const cv::Rect& r);

}  // namespace nianbao

#pragma once
// A cell that prints a dash for "none": on a photocopy the specks about the
// dash make both readers see a digit in it (— with a speck above it read as
// 7, 2 or 4), though nothing in it is as tall as a digit.

#include <opencv2/core.hpp>

namespace nianbao {

// `ink`: 255 where a cell's one line has ink, at `dpi`. True when its
// largest shape is a bar wider than any digit and twice as wide as tall at
// least, and nothing in it stands as tall as the smallest digits.
bool only_a_dash(const cv::Mat& ink, double dpi);

}  // namespace nianbao

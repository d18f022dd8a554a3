#pragma once
// Grey from colour with red ink dropped out. Chinese official reports carry
// red seals, often pressed over the signature and over a table's numbers;
// ordinary luminance turns a red seal into a mid grey that swallows the
// digits under it. In the red channel the seal is nearly as light as the
// paper while black print stays black — the dropout colour of forms
// scanners, done in software. Only red pixels take the red channel: on
// neutral ones it would trade luminance, which averages three channels'
// sensor noise and JPEG colour blocks, for one channel's.

#include <opencv2/core.hpp>

namespace nianbao {

// `colour`: 8-bit BGR or BGRA (OpenCV's order), or one channel (returned
// as is). Returns one 8-bit channel.
cv::Mat gray_without_red(const cv::Mat& colour);

}  // namespace nianbao

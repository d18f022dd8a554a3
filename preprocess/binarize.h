#pragma once
// Ink versus paper. A born-digital rendering has white paper and black ink;
// a scan has grey, uneven paper and faded ink, so it is thresholded against
// its own neighbourhood.

#include <opencv2/core.hpp>

namespace nianbao {

cv::Mat ink_of_rendering(const cv::Mat& gray);           // 255 = ink
cv::Mat ink_of_scan(const cv::Mat& gray, double dpi);    // 255 = ink

// `ink` without the grain of the paper: noise that the threshold took for
// ink is a pixel or two across, a stroke of type is thicker.
cv::Mat ink_strokes(const cv::Mat& ink, double dpi);

// 255 where the image shows what lies beyond the page: the white of a
// scanner's lid or of the corners a straightening turn brings in, around
// grey paper. Empty for near-white paper, whose edge is no contrast.
cv::Mat beyond_paper(const cv::Mat& gray, double dpi);

}  // namespace nianbao

#include "preprocess/red_dropout.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <opencv2/imgproc.hpp>

namespace nianbao {
namespace {

// How far red stands above the mean of green and blue, in grey levels,
// before a pixel counts as red ink, and over how many levels it goes over
// to the red channel entirely. Sensor noise on grey paper stays well under
// the first; seal ink on paper stands 100 or more above it.
constexpr float red_starts = 20;
constexpr float red_ramp = 40;

}  // namespace

cv::Mat gray_without_red(const cv::Mat& colour) {
    if (colour.channels() == 1) return colour;
    if (colour.channels() != 3 && colour.channels() != 4)
        throw std::invalid_argument("gray_without_red: " + std::to_string(colour.channels()) + " channels");
    if (colour.depth() != CV_8U) throw std::invalid_argument("gray_without_red: not 8-bit");
    // One pass, pixel by pixel: whole-page float images for each step cost
    // more in page faults than the arithmetic (a 300 dpi page is 8.7 Mpx).
    cv::Mat luminance;
    cv::cvtColor(colour, luminance, colour.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    const int step = colour.channels();
    for (int y = 0; y < colour.rows; ++y) {
        const uchar* p = colour.ptr<uchar>(y);
        uchar* out = luminance.ptr<uchar>(y);
        for (int x = 0; x < colour.cols; ++x, p += step) {
            const float redness = p[2] - (p[0] + p[1]) * 0.5f;
            if (redness <= red_starts) continue;
            const float w = std::min(1.0f, (redness - red_starts) / red_ramp);
            out[x] = cv::saturate_cast<uchar>(out[x] + w * (p[2] - out[x]));
        }
    }
    return luminance;
}

}  // namespace nianbao

#include "preprocess/red_dropout.h"

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
    cv::Mat luminance, bgr[4];
    cv::cvtColor(colour, luminance, colour.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    cv::split(colour, bgr);
    cv::Mat b, g, r, l;
    bgr[0].convertTo(b, CV_32F);
    bgr[1].convertTo(g, CV_32F);
    bgr[2].convertTo(r, CV_32F);
    luminance.convertTo(l, CV_32F);
    cv::Mat redness = r - (b + g) * 0.5f;
    cv::Mat weight = (redness - red_starts) / red_ramp;
    cv::threshold(weight, weight, 1.0, 1.0, cv::THRESH_TRUNC);
    cv::threshold(weight, weight, 0.0, 0.0, cv::THRESH_TOZERO);
    cv::Mat out = l + weight.mul(r - l);
    out.convertTo(out, CV_8U);
    return out;
}

}  // namespace nianbao

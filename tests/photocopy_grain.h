#pragma once
// The soft strokes and grain of a copy scanned at low resolution, laid over
// a generated page image for the tests of the scanned stages.

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace nianbao {

inline void soften_and_grain(cv::Mat& page, double blur_px, double noise_sigma, int seed) {
    cv::GaussianBlur(page, page, {0, 0}, blur_px);
    cv::Mat noise(page.size(), CV_16SC1);
    cv::RNG rng(seed);  // fixed: the same grain every run
    rng.fill(noise, cv::RNG::NORMAL, 0, noise_sigma);
    cv::Mat grainy;
    page.convertTo(grainy, CV_16SC1);
    grainy += noise;
    grainy.convertTo(page, CV_8UC1);
}

}  // namespace nianbao

// Red seal ink dropped out of a colour page (preprocess/red_dropout.h).

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "preprocess/red_dropout.h"

namespace nianbao {
namespace {

// A white page with a black "8233.01" and a translucent red seal pressed
// over it, as stamp ink multiplies the paper (scripts/corpus/effects.py).
cv::Mat sealed_page() {
    cv::Mat page(200, 400, CV_8UC3, cv::Scalar(245, 245, 245));
    cv::putText(page, "8233.01", {60, 120}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0, 0, 0), 4);
    cv::Mat ink(page.size(), CV_32F, cv::Scalar(0));
    cv::circle(ink, {200, 100}, 90, cv::Scalar(0.8), cv::FILLED);
    const cv::Vec3f red(50 / 255.f, 40 / 255.f, 210 / 255.f);  // B, G, R
    for (int y = 0; y < page.rows; ++y)
        for (int x = 0; x < page.cols; ++x) {
            const float a = ink.at<float>(y, x);
            auto& px = page.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; ++c) px[c] = cv::saturate_cast<uchar>(px[c] * (1 - a * (1 - red[c])));
        }
    return page;
}

TEST(RedDropout, SealPaperTurnsLightAndPrintStaysBlack) {
    const cv::Mat page = sealed_page();
    const cv::Mat out = gray_without_red(page);
    ASSERT_EQ(out.type(), CV_8UC1);
    cv::Mat luminance;
    cv::cvtColor(page, luminance, cv::COLOR_BGR2GRAY);
    const cv::Point paper_under_seal{200, 30};  // inside the seal, no print
    // Plain luminance makes the seal a mid grey, dark enough to bury strokes
    // of a faint digit; without the red the paper there is near white.
    EXPECT_LT(luminance.at<uchar>(paper_under_seal), 140);
    EXPECT_GT(out.at<uchar>(paper_under_seal), 200);
    // The print under the seal stays black: the darkest pixels of the text
    // rows are as dark as before.
    double darkest = 0;
    cv::minMaxLoc(out(cv::Rect(60, 70, 280, 60)), &darkest);
    EXPECT_LT(darkest, 30);
}

TEST(RedDropout, NeutralGreysKeepTheirLuminanceDespiteNoise) {
    // Grey paper and a grey block with each channel's own sensor noise: the
    // result is luminance (which averages the noise), not the red channel.
    cv::Mat page(100, 100, CV_8UC3, cv::Scalar(230, 230, 230));
    cv::rectangle(page, {20, 20}, {80, 80}, cv::Scalar(90, 90, 90), cv::FILLED);
    cv::Mat noise(page.size(), CV_16SC3);
    cv::RNG rng(7);
    rng.fill(noise, cv::RNG::NORMAL, 0, 5);
    cv::Mat noisy;
    cv::add(page, noise, noisy, cv::noArray(), CV_8UC3);
    cv::Mat luminance;
    cv::cvtColor(noisy, luminance, cv::COLOR_BGR2GRAY);
    EXPECT_LE(cv::norm(gray_without_red(noisy), luminance, cv::NORM_INF), 3);
}

TEST(RedDropout, OneChannelPassesThroughAndOthersAreRefused) {
    const cv::Mat gray(10, 10, CV_8UC1, cv::Scalar(7));
    EXPECT_EQ(gray_without_red(gray).data, gray.data);
    EXPECT_THROW(gray_without_red(cv::Mat(10, 10, CV_8UC2)), std::invalid_argument);
}

}  // namespace
}  // namespace nianbao

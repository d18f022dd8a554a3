// Redrawing a number-shaped line without the specks about its digits.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tables/redrawn_number.h"

namespace nianbao {
namespace {

// The ink of a line "10" at 300 dpi (digits 40 px tall) with a toner blot
// beside it and a streak over it, both larger than a dot.
cv::Mat ink_with_blots() {
    cv::Mat ink(60, 140, CV_8UC1, cv::Scalar(0));
    cv::putText(ink, "10", {20, 50}, cv::FONT_HERSHEY_SIMPLEX, 1.5, 255, 4, cv::LINE_8);
    cv::ellipse(ink, {120, 40}, {6, 4}, 0, 0, 360, 255, cv::FILLED);  // blot
    cv::line(ink, {5, 8}, {14, 14}, 255, 3);                            // streak
    return ink;
}

TEST(RedrawnNumber, KeepsTheDigitsAndDropsBlots) {
    const RedrawnNumber r = redrawn_from_ink(ink_with_blots(), 300, 32);
    ASSERT_FALSE(r.image.empty());
    EXPECT_EQ(r.marks, 2);
    // The digits stand 32 px tall inside a 20 px white margin.
    cv::Mat dark = r.image < 128;
    const cv::Rect ink = cv::boundingRect(dark);
    EXPECT_NEAR(ink.height, 32, 2);
    EXPECT_GE(ink.y, 18);
    // Nothing of the blot or the streak is left: the ink is the two digits'
    // width, about 10/7 of their height for "10" in this font.
    EXPECT_LT(ink.width, 2 * 32);
}

TEST(RedrawnNumber, GreyPictureKeepsOnlyThePaperNearTheDigits) {
    const cv::Mat ink = ink_with_blots();
    cv::Mat gray(ink.size(), CV_8UC1, cv::Scalar(230));
    gray.setTo(90, ink);
    const RedrawnNumber r = redrawn_from_gray(gray, ink, 300, 24);
    ASSERT_FALSE(r.image.empty());
    EXPECT_EQ(r.marks, 2);
    // The blot's grey is whitened: no dark pixel beyond the digits' span.
    const cv::Rect ink_box = cv::boundingRect(r.image < 128);
    EXPECT_NEAR(ink_box.height, 24, 2);
    EXPECT_LT(ink_box.width, 2 * 24);
}

TEST(RedrawnNumber, NothingToRedrawInABlankLine) {
    EXPECT_TRUE(redrawn_from_ink(cv::Mat(20, 20, CV_8UC1, cv::Scalar(0)), 300, 32).image.empty());
}

// A dash printed for "none", with a speck: no digit to redraw (scaled up to
// a digit's height, the dash read as 7).
TEST(RedrawnNumber, ADashIsNoDigit) {
    cv::Mat ink(60, 140, CV_8UC1, cv::Scalar(0));
    cv::rectangle(ink, cv::Rect(30, 28, 50, 5), 255, cv::FILLED);
    cv::circle(ink, {100, 20}, 3, 255, cv::FILLED);
    EXPECT_TRUE(redrawn_from_ink(ink, 300, 32).image.empty());
    EXPECT_TRUE(redrawn_from_gray(255 - ink, ink, 300, 24).image.empty());
}

}  // namespace
}  // namespace nianbao

// The looped digits told apart by where their loops lie, on drawn glyphs.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tables/loop_digit.h"

namespace nianbao {
namespace {

// The ink (255) of one digit drawn at about 300 dpi body size, with
// `speck` a dot of toner at that offset from the glyph's middle (none if 0,0).
cv::Mat digit_ink(const std::string& digit, cv::Point speck = {0, 0}) {
    cv::Mat ink = cv::Mat::zeros(60, 50, CV_8UC1);
    cv::putText(ink, digit, {8, 48}, cv::FONT_HERSHEY_SIMPLEX, 1.3, 255, 3);
    if (speck != cv::Point(0, 0)) cv::circle(ink, cv::Point(25, 30) + speck, 2, 255, cv::FILLED);
    return ink;
}

TEST(LoopDigit, LoopsTellZeroSixEightNine) {
    EXPECT_EQ(loop_digit(digit_ink("0")), '0');
    EXPECT_EQ(loop_digit(digit_ink("6")), '6');
    EXPECT_EQ(loop_digit(digit_ink("8")), '8');
    EXPECT_EQ(loop_digit(digit_ink("9")), '9');
}

TEST(LoopDigit, DigitsWithoutLoopsSayNothing) {
    for (const char* d : {"1", "2", "3", "5", "7"}) EXPECT_FALSE(loop_digit(digit_ink(d)).has_value()) << d;
    EXPECT_FALSE(loop_digit(cv::Mat::zeros(60, 50, CV_8UC1)).has_value());
}

// A speck inside the 0's loop, off its middle, leaves the loop whole: a
// speck is no stroke, and the loop still spans the glyph.
TEST(LoopDigit, SpeckInsideTheLoopOfAZero) {
    EXPECT_EQ(loop_digit(digit_ink("0", {0, 8})), '0');
}

// A speck fused under the foot of a 0 lengthens the glyph: its loop then
// ends at two thirds of its height, lower than a 9's ever does, and the
// glyph is still a 0 (both readers took such a one for a 9).
TEST(LoopDigit, SpeckFusedUnderTheFootOfAZero) {
    cv::Mat ink = cv::Mat::zeros(60, 50, CV_8UC1);
    cv::ellipse(ink, {25, 25}, {8, 13}, 0, 0, 360, 255, 4);
    EXPECT_EQ(loop_digit(ink), '0');
    cv::circle(ink, {20, 44}, 4, 255, cv::FILLED);
    EXPECT_EQ(loop_digit(ink), '0');
}

// One glyph whose loop is its middle is a 0, however the readers took it
// (a clean photocopied 0 with a speck beside it read as 7, 1 or 70).
TEST(LoneZero, OneGlyphWithALoopFromTopToFoot) {
    EXPECT_TRUE(lone_zero(digit_ink("0")));
    cv::Mat speck_beside = digit_ink("0");
    cv::circle(speck_beside, {44, 40}, 2, 255, cv::FILLED);
    EXPECT_TRUE(lone_zero(speck_beside));
    // Strokes thickened by a photocopy leave a smaller loop, still the middle.
    cv::Mat thick;
    cv::dilate(digit_ink("0"), thick, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));
    EXPECT_TRUE(lone_zero(thick));
}

TEST(LoneZero, OtherDigitsAndTwoGlyphsAreNot) {
    for (const char* d : {"1", "2", "3", "4", "5", "6", "7", "8", "9"}) EXPECT_FALSE(lone_zero(digit_ink(d))) << d;
    cv::Mat ten = cv::Mat::zeros(60, 80, CV_8UC1);
    cv::putText(ten, "10", {8, 48}, cv::FONT_HERSHEY_SIMPLEX, 1.3, 255, 3);
    EXPECT_FALSE(lone_zero(ten));
    // A 4 whose closed triangle a scan left the middle of it (a clean 300 dpi
    // UMing 4): the loop is no oval.
    cv::Mat four = cv::Mat::zeros(60, 50, CV_8UC1);
    cv::rectangle(four, cv::Rect(10, 10, 28, 40), 255, cv::FILLED);
    const std::vector<cv::Point> triangle{{30, 18}, {30, 42}, {16, 42}};
    cv::fillPoly(four, std::vector<std::vector<cv::Point>>{triangle}, 0);
    EXPECT_FALSE(lone_zero(four));
    // A photocopied 30 whose digits ran together is one glyph, wider than a 0.
    cv::Mat thirty = cv::Mat::zeros(60, 80, CV_8UC1);
    cv::putText(thirty, "30", {8, 48}, cv::FONT_HERSHEY_SIMPLEX, 1.3, 255, 3);
    cv::line(thirty, {30, 30}, {44, 30}, 255, 3);
    EXPECT_FALSE(lone_zero(thirty));
    EXPECT_FALSE(lone_zero(cv::Mat::zeros(60, 50, CV_8UC1)));
}

}  // namespace
}  // namespace nianbao

// A dash told from a digit by its shape, on drawn marks at 300 dpi.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tables/dash_mark.h"

namespace nianbao {
namespace {

constexpr double dpi = 300;

// A cell's line of ink (255) at 300 dpi, 50 pixels tall.
cv::Mat line_ink() { return cv::Mat::zeros(50, 80, CV_8UC1); }

cv::Mat digits(const std::string& text) {
    cv::Mat ink = line_ink();
    // About 33 pixels tall: a 10.5 pt digit at 300 dpi.
    cv::putText(ink, text, {8, 42}, cv::FONT_HERSHEY_SIMPLEX, 1.4, 255, 4);
    return ink;
}

TEST(DashMark, ADashWithSpecksAboutIt) {
    cv::Mat ink = line_ink();
    cv::rectangle(ink, cv::Rect(15, 22, 45, 5), 255, cv::FILLED);
    EXPECT_TRUE(only_a_dash(ink, dpi));
    cv::circle(ink, {30, 10}, 4, 255, cv::FILLED);  // a speck above it, read as a 7's bar
    EXPECT_TRUE(only_a_dash(ink, dpi));
    // Toner fused to the dash makes it stand 17 pixels, still half a digit.
    cv::rectangle(ink, cv::Rect(40, 10, 8, 14), 255, cv::FILLED);
    EXPECT_TRUE(only_a_dash(ink, dpi));
}

// A faxed 2 whose curve was too faint for the ink: its foot, a bar as
// long as a digit is wide, is no dash (nor, then, is a hyphen).
TEST(DashMark, AFootAsWideAsADigitIsNot) {
    cv::Mat ink = line_ink();
    cv::rectangle(ink, cv::Rect(30, 30, 18, 6), 255, cv::FILLED);
    EXPECT_FALSE(only_a_dash(ink, dpi));
}

TEST(DashMark, DigitsAndNegativeNumbersAreNot) {
    for (const char* d : {"1", "2", "4", "7", "-7", "-1", "0"}) EXPECT_FALSE(only_a_dash(digits(d), dpi)) << d;
    EXPECT_FALSE(only_a_dash(line_ink(), dpi));
    cv::Mat speck = line_ink();
    cv::circle(speck, {30, 25}, 3, 255, cv::FILLED);
    EXPECT_FALSE(only_a_dash(speck, dpi));
}

}  // namespace
}  // namespace nianbao

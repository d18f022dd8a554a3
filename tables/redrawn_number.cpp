#include "tables/redrawn_number.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "tables/components.h"

namespace nianbao {
namespace {

constexpr int margin = 20;

// Digits of 7 pt type stand about 5 pt high.
constexpr double lowest_digit_pt = 4.0;

// The ink of the marks as tall as digits, and how many there are; nothing
// when no mark is as tall as a digit.
cv::Mat digit_marks(const cv::Mat& ink, double dpi, int& marks) {
    cv::Mat labels, stats;
    const int n = connected_components(ink, labels, stats, 8);
    int tallest = 0, largest = 0;
    for (int i = 1; i < n; ++i) {
        tallest = std::max(tallest, stats.at<int>(i, cv::CC_STAT_HEIGHT));
        largest = std::max(largest, stats.at<int>(i, cv::CC_STAT_AREA));
    }
    marks = 0;
    if (tallest < dpi * lowest_digit_pt / 72) return cv::Mat::zeros(ink.size(), CV_8UC1);
    std::vector<uchar> drop(size_t(std::max(n, 1)), 0);
    for (int i = 1; i < n; ++i) {
        const bool digit = stats.at<int>(i, cv::CC_STAT_HEIGHT) * 2 >= tallest && stats.at<int>(i, cv::CC_STAT_AREA) * 6 >= largest;
        drop[size_t(i)] = !digit;
        marks += digit;
    }
    cv::Mat kept = ink.clone();
    clear_components(kept, labels, drop);
    return kept;
}

RedrawnNumber scaled(const cv::Mat& picture, const cv::Rect& bounds, int marks, int digit_height, int interpolation) {
    RedrawnNumber out;
    out.marks = marks;
    const double s = double(digit_height) / bounds.height;
    cv::Mat big;
    cv::resize(picture(bounds), big, {}, s, s, interpolation);
    cv::copyMakeBorder(big, out.image, margin, margin, margin, margin, cv::BORDER_CONSTANT, 255);
    return out;
}

}  // namespace

RedrawnNumber redrawn_from_ink(const cv::Mat& ink, double dpi, int digit_height) {
    int marks = 0;
    const cv::Mat kept = digit_marks(ink, dpi, marks);
    const cv::Rect bounds = cv::boundingRect(kept);
    if (bounds.area() == 0) return {};
    cv::Mat picture = 255 - kept;
    RedrawnNumber out = scaled(picture, bounds, marks, digit_height, cv::INTER_AREA);
    // Softened edges, as print has: the models read a hard-edged bitmap worse.
    cv::GaussianBlur(out.image, out.image, {3, 3}, 0);
    return out;
}

RedrawnNumber redrawn_from_gray(const cv::Mat& gray, const cv::Mat& ink, double dpi, int digit_height) {
    int marks = 0;
    cv::Mat kept = digit_marks(ink, dpi, marks);
    cv::resize(kept, kept, gray.size(), 0, 0, cv::INTER_NEAREST);
    const cv::Rect bounds = cv::boundingRect(kept);
    if (bounds.area() == 0) return {};
    cv::Mat near;
    cv::dilate(kept, near, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
    cv::Mat picture = gray.clone();
    picture.setTo(255, near == 0);
    return scaled(picture, bounds, marks, digit_height, cv::INTER_CUBIC);
}

}  // namespace nianbao

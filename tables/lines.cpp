#include "tables/lines.h"

#include <opencv2/imgproc.hpp>

namespace nianbao {
namespace {

// Keeps only the runs of `mask` that are at least `length` long along the
// kernel's direction, then bridges short breaks (broken or faded rules).
cv::Mat extract(const cv::Mat& ink, cv::Size along, cv::Size bridge) {
    cv::Mat out;
    cv::morphologyEx(ink, out, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, along));
    cv::morphologyEx(out, out, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, bridge));
    return out;
}

// A shaded cell or a solid block survives both openings; drop components
// whose thickness across the line direction says they are fills.
void drop_thick(cv::Mat& mask, bool horizontal, int max_thickness) {
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    for (int i = 1; i < n; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        const int length = horizontal ? w : h;
        // Mean thickness, so a long rule that touches a letter stays a rule.
        if (length > 0 && area / length > max_thickness) mask.setTo(0, labels == i);
    }
}

}  // namespace

cv::Mat ink_without_text(const cv::Mat& gray, const std::vector<Box>& glyph_boxes_px) {
    cv::Mat ink;
    cv::threshold(gray, ink, 160, 255, cv::THRESH_BINARY_INV);
    for (const Box& b : glyph_boxes_px) {
        // Shrink a little: glyph boxes of tight cells touch the rules.
        const double mx = b.width() * 0.12, my = b.height() * 0.12;
        const cv::Rect r(cv::Point(int(b.x0 + mx), int(b.y0 + my)), cv::Point(int(b.x1 - mx) + 1, int(b.y1 - my) + 1));
        const cv::Rect clipped = r & cv::Rect(0, 0, ink.cols, ink.rows);
        if (clipped.area() > 0) ink(clipped).setTo(0);
    }
    return ink;
}

LineMasks find_lines(const cv::Mat& ink, const LineOptions& opt) {
    LineMasks m;
    m.horizontal = extract(ink, {opt.min_length_px, 1}, {opt.gap_px + 1, 1});
    m.vertical = extract(ink, {1, opt.min_length_px}, {1, opt.gap_px + 1});
    drop_thick(m.horizontal, true, opt.max_thickness_px);
    drop_thick(m.vertical, false, opt.max_thickness_px);
    return m;
}

}  // namespace nianbao

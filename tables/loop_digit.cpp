#include "tables/loop_digit.h"

#include <opencv2/imgproc.hpp>

#include "tables/components.h"

namespace nianbao {

std::optional<char> loop_digit(const cv::Mat& ink) {
    cv::Mat labels, stats;
    const int n = connected_components(ink, labels, stats, 8);
    int glyph = 0;
    for (int i = 1; i < n; ++i)
        if (glyph == 0 || stats.at<int>(i, cv::CC_STAT_AREA) > stats.at<int>(glyph, cv::CC_STAT_AREA)) glyph = i;
    if (glyph == 0) return std::nullopt;
    const cv::Rect box = component_box(stats, glyph);
    if (box.height < 8 || box.width < 4) return std::nullopt;  // too small to have loops worth the name
    // The glyph alone, with a margin of paper: its loops are the paper
    // shapes that do not reach the margin.
    cv::Mat paper(box.height + 2, box.width + 2, CV_8UC1, cv::Scalar(255));
    paper(cv::Rect(1, 1, box.width, box.height)).setTo(0, labels(box) == glyph);
    cv::Mat holes, hole_stats;
    const int m = connected_components(paper, holes, hole_stats, 4);
    const int outside = holes.at<int>(0, 0);
    std::vector<cv::Rect> loops;
    const int min_area = std::max(4, box.area() / 40);  // a pinhole in a thick stroke is no loop
    for (int i = 1; i < m; ++i)
        if (i != outside && hole_stats.at<int>(i, cv::CC_STAT_AREA) >= min_area) loops.push_back(component_box(hole_stats, i) - cv::Point(1, 1));
    const double h = box.height;
    if (loops.size() == 2) return '8';
    if (loops.size() != 1) return std::nullopt;
    const double top = loops[0].y / h, bottom = loops[0].br().y / h;
    // A 9's loop ends above 0.6 of its height (0.42-0.57 in the
    // report fonts); one that reaches lower is a 0's whose foot a speck
    // fused under it has lengthened (photocopy150 r011: 0.62, read 9 by both
    // readers).
    if (top < 0.3 && bottom > 0.6) return '0';
    if (top < 0.3) return '9';
    if (top > 0.3 && bottom > 0.7) return '6';
    return std::nullopt;
}

}  // namespace nianbao

#include "tables/rule_ends.h"

#include <opencv2/imgproc.hpp>

#include "tables/components.h"

namespace nianbao {
namespace {

enum class Stop { none, crossing, in_line };

struct Reach {
    Stop stop = Stop::none;
    int distance = 0;
};

bool any_in(const cv::Mat& mask, cv::Rect r) {
    r &= cv::Rect(0, 0, mask.cols, mask.rows);
    return r.area() > 0 && cv::countNonZero(mask(r)) > 0;
}

// Row of a piece's ink in column x: the middle of its pixels there.
int middle_row(const cv::Mat& labels, int label, int x, int top, int height) {
    long sum = 0, n = 0;
    for (int y = top; y < top + height; ++y)
        if (labels.at<int>(y, x) == label) sum += y, ++n;
    return n ? int(sum / n) : top + height / 2;
}

// Walks from (x, y) in direction dx until a crossing rule or another piece
// of a rule along this one.
Reach reach(const cv::Mat& along, const cv::Mat& across, int x, int y, int dx, const RuleEndOptions& opt) {
    for (int d = 1; d <= opt.max_reach_px; ++d) {
        const int xx = x + dx * d;
        if (xx < 0 || xx >= along.cols) break;
        if (any_in(across, {xx, y - opt.touch_px, 1, 2 * opt.touch_px + 1})) return {Stop::crossing, d};
        // Only a piece in line, not the rule of the next row.
        if (any_in(along, {xx, y - 2, 1, 5})) return {Stop::in_line, d};
    }
    return {};
}

// The horizontal case; vertical rules are joined on the transposed masks.
void join_along_x(cv::Mat& along, const cv::Mat& across, const RuleEndOptions& opt) {
    cv::Mat labels, stats;
    const int n = connected_components(along, labels, stats, 8);
    cv::Mat joins = cv::Mat::zeros(along.size(), CV_8UC1);
    for (int i = 1; i < n; ++i) {
        const int x0 = stats.at<int>(i, cv::CC_STAT_LEFT), w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int top = stats.at<int>(i, cv::CC_STAT_TOP), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        if (w < opt.min_length_px) continue;
        const int x1 = x0 + w - 1;
        const int y0 = middle_row(labels, i, x0, top, h), y1 = middle_row(labels, i, x1, top, h);
        const int t = opt.touch_px;
        const bool meets0 = any_in(across, {x0 - t, y0 - t, 2 * t + 1, 2 * t + 1});
        const bool meets1 = any_in(across, {x1 - t, y1 - t, 2 * t + 1, 2 * t + 1});
        const int thickness = std::clamp(int(stats.at<int>(i, cv::CC_STAT_AREA) / w), 1, 3);
        if (!meets0) {
            const Reach r = reach(along, across, x0, y0, -1, opt);
            if (r.stop == Stop::in_line || (r.stop == Stop::crossing && meets1))
                cv::line(joins, {x0 - r.distance, y0}, {x0, y0}, 255, thickness);
        }
        if (!meets1) {
            const Reach r = reach(along, across, x1, y1, +1, opt);
            if (r.stop == Stop::in_line || (r.stop == Stop::crossing && meets0))
                cv::line(joins, {x1, y1}, {x1 + r.distance, y1}, 255, thickness);
        }
    }
    along |= joins;
}

}  // namespace

void join_broken_rules(LineMasks& lines, const RuleEndOptions& opt) {
    // Both directions see the other's rules as they were found, not as
    // joined, so the result does not depend on which goes first.
    const cv::Mat horizontal_found = lines.horizontal.clone();
    join_along_x(lines.horizontal, lines.vertical, opt);
    cv::Mat along = lines.vertical.t(), across = horizontal_found.t();
    join_along_x(along, across, opt);
    lines.vertical = along.t();
}

}  // namespace nianbao

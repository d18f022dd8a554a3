#include "tables/faint_rules.h"

#include <opencv2/imgproc.hpp>

#include "tables/components.h"

namespace nianbao {
namespace {

// Mean grey of rectangles in constant time.
struct Means {
    cv::Mat sum;  // CV_64F, one larger than the image each way

    explicit Means(const cv::Mat& gray) { cv::integral(gray, sum, CV_64F); }

    double of(int x0, int y0, int x1, int y1) const {  // [x0, x1) x [y0, y1), inside the image
        const double s = sum.at<double>(y1, x1) - sum.at<double>(y0, x1) - sum.at<double>(y1, x0) + sum.at<double>(y0, x0);
        return s / double((x1 - x0) * (y1 - y0));
    }
};

// The row near `y` at which column x holds a horizontal ridge, or -1: a
// line, a few pixels either side of x, darker by min_contrast than the paper
// above and below it. The paper is the lighter of a band beside the line
// and one a little farther: a doubled rule is two ridges close together.
int ridge_at(const Means& m, int cols, int rows, int x, int y, int half, const FaintRuleOptions& opt) {
    const int x0 = x - opt.along_px, x1 = x + opt.along_px + 1;
    const int near = half + 2, far = near + 2 * opt.side_px;
    if (x0 < 0 || x1 > cols || y - far - opt.side_px - 1 < 0 || y + far + opt.side_px + 2 > rows) return -1;
    int best = -1;
    double darkest = 1e9;
    for (int yy = y - 1; yy <= y + 1; ++yy) {
        const double v = m.of(x0, yy, x1, yy + 1);
        if (v < darkest) darkest = v, best = yy;
    }
    const auto paper = [&](int sign) {
        double lightest = 0;
        for (const int d : {near, far}) {
            const int y0 = sign < 0 ? best - d - opt.side_px : best + d + 1;
            lightest = std::max(lightest, m.of(x0, y0, x1, y0 + opt.side_px));
        }
        return lightest;
    };
    return darkest + opt.min_contrast < std::min(paper(-1), paper(+1)) ? best : -1;
}

// The piece of `labels` other than `own` in column x within a pixel of row
// y, or 0.
int piece_in_line(const cv::Mat& labels, int own, int x, int y) {
    for (int yy = std::max(0, y - 1); yy <= std::min(labels.rows - 1, y + 1); ++yy) {
        const int l = labels.at<int>(yy, x);
        if (l != 0 && l != own) return l;
    }
    return 0;
}

// Walks from the end (x, y) of piece `own` in direction dx while the ridge
// lasts; returns the last point on it (x, y itself when it stops at once).
// A rule is straight and its ridge nearly unbroken: the strokes of a line of
// text also darken a row between lighter ones, but here and there, and not
// all in one row. The walk goes on across the rules that cross this one as
// long as it reaches them: along the ridge, across a gap at the first when
// the piece is `anchored` (long, or meeting a crossing rule at its other
// end), otherwise only a little short of them. Walked on freely, the gaps
// between the characters of a cell's text would pass for the gaps of a
// broken rule.
cv::Point follow(const Means& m, const cv::Mat& labels, const cv::Mat& stats, const cv::Mat& across, int own,
                 cv::Point end, int dx, int half, bool anchored, const FaintRuleOptions& opt) {
    cv::Point last = end;
    int y = end.y, missed = 0;
    int stretch_start = end.x, seen = 0;  // since the last crossing rule passed
    bool passed = false, on_crossing = false;
    for (int x = end.x + dx; x >= 0 && x < labels.cols && missed <= opt.max_gap_px; x += dx) {
        // Another piece in line: a long one is followed on from its own
        // ends; a short one is a stretch of this rule the threshold kept.
        if (const int other = piece_in_line(labels, own, x, y)) {
            ++seen;
            last = {x, y};
            missed = 0;
            if (stats.at<int>(other, cv::CC_STAT_WIDTH) >= opt.min_length_px) return last;
            continue;
        }
        if (any_set_in(across, {x, y - opt.touch_px, 1, 2 * opt.touch_px + 1})) {
            if (!on_crossing) {
                const bool reached = missed == 0 || (passed ? missed <= opt.max_gap_px / 3 : anchored);
                if (!reached) return last;
                last = {x, y};
                on_crossing = true;
            }
            missed = 0;
            continue;
        }
        if (on_crossing) {
            on_crossing = false;
            passed = true;
            stretch_start = x;
            seen = 0;
        }
        const int at = ridge_at(m, labels.cols, labels.rows, x, y, half, opt);
        // A slope of one in fifty at most (a page photographed not flat).
        if (at < 0 || std::abs(at - end.y) > 2 + std::abs(x - end.x) / 50) {
            ++missed;
            continue;
        }
        y = at;
        missed = 0;
        // Two thirds of the way on the ridge, or the walk has left the rule.
        if (3 * ++seen >= 2 * std::abs(x - stretch_start)) last = {x, y};
    }
    return last;
}

// A stretch of rule from a to b (left to right or back) as thick as
// `thickness` but no longer: a thick line's round ends would carry it past
// the rule it ends on, whose far side then no longer counts as met.
void draw_stretch(cv::Mat& mask, cv::Point a, cv::Point b, int thickness) {
    const int inset = thickness / 2, dx = b.x > a.x ? 1 : -1;
    if (std::abs(b.x - a.x) <= 2 * inset) return cv::line(mask, a, b, 255, 1);
    cv::line(mask, {a.x + dx * inset, a.y}, {b.x - dx * inset, b.y}, 255, thickness);
    cv::line(mask, a, b, 255, 1);
}

// The horizontal case; vertical rules are followed on the transposed images.
void follow_along_x(cv::Mat& along, const cv::Mat& across, const cv::Mat& gray, const cv::Mat& ink,
                    const FaintRuleOptions& opt) {
    const Means m(gray);
    cv::Mat labels, stats;
    const int n = connected_components(along, labels, stats, 8);
    cv::Mat found = cv::Mat::zeros(along.size(), CV_8UC1);
    for (int i = 1; i < n; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        if (w < opt.min_length_px) continue;
        const PieceEnds piece = piece_ends(labels, stats, i);
        // As thick as a rule is printed at least: drawn as thin as what the
        // threshold kept of a faded piece, the rules that meet it from the
        // side would stop short of it.
        const int thickness = std::clamp(piece.thickness, opt.touch_px, 2 * opt.touch_px);
        const int half = std::clamp(piece.thickness / 2, 1, 4);
        const cv::Point ends[] = {piece.first, piece.last};
        draw_stretch(found, ends[0], ends[1], thickness);
        bool meets[2];
        for (int side = 0; side < 2; ++side) meets[side] = meets_rule(across, ends[side], opt.touch_px);
        for (int side = 0; side < 2; ++side) {
            if (meets[side]) continue;
            const cv::Point e = ends[side];
            const bool anchored = meets[1 - side] || w >= opt.anchored_length_px;
            const cv::Point to = follow(m, labels, stats, across, i, e, side == 0 ? -1 : 1, half, anchored, opt);
            const bool through_text = side == 0 ? crosses_strokes(ink, across, to, e, opt.touch_px)
                                                : crosses_strokes(ink, across, e, to, opt.touch_px);
            if (to != e && !through_text) draw_stretch(found, e, to, thickness);
        }
    }
    along |= found;
}

}  // namespace

void follow_faint_rules(LineMasks& lines, const cv::Mat& gray, const cv::Mat& ink, const FaintRuleOptions& opt) {
    // Both directions see the other's rules as they were found.
    const cv::Mat horizontal_found = lines.horizontal.clone();
    follow_along_x(lines.horizontal, lines.vertical, gray, ink, opt);
    cv::Mat along = lines.vertical.t(), across = horizontal_found.t();
    follow_along_x(along, across, gray.t(), ink.t(), opt);
    lines.vertical = along.t();
}

}  // namespace nianbao

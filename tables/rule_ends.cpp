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

// Walks from (x, y) in direction dx until a crossing rule or another piece
// of a rule along this one.
Reach reach(const cv::Mat& along, const cv::Mat& across, int x, int y, int dx, const RuleEndOptions& opt) {
    for (int d = 1; d <= opt.max_reach_px; ++d) {
        const int xx = x + dx * d;
        if (xx < 0 || xx >= along.cols) break;
        if (any_set_in(across, {xx, y - opt.touch_px, 1, 2 * opt.touch_px + 1})) return {Stop::crossing, d};
        // Only a piece in line, not the rule of the next row.
        if (any_set_in(along, {xx, y - 2, 1, 5})) return {Stop::in_line, d};
    }
    return {};
}

// How far past the crossing rule it meets the end (x, y) of a rule goes on
// in direction dx as dashes, up to the next crossing rule; 0 if it does not.
// Dashes of a rule lie on its row with paper above and below; a line of
// text beside a rule has its glyphs off the row too.
int dashed_beyond(const cv::Mat& across, const cv::Mat& ink, int x, int y, int dx, const RuleEndOptions& opt) {
    if (ink.empty()) return 0;
    const int t = opt.touch_px;
    const auto crossing_at = [&](int xx) { return any_set_in(across, {xx, y - t, 1, 2 * t + 1}); };
    const auto ink_in = [&](int xx, int y0, int y1) { return any_set_in(ink, {xx, y0, 1, y1 - y0 + 1}); };
    int d = 1;
    while (d <= 3 * t && crossing_at(x + dx * d)) ++d;  // the crossing rule itself
    const int start = d;
    int on = 0, beside = 0;
    for (; d <= opt.max_reach_px; ++d) {
        const int xx = x + dx * d;
        if (xx < 0 || xx >= ink.cols) return 0;
        if (crossing_at(xx)) break;
        on += ink_in(xx, y - opt.on_px, y + opt.on_px);
        beside += ink_in(xx, y - opt.beside_to_px, y - opt.beside_from_px) ||
                  ink_in(xx, y + opt.beside_from_px, y + opt.beside_to_px);
    }
    const int way = d - start;
    if (d > opt.max_reach_px || way < 2 * t) return 0;
    if (on < opt.min_dashed * way || beside > opt.max_beside * way) return 0;
    const cv::Point from{x + dx * start, y}, to{x + dx * d, y};
    return crosses_strokes(ink, across, dx > 0 ? from : to, dx > 0 ? to : from, t) ? 0 : d;
}

// The horizontal case; vertical rules are joined on the transposed masks.
void join_along_x(cv::Mat& along, const cv::Mat& across, const cv::Mat& ink, const RuleEndOptions& opt) {
    cv::Mat labels, stats;
    const int n = connected_components(along, labels, stats, 8);
    cv::Mat joins = cv::Mat::zeros(along.size(), CV_8UC1);
    for (int i = 1; i < n; ++i) {
        if (stats.at<int>(i, cv::CC_STAT_WIDTH) < opt.min_length_px) continue;
        const PieceEnds piece = piece_ends(labels, stats, i);
        const int x0 = piece.first.x, y0 = piece.first.y, x1 = piece.last.x, y1 = piece.last.y;
        const int t = opt.touch_px;
        const bool meets0 = meets_rule(across, piece.first, t), meets1 = meets_rule(across, piece.last, t);
        // An end anchors the piece when it meets a crossing rule or runs a
        // little past one (a photocopy's smeared rule overshoots the table's
        // border): the piece is a rule, and its other end may be carried on.
        const auto anchored = [&](bool meets, cv::Point end, int inward) {
            for (int d = 1; d <= 3 * t && !meets; ++d) meets = meets_rule(across, {end.x + inward * d, end.y}, t);
            return meets;
        };
        const bool anchor0 = anchored(meets0, piece.first, +1), anchor1 = anchored(meets1, piece.last, -1);
        const int thickness = std::clamp(piece.thickness, 1, 3);
        // An end that meets a crossing rule a few pixels short of it (the
        // crossing rule faded where they meet) is drawn up to it: the cells
        // on either side must not run into each other through the gap.
        const auto carried = [&](bool meets, bool other_meets, const Reach& r) {
            if (meets) return r.stop == Stop::crossing && r.distance <= t;
            return r.stop == Stop::in_line || (r.stop == Stop::crossing && other_meets);
        };
        if (meets0)
            if (const int d = dashed_beyond(across, ink, x0, y0, -1, opt)) cv::line(joins, {x0 - d, y0}, {x0, y0}, 255, thickness);
        if (meets1)
            if (const int d = dashed_beyond(across, ink, x1, y1, +1, opt)) cv::line(joins, {x1, y1}, {x1 + d, y1}, 255, thickness);
        const Reach r0 = reach(along, across, x0, y0, -1, opt);
        if (carried(meets0, anchor1, r0) &&
            !crosses_strokes(ink, across, {x0 - r0.distance, y0}, {x0, y0}, opt.touch_px))
            cv::line(joins, {x0 - r0.distance, y0}, {x0, y0}, 255, thickness);
        const Reach r1 = reach(along, across, x1, y1, +1, opt);
        if (carried(meets1, anchor0, r1) &&
            !crosses_strokes(ink, across, {x1 + 1, y1}, {x1 + r1.distance, y1}, opt.touch_px))
            cv::line(joins, {x1, y1}, {x1 + r1.distance, y1}, 255, thickness);
    }
    along |= joins;
}

}  // namespace

void join_broken_rules(LineMasks& lines, const RuleEndOptions& opt, const cv::Mat& ink) {
    // Both directions see the other's rules as they were found, not as
    // joined, so the result does not depend on which goes first. A second
    // pass carries on the pieces that the first joined to a short one in
    // line with them: anchored only through it, they were not carried before.
    const cv::Mat horizontal_found = lines.horizontal.clone();
    const cv::Mat ink_t = ink.empty() ? ink : cv::Mat(ink.t());
    cv::Mat along = lines.vertical.t(), across = horizontal_found.t();
    for (int pass = 0; pass < 2; ++pass) {
        join_along_x(lines.horizontal, lines.vertical, ink, opt);
        join_along_x(along, across, ink_t, opt);
    }
    lines.vertical = along.t();
}

}  // namespace nianbao

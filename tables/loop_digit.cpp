#include "tables/loop_digit.h"

#include <cmath>
#include <utility>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "tables/components.h"

namespace nianbao {

namespace {

// The largest connected shape of the ink (the glyph) and its loops, the
// loops' rows as fractions of its height.
struct GlyphLoops {
    cv::Rect box;
    std::vector<cv::Rect2d> loops;  // in fractions of the glyph's width and height
    std::vector<double> fills;      // the share of each loop's box that is the loop
    int tall_marks = 0;  // shapes at least half as tall as the glyph, itself too
};

std::optional<GlyphLoops> glyph_loops(const cv::Mat& ink) {
    cv::Mat labels, stats;
    const int n = connected_components(ink, labels, stats, 8);
    int glyph = 0;
    for (int i = 1; i < n; ++i)
        if (glyph == 0 || stats.at<int>(i, cv::CC_STAT_AREA) > stats.at<int>(glyph, cv::CC_STAT_AREA)) glyph = i;
    if (glyph == 0) return std::nullopt;
    GlyphLoops out;
    out.box = component_box(stats, glyph);
    if (out.box.height < 8 || out.box.width < 4) return std::nullopt;  // too small to have loops worth the name
    for (int i = 1; i < n; ++i) out.tall_marks += 2 * stats.at<int>(i, cv::CC_STAT_HEIGHT) >= out.box.height;
    // The glyph alone, with a margin of paper: its loops are the paper
    // shapes that do not reach the margin.
    const cv::Rect box = out.box;
    cv::Mat paper(box.height + 2, box.width + 2, CV_8UC1, cv::Scalar(255));
    paper(cv::Rect(1, 1, box.width, box.height)).setTo(0, labels(box) == glyph);
    cv::Mat holes, hole_stats;
    const int m = connected_components(paper, holes, hole_stats, 4);
    const int outside = holes.at<int>(0, 0);
    const int min_area = std::max(4, box.area() / 40);  // a pinhole in a thick stroke is no loop
    const double w = box.width, h = box.height;
    for (int i = 1; i < m; ++i)
        if (i != outside && hole_stats.at<int>(i, cv::CC_STAT_AREA) >= min_area) {
            const cv::Rect loop = component_box(hole_stats, i) - cv::Point(1, 1);
            out.loops.push_back({loop.x / w, loop.y / h, loop.width / w, loop.height / h});
            out.fills.push_back(hole_stats.at<int>(i, cv::CC_STAT_AREA) / double(loop.area()));
        }
    return out;
}

}  // namespace

std::optional<char> loop_digit(const cv::Mat& ink) {
    const auto g = glyph_loops(ink);
    if (!g) return std::nullopt;
    if (g->loops.size() == 2) return '8';
    if (g->loops.size() != 1) return std::nullopt;
    const double top = g->loops[0].y, bottom = g->loops[0].br().y;
    // A 9's loop ends above 0.6 of its height (0.42-0.57 in the
    // report fonts); one that reaches lower is a 0's whose foot a speck
    // fused under it has lengthened (photocopy150 r011: 0.62, read 9 by both
    // readers).
    if (top < 0.3 && bottom > 0.6) return '0';
    if (top < 0.3) return '9';
    if (top > 0.3 && bottom > 0.7) return '6';
    return std::nullopt;
}

bool lone_zero(const cv::Mat& ink) {
    const auto g = glyph_loops(ink);
    if (!g || g->tall_marks != 1 || g->loops.size() != 1) return false;
    // A 0's loop is its middle, as far from its top as from its foot
    // (0.04-0.97 of its height in the report fonts, 0.17-0.80 on a
    // photocopy's thickened strokes), and an oval: it fills 0.75-0.88 of its
    // box. A 4's triangle fills 0.53-0.57 (and a scan can leave it the
    // middle: a clean 300 dpi UMing 4), a 6's and a 9's loops are its lower
    // and upper halves. A 0 is narrower than tall (0.58-0.75), with a speck
    // fused to its side too: two digits run together (a photocopied 30 or
    // 22) are wider.
    const cv::Rect2d& loop = g->loops[0];
    const bool middle = loop.height >= 0.45 && std::abs(loop.y - (1 - loop.br().y)) <= 0.1;
    return g->box.width <= g->box.height && middle && g->fills[0] >= 0.68;
}

}  // namespace nianbao

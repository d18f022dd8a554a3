#pragma once
// Ruling lines of a page image, found by morphology: a horizontal line is what
// survives an opening with a long flat kernel, a vertical one likewise.

#include <algorithm>
#include <vector>

#include <opencv2/core.hpp>

#include "tables/geometry.h"

namespace nianbao {

struct LineMasks {
    cv::Mat horizontal;  // 255 where a horizontal rule is
    cv::Mat vertical;
};

struct LineOptions {
    int min_length_px = 12;   // shorter dark runs are text strokes, not rules
    int max_thickness_px = 6; // thicker dark areas are fills, not rules
    int gap_px = 3;           // bridge breaks this long in a rule

    // Relative to the page's resolution, not to one scanner.
    static LineOptions for_dpi(double dpi) {
        return {std::max(8, int(dpi / 12)), std::max(3, int(dpi * 0.06)), std::max(2, int(dpi * 0.03))};
    }
};

// `ink` is a binary image (255 = dark), ideally without text (see
// ruling_ink), so that min_length can stay short.
LineMasks find_lines(const cv::Mat& ink, const LineOptions& opt);

// The ink pixels (255 = ink) that belong to connected shapes
// at least `min_extent_px` wide or tall and lying mostly outside the known
// text boxes (pixels; none for a scan). A glyph is a small shape; the rules
// of a table are one large shape, and hardly any of it is inside text; a run
// of glyphs that touch each other is large, but inside text.
cv::Mat ruling_ink(const cv::Mat& ink, int min_extent_px, const std::vector<Box>& text_px);

// The ink pixels (255 = ink) of connected shapes at least `min_extent_px`
// wide or tall that touch a rule of `lines`. A rule broken on both sides of
// a crossing leaves a shape like a T or an L, too short for ruling_ink and
// too square for a piece of a rule; once the rules around it are found, it
// touches them.
cv::Mat ink_touching_rules(const cv::Mat& ink, const LineMasks& lines, int min_extent_px);

// Whether `mask` has any set pixel in `r` (clipped to the image); for the
// stages that carry rule pieces on (rule_ends, faint_rules).
bool any_set_in(const cv::Mat& mask, cv::Rect r);

// A horizontal rule piece, component `label` of `labels` and `stats`
// (connected_components): its left and right ends, each at the middle of
// its pixels there, and its mean thickness.
struct PieceEnds {
    cv::Point first, last;
    int thickness;
};
PieceEnds piece_ends(const cv::Mat& labels, const cv::Mat& stats, int label);

// Whether a rule of `across` lies within `touch` pixels of `at` either way.
bool meets_rule(const cv::Mat& across, cv::Point at, int touch);

// Whether the way from `from` to `to` (left to right, nearly level) runs
// through text rather than along a faded rule: strokes of `ink` (255 = ink,
// without grain) cross it there, solid for `reach` pixels on both sides and
// going on beyond, in more than a few places other than the rules of
// `across` that cross it.
bool crosses_strokes(const cv::Mat& ink, const cv::Mat& across, cv::Point from, cv::Point to, int reach);

}  // namespace nianbao

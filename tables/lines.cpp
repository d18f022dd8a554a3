#include "tables/lines.h"

#include <opencv2/imgproc.hpp>

#include "tables/components.h"

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
    cv::Mat labels, stats;
    const int n = connected_components(mask, labels, stats, 8);
    std::vector<uchar> thick(size_t(n), 0);
    for (int i = 1; i < n; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        const int length = horizontal ? w : h;
        // Mean thickness, so a long rule that touches a letter stays a rule.
        thick[size_t(i)] = length > 0 && area / length > max_thickness;
    }
    if (std::find(thick.begin(), thick.end(), 1) != thick.end()) clear_components(mask, labels, thick);
}

// The row of a rule piece (label `label` of `labels`, spanning rows
// [top, top + height)) in column x: the middle of its pixels there.
int piece_row_at(const cv::Mat& labels, int label, int x, int top, int height) {
    long sum = 0, n = 0;
    for (int y = top; y < top + height; ++y)
        if (labels.at<int>(y, x) == label) sum += y, ++n;
    return n ? int(sum / n) : top + height / 2;
}

}  // namespace

cv::Mat ruling_ink(const cv::Mat& all_ink, int min_extent_px, const std::vector<Box>& text_px) {
    cv::Mat labels, stats;
    const int n = connected_components(all_ink, labels, stats, 8);

    std::vector<int> inside_text(size_t(n), 0);
    if (!text_px.empty()) {
        cv::Mat text = cv::Mat::zeros(all_ink.size(), CV_8UC1);
        for (const Box& b : text_px)
            cv::rectangle(text, cv::Point(int(b.x0), int(b.y0)), cv::Point(int(b.x1), int(b.y1)), 255, cv::FILLED);
        for (int y = 0; y < all_ink.rows; ++y) {
            const int* l = labels.ptr<int>(y);
            const uchar* t = text.ptr<uchar>(y);
            for (int x = 0; x < all_ink.cols; ++x)
                if (l[x] && t[x]) ++inside_text[size_t(l[x])];
        }
    }

    std::vector<uchar> keep(size_t(n), 0);
    for (int i = 1; i < n; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int extent = std::max(w, h), breadth = std::max(1, std::min(w, h));
        // A piece of a broken or faded rule is short but thin and straight:
        // longer than a glyph's stroke and eight times as long as it is thick.
        const bool rule_piece = extent >= min_extent_px / 2 && extent >= 8 * breadth;
        keep[size_t(i)] = (extent >= min_extent_px || rule_piece) && 2 * inside_text[size_t(i)] < stats.at<int>(i, cv::CC_STAT_AREA);
    }
    cv::Mat ink(all_ink.size(), CV_8UC1);
    for (int y = 0; y < ink.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        uchar* p = ink.ptr<uchar>(y);
        for (int x = 0; x < ink.cols; ++x) p[x] = keep[size_t(l[x])] ? 255 : 0;
    }
    return ink;
}

bool any_set_in(const cv::Mat& mask, cv::Rect r) {
    r &= cv::Rect(0, 0, mask.cols, mask.rows);
    return r.area() > 0 && cv::countNonZero(mask(r)) > 0;
}


PieceEnds piece_ends(const cv::Mat& labels, const cv::Mat& stats, int label) {
    const int x0 = stats.at<int>(label, cv::CC_STAT_LEFT), w = stats.at<int>(label, cv::CC_STAT_WIDTH);
    const int top = stats.at<int>(label, cv::CC_STAT_TOP), h = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    const int x1 = x0 + w - 1;
    return {{x0, piece_row_at(labels, label, x0, top, h)},
            {x1, piece_row_at(labels, label, x1, top, h)},
            stats.at<int>(label, cv::CC_STAT_AREA) / w};
}

bool meets_rule(const cv::Mat& across, cv::Point at, int touch) {
    return any_set_in(across, {at.x - touch, at.y - touch, 2 * touch + 1, 2 * touch + 1});
}

bool crosses_strokes(const cv::Mat& ink, const cv::Mat& across, cv::Point from, cv::Point to, int reach) {
    if (ink.empty() || to.x <= from.x) return false;
    // A stroke of type crossing the way is a few pixels wide and goes on
    // above or below it; solid ink with paper above and below is a thick
    // stretch of the rule itself (a photocopy's smeared bit of rule, left as
    // a dash). Longer solid ink is the rule's own where paper lies beside it,
    // though a speck may touch it here and there; where ink spreads beside
    // it all along, it is the body of a bold glyph the way runs through (a
    // photocopy's 复 on a column rule's line).
    const int widest_stroke = 3 * (2 * reach + 1);
    const int spill_from = reach + 3, spill_to = 3 * reach;
    int crossed = 0, run = 0, spilling = 0;
    const auto end_run = [&] {
        if (run <= widest_stroke ? spilling > 0 : 2 * spilling >= run) crossed += run;
        run = 0;
        spilling = 0;
    };
    const auto ink_at = [&](int x, int y0, int y1) { return any_set_in(ink, {x, y0, 1, y1 - y0 + 1}); };
    for (int x = std::max(0, from.x); x <= std::min(ink.cols - 1, to.x); ++x) {
        const int y = from.y + (to.y - from.y) * (x - from.x) / (to.x - from.x);
        bool solid = y - reach >= 0 && y + reach < ink.rows && !any_set_in(across, {x - 1, y - reach, 3, 2 * reach + 1});
        for (int d = -reach; d <= reach && solid; ++d) solid = ink.at<uchar>(y + d, x) != 0;
        if (solid) {
            ++run;
            spilling += ink_at(x, y - spill_to, y - spill_from) || ink_at(x, y + spill_from, y + spill_to);
        } else {
            end_run();
        }
    }
    end_run();
    // A rule's own ink is not that thick across, and a speck not that long.
    return crossed > 2 * reach;
}

cv::Mat ink_touching_rules(const cv::Mat& ink, const LineMasks& lines, int min_extent_px) {
    cv::Mat labels, stats;
    const int n = connected_components(ink, labels, stats, 8);
    cv::Mat rules;
    cv::dilate(lines.horizontal | lines.vertical, rules, cv::Mat::ones(3, 3, CV_8UC1));
    std::vector<uchar> touches(size_t(n), 0);
    for (int y = 0; y < ink.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        const uchar* r = rules.ptr<uchar>(y);
        for (int x = 0; x < ink.cols; ++x)
            if (l[x] && r[x]) touches[size_t(l[x])] = 1;
    }
    cv::Mat out = cv::Mat::zeros(ink.size(), CV_8UC1);
    for (int i = 1; i < n; ++i) {
        const int extent = std::max(stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
        if (!touches[size_t(i)] || extent < min_extent_px) continue;
        const cv::Rect box = component_box(stats, i);
        out(box).setTo(255, labels(box) == i);
    }
    return out;
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

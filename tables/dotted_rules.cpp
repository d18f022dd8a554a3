#include "tables/dotted_rules.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "tables/components.h"

namespace nianbao {
namespace {

// Whether the ink on the trail `box` of `loose` is the feet of several
// glyphs: the serifs of a line of 1s, a 2's foot and a point between them
// close into a thin line with little ink beside it (the glyphs' stems are
// narrow), but most of it is the foot of a mark reaching far above it, and
// of more than one: a faded rule's specks are as thin as the rule, and a
// piece of rule that a character touches is one mark all along.
bool feet_of_glyphs(const cv::Mat& loose, cv::Rect box, const DottedRuleOptions& opt) {
    const cv::Rect around = cv::Rect(box.x, box.y - opt.glyph_px, box.width, box.height + 2 * opt.glyph_px) &
                            cv::Rect(0, 0, loose.cols, loose.rows);
    cv::Mat labels, stats;
    const int n = connected_components(loose(around), labels, stats, 8);
    std::vector<int> columns(size_t(n), 0);  // of each glyph, on the trail
    const int y0 = box.y - around.y;
    int on = 0;
    for (int x = 0; x < around.width; ++x) {
        bool ink = false;
        int glyph = 0;
        for (int y = y0; y < y0 + box.height; ++y) {
            const int label = labels.at<int>(y, x);
            if (!label) continue;
            ink = true;
            if (stats.at<int>(label, cv::CC_STAT_HEIGHT) >= box.height + opt.glyph_px) glyph = label;
        }
        on += ink;
        if (glyph) ++columns[size_t(glyph)];
    }
    const int on_glyph = std::accumulate(columns.begin(), columns.end(), 0);
    const int widest = *std::max_element(columns.begin(), columns.end());
    return on > 0 && on_glyph > opt.max_glyphs * on && widest <= opt.max_glyphs * on;
}

// The horizontal case; vertical rules are found on the transposed images.
cv::Mat dotted_along_x(const cv::Mat& ink, const cv::Mat& found, const cv::Mat& across, const DottedRuleOptions& opt) {
    // Ink of the rules already found, and just beside them, is theirs.
    cv::Mat loose = ink.clone(), theirs;
    cv::dilate(found, theirs, cv::getStructuringElement(cv::MORPH_RECT, {3, 2 * opt.clear_from_px + 1}));
    loose.setTo(0, theirs);

    // Pieces of the rule already found count toward a trail's length: a
    // rule found along half a cell and dotted along the rest is closed up.
    cv::Mat trail = loose | found;
    cv::morphologyEx(trail, trail, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {opt.gap_px, 1}));
    cv::morphologyEx(trail, trail, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {opt.min_length_px, 1}));

    cv::Mat labels, stats;
    const int n = connected_components(trail, labels, stats, 8);
    std::vector<uchar> drop(size_t(n), 0);
    for (int i = 1; i < n; ++i) {
        const cv::Rect box = component_box(stats, i);
        const int x0 = box.x, y0 = box.y, w = box.width, h = box.height;
        // A line of text closed up is a band as high as its glyphs.
        if (stats.at<int>(i, cv::CC_STAT_AREA) / w > 2 * opt.max_thickness_px || h > 3 * opt.max_thickness_px) {
            drop[size_t(i)] = 1;
            continue;
        }
        // The foot or the top stroke of a line of glyphs closes into a thin
        // line too, but the glyphs' other strokes stand beside it; a rule has
        // paper on both sides. And its specks cover much of its length.
        const int reach = opt.clear_to_px - opt.clear_from_px + 1;
        int beside = 0, on = 0;
        for (int x = x0; x < x0 + w; ++x) {
            beside += any_set_in(loose, {x, y0 - opt.clear_to_px, 1, reach}) ||
                      any_set_in(loose, {x, y0 + h - 1 + opt.clear_from_px, 1, reach});
            on += any_set_in(loose, {x, y0, 1, h}) || any_set_in(found, {x, y0, 1, h});
        }
        // A trail free at both ends lies inside a cell, as the feet of its
        // text do; a faded rule runs on to the rules it meets, and text
        // touching it here and there makes it no line of type.
        const auto meets = [&](int x) {
            return any_set_in(across, {x - opt.touch_px, y0 - opt.touch_px, 2 * opt.touch_px + 1, h + 2 * opt.touch_px});
        };
        const bool inside_cell = !meets(x0) && !meets(x0 + w - 1) &&
                                 !any_set_in(found, {x0 - opt.touch_px, y0 - opt.touch_px, w + 2 * opt.touch_px, h + 2 * opt.touch_px});
        drop[size_t(i)] = beside > opt.max_beside * w || on < opt.min_on * w || (inside_cell && feet_of_glyphs(loose, box, opt));
        if (drop[size_t(i)]) continue;
        // A trail that takes in a rule already found bridges its breaks, up
        // to the rules it meets; carried past them it would run out of the
        // table on a speck or two (rule_ends carries free ends).
        int first = -1, last = -1;
        for (int x = x0; x < x0 + w; ++x)
            if (any_set_in(found, {x, y0, 1, h}) || any_set_in(across, {x, y0 - opt.touch_px, 1, h + 2 * opt.touch_px})) {
                if (first < 0) first = x;
                last = x;
            }
        if (first < 0 || !any_set_in(found, {x0, y0, w, h})) continue;
        for (int y = y0; y < y0 + h; ++y)
            for (int x = x0; x < x0 + w; ++x)
                if ((x < first || x > last) && labels.at<int>(y, x) == i) trail.at<uchar>(y, x) = 0;
    }
    clear_components(trail, labels, drop);
    return trail;
}

// What the sparse trails are judged on, one lookup per pixel: where a
// crossing rule is within touch of the row, where ink lies on the row, and
// where ink lies beside it (above or below, clear of the row itself).
struct RowEvidence {
    cv::Mat crossing, on, beside;

    RowEvidence(const cv::Mat& loose, const cv::Mat& specks, const cv::Mat& across, const DottedRuleOptions& opt) {
        cv::dilate(across, crossing, cv::getStructuringElement(cv::MORPH_RECT, {1, 2 * opt.touch_px + 1}));
        const int on_px = opt.clear_from_px - 1;
        cv::dilate(specks, on, cv::getStructuringElement(cv::MORPH_RECT, {1, 2 * on_px + 1}));
        cv::Mat bands = cv::Mat::zeros(2 * opt.clear_to_px + 1, 1, CV_8UC1);
        for (int d = opt.clear_from_px + 1; d <= opt.clear_to_px; ++d)
            bands.at<uchar>(opt.clear_to_px - d) = bands.at<uchar>(opt.clear_to_px + d) = 1;
        cv::dilate(loose, beside, bands);
    }
};

// What row y shows along the stretch [a, b): in how many of its pieces of
// `chunk_px` a speck stands, and along how much of it ink lies beside the
// row. A speck stands alone: the stroke of a glyph that crosses the row
// (the middle of a 0) has ink above and below it.
struct Trail {
    int chunks = 0, specked = 0, specks = 0, beside = 0, length = 0;  // specks: columns with one
    Trail& operator+=(const Trail& o) {
        chunks += o.chunks, specked += o.specked, specks += o.specks, beside += o.beside, length += o.length;
        return *this;
    }
};

Trail trail_on_row(const RowEvidence& ev, int a, int b, int y, const DottedRuleOptions& opt) {
    Trail t;
    t.length = b - a;
    t.chunks = std::max(1, t.length / opt.chunk_px);
    std::vector<uchar> specked(size_t(t.chunks), 0);
    const uchar* on = ev.on.ptr<uchar>(y);
    const uchar* beside = ev.beside.ptr<uchar>(y);
    for (int x = a; x < b; ++x) {
        t.beside += beside[x] != 0;
        if (!beside[x] && on[x]) {
            ++t.specks;
            specked[size_t(std::min(t.chunks - 1, (x - a) / opt.chunk_px))] = 1;
        }
    }
    t.specked = int(std::count(specked.begin(), specked.end(), 1));
    return t;
}

// The crossing rule met walking from x in direction dx along row y within
// `reach`, or -1.
int crossing_from(const RowEvidence& ev, int x, int y, int dx, int reach) {
    const uchar* crossing = ev.crossing.ptr<uchar>(y);
    for (int d = 0; d <= reach; ++d) {
        const int xx = x + dx * d;
        if (xx < 0 || xx >= ev.crossing.cols) break;
        if (crossing[xx]) return xx;
    }
    return -1;
}

// The stretches of row y between a and b that lie between crossing rules.
std::vector<cv::Range> between_crossings(const RowEvidence& ev, int a, int b, int y) {
    std::vector<cv::Range> out;
    const uchar* crossing = ev.crossing.ptr<uchar>(y);
    int start = -1;
    for (int x = a; x <= b; ++x) {
        if (crossing[x] && start >= 0) {
            out.push_back({start, x});
            start = -1;
        } else if (!crossing[x] && start < 0) {
            start = x;
        }
    }
    return out;
}

// Sparser trails — a fax's hairline between two rows, kept as a dot every
// few millimetres — are rules only from one crossing rule to another, with
// specks all along and paper beside.
cv::Mat sparse_along_x(const cv::Mat& loose, const cv::Mat& across, const DottedRuleOptions& opt) {
    cv::Mat trail;
    // The pieces of a trail are short along it; the stroke of a 1 is as
    // long as a digit is high, and a column of 1s in the middle of their
    // cells is no rule.
    cv::Mat specks = loose.clone();
    {
        cv::Mat labels, stats;
        const int pieces = connected_components(loose, labels, stats, 8);
        std::vector<uchar> long_piece(size_t(pieces), 0);
        for (int i = 1; i < pieces; ++i) long_piece[size_t(i)] = stats.at<int>(i, cv::CC_STAT_WIDTH) > opt.max_speck_px;
        clear_components(specks, labels, long_piece);
    }
    cv::morphologyEx(specks, trail, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {opt.sparse_gap_px, 1}));
    cv::morphologyEx(trail, trail, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {opt.sparse_gap_px / 2, 1}));
    cv::Mat labels, stats;
    const int n = connected_components(trail, labels, stats, 8);
    const RowEvidence ev(loose, specks, across, opt);
    cv::Mat drawn = cv::Mat::zeros(loose.size(), CV_8UC1);
    std::set<std::tuple<int, int, int>> judged;  // rows and spans already looked at
    for (int i = 1; i < n; ++i) {
        const cv::Rect box = component_box(stats, i);
        const int x0 = box.x, y0 = box.y, w = box.width, h = box.height;
        if (h > 3 * opt.max_thickness_px) continue;  // a line of text closed up
        const int y = y0 + h / 2;
        const int a = crossing_from(ev, x0, y, -1, opt.max_reach_px);
        const int b = crossing_from(ev, x0 + w - 1, y, +1, opt.max_reach_px);
        if (a < 0 || b < 0 || !judged.insert({y, a, b}).second) continue;
        // Cells in a row, each with specks and paper beside, make a rule
        // when together they have specks all along: a line of text in one
        // of them parts the run, and one speck in a cell is no rule.
        const auto stretches = between_crossings(ev, a, b, y);
        for (size_t s = 0; s < stretches.size();) {
            size_t e = s;
            Trail run;
            for (; e < stretches.size(); ++e) {
                const Trail t = trail_on_row(ev, stretches[e].start, stretches[e].end, y, opt);
                if (t.specked == 0 || t.beside > opt.max_beside_sparse * t.length) break;
                run += t;
            }
            // Grain lies on the row as often as beside it; a trail's specks
            // keep to the row — a dense trail may have a little more beside it.
            const double contrast = run.specks >= opt.dense_share * run.length ? opt.dense_row_contrast : opt.min_row_contrast;
            if (run.specked >= opt.min_specks && run.specked >= opt.min_specked * run.chunks &&
                run.specks >= contrast * run.beside && run.specks >= opt.min_speck_share * run.length) {
                for (size_t k = s; k < e; ++k) cv::line(drawn, {stretches[k].start - 1, y}, {stretches[k].end, y}, 255, 2);
            }
            s = e + 1;
        }
    }
    return drawn;
}

}  // namespace

void find_dotted_rules(LineMasks& lines, const cv::Mat& ink, const DottedRuleOptions& opt) {
    const cv::Mat horizontal = dotted_along_x(ink, lines.horizontal, lines.vertical, opt);
    const cv::Mat vertical = dotted_along_x(ink.t(), lines.vertical.t(), lines.horizontal.t(), opt);
    lines.horizontal |= horizontal;
    lines.vertical |= vertical.t();
    // Both directions see the other's rules as they were, so that the
    // result does not depend on which goes first.
    cv::Mat loose = ink.clone(), rules;
    cv::dilate(lines.horizontal | lines.vertical, rules,
               cv::getStructuringElement(cv::MORPH_RECT, {2 * opt.clear_from_px + 1, 2 * opt.clear_from_px + 1}));
    loose.setTo(0, rules);
    const cv::Mat h = sparse_along_x(loose, lines.vertical, opt);
    const cv::Mat v = sparse_along_x(loose.t(), lines.horizontal.t(), opt);
    lines.horizontal |= h;
    lines.vertical |= v.t();
}

}  // namespace nianbao

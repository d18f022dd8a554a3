#include "tables/grid.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "tables/components.h"
#include "tables/region_parts.h"

namespace nianbao {
namespace {

Box box_of(const cv::Mat& stats, int i, int dx = 0, int dy = 0) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT) + dx, y = stats.at<int>(i, cv::CC_STAT_TOP) + dy;
    return {double(x), double(y), double(x + stats.at<int>(i, cv::CC_STAT_WIDTH)),
            double(y + stats.at<int>(i, cv::CC_STAT_HEIGHT))};
}

// The regions a table's rules enclose. The bounding rectangle is drawn in
// first because many reports leave the table's outer sides unruled.
std::vector<Box> enclosed_cells(cv::Mat region, const cv::Rect& r, const GridOptions& opt) {
    cv::rectangle(region, cv::Rect(0, 0, region.cols, region.rows), 255, 1);
    cv::Mat background = 255 - region;
    // No cell is narrower than min_cell_px. Narrower background is a sliver
    // between an askew rule and the drawn rectangle, or a doubled rule's
    // gap; running along the table it would join the cells it passes into
    // one region whose box covers rows of other cells (a spanning label
    // column leaking along a doubled rule to the far side). Opening the
    // background cuts such slivers away.
    const int sliver = std::max(1, opt.min_cell_px / 2);
    cv::morphologyEx(background, background, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, {sliver, sliver}));
    cv::Mat labels, stats;
    const int n = connected_components(background, labels, stats, 4);
    std::vector<Box> cells;
    for (int i = 1; i < n; ++i) {
        if (stats.at<int>(i, cv::CC_STAT_WIDTH) < opt.min_cell_px || stats.at<int>(i, cv::CC_STAT_HEIGHT) < opt.min_cell_px)
            continue;
        const Box b = box_of(stats, i, r.x, r.y);
        const cv::Rect local(int(b.x0) - r.x, int(b.y0) - r.y, int(b.width()), int(b.height()));
        // Most regions are rectangles; others are cells run together through
        // a gap in a faded rule, and are cut apart again.
        std::vector<cv::Rect> parts{{0, 0, local.width, local.height}};
        if (stats.at<int>(i, cv::CC_STAT_AREA) < local.area()) {
            const cv::Mat mask = labels(local) == i;
            parts = rectangular_parts(mask, opt.min_cell_px, sliver);
            // A part that still fills far less of its box has leaked through
            // the gaps of a broken rule: the white around a table whose outer
            // rules are faded, say, reaching into half its cells. Read as one
            // cell it would be the whole table at once, neither label nor
            // number, and the slowest cell of the page.
            std::erase_if(parts, [&](const cv::Rect& p) { return fill(mask, p) < opt.min_cell_fill; });
        }
        for (const cv::Rect& p : parts)  // out to the middle of the surrounding rules
            cells.push_back({b.x0 + p.x - 1, b.y0 + p.y - 1, b.x0 + p.x + p.width + 1, b.y0 + p.y + p.height + 1});
    }
    std::sort(cells.begin(), cells.end(), [](const Box& a, const Box& b) {
        return a.y0 != b.y0 ? a.y0 < b.y0 : a.x0 < b.x0;
    });
    return cells;
}

}  // namespace

std::vector<TableGrid> find_tables(const LineMasks& lines, const GridOptions& opt) {
    cv::Mat rules = lines.horizontal | lines.vertical;
    // Rules that cross or meet must touch to be one table.
    cv::dilate(rules, rules, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));

    cv::Mat labels, stats;
    const int n = connected_components(rules, labels, stats, 8);
    std::vector<TableGrid> tables;
    for (int i = 1; i < n; ++i) {
        const Box b = box_of(stats, i);
        if (b.width() < opt.min_table_width_px || b.height() < opt.min_table_height_px) continue;
        const cv::Rect r(int(b.x0), int(b.y0), int(b.width()), int(b.height()));
        // A lone underline or a frame is not a table: it needs rules both ways.
        if (cv::countNonZero(lines.horizontal(r)) == 0 || cv::countNonZero(lines.vertical(r)) == 0) continue;
        TableGrid t;
        t.box = b;
        t.cells = enclosed_cells(labels(r) == i, r, opt);
        if (t.cells.size() >= 2) tables.push_back(std::move(t));
    }
    std::sort(tables.begin(), tables.end(), [](const TableGrid& a, const TableGrid& b) { return a.box.y0 < b.box.y0; });
    return tables;
}

}  // namespace nianbao

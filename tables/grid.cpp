#include "tables/grid.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

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
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(background, labels, stats, centroids, 4, CV_32S);
    std::vector<Box> cells;
    for (int i = 1; i < n; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        if (w < opt.min_cell_px || h < opt.min_cell_px) continue;
        // A cell is a rectangle. A region that fills far less of its box has
        // leaked through the gaps of a broken rule: the white around a table
        // whose outer rules are faded, say, reaching into half its cells. Read
        // as one cell it would be the whole table at once, neither label
        // nor number, and the slowest cell of the page.
        if (stats.at<int>(i, cv::CC_STAT_AREA) < opt.min_cell_fill * w * h) continue;
        Box b = box_of(stats, i, r.x, r.y);
        // Out to the middle of the surrounding rules.
        cells.push_back({b.x0 - 1, b.y0 - 1, b.x1 + 1, b.y1 + 1});
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

    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(rules, labels, stats, centroids, 8, CV_32S);
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

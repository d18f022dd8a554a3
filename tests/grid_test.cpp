// Cells of a table from its rules, on generated grids.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tables/grid.h"
#include "tables/lines.h"

namespace nianbao {
namespace {

constexpr double dpi = 300;

std::vector<TableGrid> tables_of(const cv::Mat& ink) {
    LineOptions lo = LineOptions::for_dpi(dpi);
    lo.gap_px = int(dpi / 12);
    return find_tables(find_lines(ruling_ink(ink, int(dpi / 3), {}), lo), GridOptions::for_dpi(dpi));
}

// A table cut by a page break: 3 columns by 4 rows of 200 by 80 px cells
// with no rule under the last row, whose column rules, a little askew, end
// `drop` px apart from left to right.
cv::Mat cut_grid(int drop) {
    cv::Mat ink = cv::Mat::zeros(500, 800, CV_8UC1);
    for (int i = 0; i < 4; ++i) {
        const int x = 100 + 200 * i;
        cv::line(ink, {x, 100}, {x, 420 - drop * i}, 255, 3);
    }
    for (int y = 100; y < 420; y += 80) cv::line(ink, {100, y}, {700, y}, 255, 3);
    return ink;
}

// Under the shorter column rules a sliver of background runs between their
// ends and the table's drawn outline: the cells of the last row are still
// three, not one region as wide as the table.
TEST(Grid, SliverUnderAskewRuleEndsJoinsNoCells) {
    const auto tables = tables_of(cut_grid(3));
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].cells.size(), 12u);
    for (const Box& c : tables[0].cells) EXPECT_LT(c.width(), 220) << c.x0 << "," << c.y0;
}

TEST(Grid, StraightCutGridKeepsItsCells) {
    const auto tables = tables_of(cut_grid(0));
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].cells.size(), 12u);
}

// The head of a table: row 0 has one cell over columns 1 and 2, and the rule
// under it lost a stretch above column 2 (a faded rule on a fax), so that
// cell and the one under it enclose one L-shaped region.
cv::Mat header_with_gap(int gap) {
    cv::Mat ink = cv::Mat::zeros(500, 800, CV_8UC1);
    for (int x = 100; x <= 700; x += 200) cv::line(ink, {x, x == 500 ? 180 : 100}, {x, 420}, 255, 3);
    for (int y = 100; y <= 420; y += 80) cv::line(ink, {100, y}, {700, y}, 255, 3);
    if (gap > 0) cv::rectangle(ink, cv::Rect(600 - gap / 2, 177, gap, 7), 0, cv::FILLED);
    return ink;
}

TEST(Grid, CellsRunTogetherThroughAGapAreCutApart) {
    const auto whole = tables_of(header_with_gap(0));
    ASSERT_EQ(whole.size(), 1u);
    EXPECT_EQ(whole[0].cells.size(), 11u);
    const auto tables = tables_of(header_with_gap(60));
    ASSERT_EQ(tables.size(), 1u);
    ASSERT_EQ(tables[0].cells.size(), 11u);
    // No cell reaches over another: the spanning head cell stays one row high.
    for (const Box& c : tables[0].cells) EXPECT_LT(c.height(), 100) << c.x0 << "," << c.y0;
}

}  // namespace
}  // namespace nianbao

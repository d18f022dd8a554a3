// Tables of cells from ruling lines, and the paper's edge kept out of them,
// on generated pages.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "preprocess/binarize.h"
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

bool overlap(const Box& a, const Box& b) {
    // Neighbouring cells share the middle of their rule: a few pixels.
    const double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0), h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
    return w > 4 && h > 4;
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

// The rule under the first row doubled (lines at 180 and 188 px), the
// lower one missing over the first column, the column rules above it not
// in line with those below (as under a wide label): the strip between the lines
// runs the table's width and opens into the first column's cell below. That
// cell must not take in the strip (its box would cover the whole row).
TEST(Grid, GapInsideADoubledRuleDoesNotJoinCells) {
    cv::Mat ink = cv::Mat::zeros(500, 800, CV_8UC1);
    for (int x : {100, 700}) cv::line(ink, {x, 100}, {x, 420}, 255, 3);
    cv::line(ink, {400, 100}, {400, 180}, 255, 3);
    for (int x : {300, 500}) cv::line(ink, {x, 188}, {x, 420}, 255, 3);
    for (int y : {100, 180, 260, 340, 420}) cv::line(ink, {100, y}, {700, y}, 255, 3);
    cv::line(ink, {300, 188}, {700, 188}, 255, 3);
    const auto tables = tables_of(ink);
    ASSERT_EQ(tables.size(), 1u);
    const auto& cells = tables[0].cells;
    EXPECT_EQ(cells.size(), 11u);
    for (size_t i = 0; i < cells.size(); ++i)
        for (size_t j = i + 1; j < cells.size(); ++j)
            EXPECT_FALSE(overlap(cells[i], cells[j]))
                << "cell " << i << " [" << cells[i].x0 << "," << cells[i].y0 << " " << cells[i].x1 << ","
                << cells[i].y1 << "] overlaps cell " << j;
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

// Ink (255) of a grid of 3 columns by 4 rows of 200 by 80 px cells, whose
// outer frame is cut open at the middle of every side.
cv::Mat grid_with_open_frame() {
    cv::Mat ink = cv::Mat::zeros(600, 900, CV_8UC1);
    for (int x = 150; x <= 750; x += 200) cv::line(ink, {x, 150}, {x, 470}, 255, 3);
    for (int y = 150; y <= 470; y += 80) cv::line(ink, {150, y}, {750, y}, 255, 3);
    cv::rectangle(ink, cv::Rect(100, 100, 700, 420), 255, 3);
    for (const cv::Rect& cut : {cv::Rect(420, 95, 60, 10), cv::Rect(420, 515, 60, 10), cv::Rect(95, 280, 10, 60),
                                cv::Rect(795, 280, 10, 60)})
        cv::rectangle(ink, cut, 0, cv::FILLED);
    return ink;
}

// The ring between the frame and the grid reaches round the table through
// the cuts: not a rectangle, so not a cell (it would be read as the whole
// table at once).
TEST(Grid, RegionLeakingRoundTheTableIsNoCell) {
    const LineMasks lines = find_lines(grid_with_open_frame(), LineOptions::for_dpi(dpi));
    const auto tables = find_tables(lines, GridOptions::for_dpi(dpi));
    ASSERT_EQ(tables.size(), 1u);
    EXPECT_EQ(tables[0].cells.size(), 12u);
    for (const Box& c : tables[0].cells) EXPECT_LT(c.width(), 250);
}

// Grey paper turned a little on a white scanner lid: its edges are no rules.
TEST(Binarize, EdgeOfGreyPaperIsNoInk) {
    cv::Mat page(1200, 900, CV_8UC1, cv::Scalar(255));
    const cv::RotatedRect paper({450, 600}, {760, 1060}, 2.5);
    cv::Point2f corners[4];
    paper.points(corners);
    std::vector<cv::Point> poly(corners, corners + 4);
    cv::fillConvexPoly(page, poly, 205);
    cv::line(page, {200, 600}, {700, 600}, 60, 3);  // a rule on the paper
    const cv::Mat ink = ink_of_scan(page, dpi);
    EXPECT_EQ(cv::countNonZero(ink(cv::Rect(0, 0, 100, 1200))), 0);
    EXPECT_EQ(cv::countNonZero(ink(cv::Rect(800, 0, 100, 1200))), 0);
    EXPECT_EQ(cv::countNonZero(ink(cv::Rect(0, 1100, 900, 100))), 0);
    EXPECT_GT(cv::countNonZero(ink(cv::Rect(200, 590, 500, 20))), 1000);
}

// Near-white paper has no edge that could pass for ink: nothing is cut away.
TEST(Binarize, WhitePaperHasNothingBeyondIt) {
    cv::Mat page(1200, 900, CV_8UC1, cv::Scalar(250));
    page(cv::Rect(0, 0, 40, 1200)).setTo(255);
    EXPECT_EQ(cv::countNonZero(beyond_paper(page, dpi)), 0);
}

}  // namespace
}  // namespace nianbao

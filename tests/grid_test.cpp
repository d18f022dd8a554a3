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

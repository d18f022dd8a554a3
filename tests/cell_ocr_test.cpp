// Cell reading on generated page images: the stages after table finding,
// without a PDF or a corpus.
#include <gtest/gtest.h>

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "tables/cell_ocr.h"
#include "tables/grid.h"
#include "tables/lines.h"
#include "tests/photocopy_grain.h"

namespace nianbao {
namespace {

// A 300 dpi page with one row of three ruled cells holding 2, 7 and 5, on
// paper of the given grey (a photocopy's paper is about 200), softened and
// grainy like a copy scanned at 150 dpi.
cv::Mat three_cells(int paper) {
    // Cells of the size of a report's number cells: 130 by 67 pixels.
    cv::Mat page(300, 500, CV_8UC1, cv::Scalar(paper));
    for (int x : {50, 180, 310, 440}) cv::line(page, {x, 100}, {x, 167}, 40, 3);
    for (int y : {100, 167}) cv::line(page, {50, y}, {440, y}, 40, 3);
    const char* digits[] = {"2", "7", "5"};
    for (int i = 0; i < 3; ++i)
        cv::putText(page, digits[i], {105 + 130 * i, 147}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 90, 2, cv::LINE_AA);
    soften_and_grain(page, 2.0, 10, 7);
    return page;
}

std::vector<TextCell> read_text_cells(const cv::Mat& page) {
    const double dpi = 300;
    cv::Mat ink;
    cv::threshold(page, ink, 120, 255, cv::THRESH_BINARY_INV);
    const LineMasks lines = find_lines(ruling_ink(ink, int(dpi / 3), {}), LineOptions::for_dpi(dpi));
    const auto grids = find_tables(lines, GridOptions::for_dpi(dpi));
    CellReaders readers;
    std::vector<TextCell> cells;
    for (const auto& f : read_scanned_cells(page, dpi, lines, grids, 1, readers))
        for (const auto& c : f.cells) cells.push_back(c);
    // Left to right: the cells' tops differ by a pixel or so.
    std::sort(cells.begin(), cells.end(), [](const TextCell& a, const TextCell& b) { return a.box.x0 < b.box.x0; });
    return cells;
}

std::vector<std::string> read_cells(const cv::Mat& page) {
    std::vector<std::string> out;
    for (const auto& c : read_text_cells(page)) out.push_back(c.text);
    return out;
}

TEST(CellOcr, DigitsOnWhitePaper) {
    EXPECT_EQ(read_cells(three_cells(250)), (std::vector<std::string>{"2", "7", "5"}));
}

// The grey paper must not turn the whole crop black for the reader.
TEST(CellOcr, DigitsOnGreyPhotocopyPaper) {
    EXPECT_EQ(read_cells(three_cells(200)), (std::vector<std::string>{"2", "7", "5"}));
}

// Black and white like a fax, each digit cut across near its top where a
// thin stroke faded: the two pieces are one line of text, not two lines
// read apart (the top of a 2 alone read as 宁, a 5 as 口).
TEST(CellOcr, DigitBrokenAcrossIsReadAsOneLine) {
    cv::Mat page(300, 500, CV_8UC1, cv::Scalar(255));
    for (int x : {50, 180, 310, 440}) cv::line(page, {x, 100}, {x, 167}, 0, 3);
    for (int y : {100, 167}) cv::line(page, {50, y}, {440, y}, 0, 3);
    const char* digits[] = {"4", "7", "5"};
    for (int i = 0; i < 3; ++i)
        cv::putText(page, digits[i], {100 + 130 * i, 148}, cv::FONT_HERSHEY_SIMPLEX, 1.2, 0, 3, cv::LINE_8);
    cv::rectangle(page, cv::Rect(60, 127, 370, 4), 255, cv::FILLED);
    EXPECT_EQ(read_cells(page), (std::vector<std::string>{"4", "7", "5"}));
}

// Toner specks beside, above and below the digits are not read as a
// decimal point or a line of text of their own.
TEST(CellOcr, SpecksAroundDigitsAreNotRead) {
    cv::Mat page = three_cells(200);
    for (const cv::Point p : {cv::Point{128, 140}, cv::Point{200, 115}, cv::Point{268, 150}, cv::Point{392, 120},
                              cv::Point{360, 135}, cv::Point{420, 158}})
        cv::circle(page, p, 2, 90, cv::FILLED);
    EXPECT_EQ(read_cells(page), (std::vector<std::string>{"2", "7", "5"}));
}

// Photocopied 0s, each with a speck fused under its foot, which the readers
// take for other digits; the loop spanning each is a 0's, and the 0 is
// taken, in review.
TEST(CellOcr, ZeroWithASpeckUnderItsFootIsAZero) {
    cv::Mat page(300, 500, CV_8UC1, cv::Scalar(200));
    for (int x : {50, 180, 310, 440}) cv::line(page, {x, 100}, {x, 167}, 40, 3);
    for (int y : {100, 167}) cv::line(page, {50, y}, {440, y}, 40, 3);
    for (int i = 0; i < 3; ++i) {
        cv::putText(page, "0", {105 + 130 * i, 147}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 90, 2, cv::LINE_AA);
        cv::circle(page, {108 + 130 * i + 4 * i, 150}, 3 + i, 90, cv::FILLED);
    }
    soften_and_grain(page, 2.0, 10, 7);
    const auto cells = read_text_cells(page);
    ASSERT_EQ(cells.size(), 3u);
    for (const auto& c : cells) {
        EXPECT_EQ(c.text, "0");
        // Where a reader had it otherwise, the cell says so for review.
        if (c.doubt.empty()) continue;
        EXPECT_LE(c.confidence, 0.5) << c.doubt;
    }
}

// Photocopied digits each with a smudge beside it, too long for a dot: the
// readers make a character of the whole (0 as 过汐) or nothing; redrawn
// without the smudge, each reads as its digit, in review.
TEST(CellOcr, SmudgeBesideADigitIsLeftOut) {
    cv::Mat page(300, 500, CV_8UC1, cv::Scalar(200));
    for (int x : {50, 180, 310, 440}) cv::line(page, {x, 100}, {x, 167}, 40, 3);
    for (int y : {100, 167}) cv::line(page, {50, y}, {440, y}, 40, 3);
    const char* digits[] = {"1", "0", "4"};
    for (int i = 0; i < 3; ++i) {
        cv::putText(page, digits[i], {105 + 130 * i, 147}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 90, 2, cv::LINE_AA);
        cv::line(page, {134 + 130 * i, 131}, {141 + 130 * i, 137}, 90, 3, cv::LINE_AA);
    }
    soften_and_grain(page, 2.0, 10, 7);
    const auto cells = read_text_cells(page);
    ASSERT_EQ(cells.size(), 3u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(cells[size_t(i)].text, digits[i]) << cells[size_t(i)].doubt;
        EXPECT_LE(cells[size_t(i)].confidence, 0.5);
    }
}

// A crumb of a rule or a streak of toner on a line of its own above each
// number is no line of the cell: left in, the cell read as two lines, or as
// a number with a 】 under it, and no row took it.
TEST(CellOcr, CrumbOnALineOfItsOwnIsNoText) {
    cv::Mat page = three_cells(200);
    for (int i = 0; i < 3; ++i) cv::rectangle(page, cv::Rect(70 + 130 * i, 109, 9, 3), 90, cv::FILLED);
    EXPECT_EQ(read_cells(page), (std::vector<std::string>{"2", "7", "5"}));
}

// A number in a cell as wide as the table, with streaks of toner far out on
// either side of it along its line: with them the line was too wide for a
// number and read as 区:1995.
TEST(CellOcr, SpecksFarAlongAWideCellAreNoPartOfItsNumber) {
    cv::Mat page(300, 1400, CV_8UC1, cv::Scalar(200));
    for (int x : {50, 300, 1350}) cv::line(page, {x, 100}, {x, 167}, 40, 3);
    for (int y : {100, 167}) cv::line(page, {50, y}, {1350, y}, 40, 3);
    cv::putText(page, "1995", {780, 147}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 90, 2, cv::LINE_AA);
    for (int x : {350, 560, 1100, 1280}) cv::line(page, {x, 138}, {x + 9, 136}, 90, 3);
    soften_and_grain(page, 2.0, 10, 7);
    EXPECT_EQ(read_cells(page), (std::vector<std::string>{"", "1995"}));
}

// Two rows of three cells whose middle column lost the rule between its
// rows: read as one cell, its 3 over 0 made a cell of two lines that no
// row took. Cut at the rules beside it, each row has its number, in review.
TEST(CellOcr, CellsRunTogetherWhereARowRuleFadedAreCut) {
    cv::Mat page(400, 500, CV_8UC1, cv::Scalar(250));
    for (int x : {50, 180, 310, 440}) cv::line(page, {x, 100}, {x, 234}, 40, 3);
    for (int y : {100, 234}) cv::line(page, {50, y}, {440, y}, 40, 3);
    cv::line(page, {50, 167}, {180, 167}, 40, 3);
    cv::line(page, {310, 167}, {440, 167}, 40, 3);
    const char* digits[] = {"2", "3", "5", "4", "0", "6"};
    for (int i = 0; i < 6; ++i)
        cv::putText(page, digits[i], {105 + 130 * (i % 3), 147 + 67 * (i / 3)}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 40, 2,
                    cv::LINE_AA);
    auto cells = read_text_cells(page);
    ASSERT_EQ(cells.size(), 6u);
    std::sort(cells.begin(), cells.end(), [](const TextCell& a, const TextCell& b) {
        return std::abs(a.box.y0 - b.box.y0) > 5 ? a.box.y0 < b.box.y0 : a.box.x0 < b.box.x0;
    });
    for (int i = 0; i < 6; ++i) EXPECT_EQ(cells[size_t(i)].text, digits[i]) << i;
    EXPECT_FALSE(cells[1].doubt.empty());
    EXPECT_FALSE(cells[4].doubt.empty());
    EXPECT_TRUE(cells[0].doubt.empty());
}

// A white 300 dpi page with two ruled rows (y 100 to 167 to 234): column
// rules at `through` cross both, those at `upper` and `lower` one row only.
cv::Mat two_rows(const std::vector<int>& through, const std::vector<int>& upper, const std::vector<int>& lower) {
    cv::Mat page(400, 500, CV_8UC1, cv::Scalar(250));
    for (int x : through) cv::line(page, {x, 100}, {x, 234}, 40, 3);
    for (int x : upper) cv::line(page, {x, 100}, {x, 167}, 40, 3);
    for (int x : lower) cv::line(page, {x, 167}, {x, 234}, 40, 3);
    for (int y : {100, 167, 234}) cv::line(page, {50, y}, {440, y}, 40, 3);
    return page;
}

// A values row under a header row whose column rules stand, the rule
// between its last two cells faded: read as one cell, 0 and 7 made one
// number that no column took. Cut at the header's rule above, each column
// has its number, in review.
TEST(CellOcr, CellsRunTogetherWhereAColumnRuleFadedAreCut) {
    cv::Mat page = two_rows({50, 180, 440}, {310}, {});
    const char* digits[] = {"4", "0", "7"};
    for (int i = 0; i < 3; ++i)
        cv::putText(page, digits[i], {105 + 130 * i, 214}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 40, 2, cv::LINE_AA);
    std::vector<TextCell> values;
    for (const TextCell& c : read_text_cells(page))
        if (c.box.y0 * 300 / 72 > 160) values.push_back(c);
    ASSERT_EQ(values.size(), 3u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(values[size_t(i)].text, digits[i]) << i;
    EXPECT_TRUE(values[0].doubt.empty());
    EXPECT_FALSE(values[1].doubt.empty());
    EXPECT_FALSE(values[2].doubt.empty());
}

// A title row across the columns, its characters spaced out so that some
// stand under each column: text, not numbers run together, and one cell
// (cut at the rules below, a title row of table 1 lost its label).
TEST(CellOcr, SpacedOutTitleOverColumnsIsOneCell) {
    cv::Mat page = two_rows({50, 440}, {}, {245});
    const char* letters[] = {"T", "A", "B", "L", "E", "S"};
    for (int i = 0; i < 6; ++i)
        cv::putText(page, letters[i], {80 + 55 * i, 147}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 40, 2, cv::LINE_AA);
    size_t top_cells = 0;
    for (const TextCell& c : read_text_cells(page)) top_cells += c.box.y0 * 300 / 72 < 160;
    EXPECT_EQ(top_cells, 1u);
}

}  // namespace
}  // namespace nianbao

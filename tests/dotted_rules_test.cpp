// Rules left by the scan as a trail of specks, on generated pages.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "preprocess/binarize.h"
#include "tables/dotted_rules.h"
#include "tables/faint_rules.h"
#include "tables/grid.h"
#include "tables/lines.h"
#include "tests/photocopy_grain.h"

namespace nianbao {
namespace {

constexpr double dpi = 300;

// A 300 dpi grey page with a grid of 3 columns by 4 rows of 200 by 80 px
// cells whose middle row rule is printed only as specks 2 px across, every
// `step` px (none when 0); a line of Es, whose feet line up, stands in each
// cell of the top row.
cv::Mat grid_with_dotted_rule(int step, double grain = 6) {
    cv::Mat page(520, 800, CV_8UC1, cv::Scalar(200));
    for (int x = 100; x <= 700; x += 200) cv::line(page, {x, 100}, {x, 420}, 50, 3);
    for (int y = 100; y <= 420; y += 80)
        if (y != 260) cv::line(page, {100, y}, {700, y}, 50, 3);
    for (int x = 100; step > 0 && x <= 700; x += step) cv::rectangle(page, cv::Rect(x, 259, 2, 2), 90, cv::FILLED);
    for (int x = 115; x < 700; x += 200) cv::putText(page, "EEEEEEE", {x, 160}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 40, 3);
    soften_and_grain(page, 1.0, grain, 5);
    return page;
}

size_t cells_of(const cv::Mat& page, bool dotted) {
    const cv::Mat ink = ink_of_scan(page, dpi);
    LineMasks lines = find_lines(ruling_ink(ink, int(dpi / 3), {}), LineOptions::for_dpi(dpi));
    follow_faint_rules(lines, page, ink_strokes(ink, dpi), FaintRuleOptions::for_dpi(dpi));
    if (dotted) find_dotted_rules(lines, ink, DottedRuleOptions::for_dpi(dpi));
    const auto tables = find_tables(lines, GridOptions::for_dpi(dpi));
    return tables.size() == 1 ? tables[0].cells.size() : 0;
}

// Without the trail found, the rows it parts run into one (9 cells); with
// it, the grid is whole — and the feet of the Es make no rule.
TEST(DottedRules, TrailOfSpecksIsARule) {
    for (int step : {6, 9}) {
        const cv::Mat page = grid_with_dotted_rule(step);
        EXPECT_EQ(cells_of(page, false), 9u) << "specks every " << step << " px";
        EXPECT_EQ(cells_of(page, true), 12u) << "specks every " << step << " px";
    }
}

// Specks too far apart to be one line are grain: nothing is added.
TEST(DottedRules, ScatteredSpecksAreNoRule) {
    EXPECT_EQ(cells_of(grid_with_dotted_rule(150), true), 9u);
    EXPECT_EQ(cells_of(grid_with_dotted_rule(150, 3), true), 9u);
    EXPECT_EQ(cells_of(grid_with_dotted_rule(0), true), 9u);
}

// A fax's hairline kept as a dot every 35 px, too far apart to close up as
// a line, is still a rule: it runs from one crossing rule to the next with
// specks all along and paper beside. (A fax has little grain; on a
// photocopy's, specks that far apart are not told from it.)
TEST(DottedRules, SparseTrailBetweenCrossingRulesIsARule) {
    EXPECT_EQ(cells_of(grid_with_dotted_rule(35, 3), true), 12u);
    EXPECT_EQ(cells_of(grid_with_dotted_rule(35, 3), false), 9u);
}

// Digits standing across where a rule might run are no trail of specks:
// their strokes reach above and below the row.
TEST(DottedRules, DigitsAcrossARowAreNoRule) {
    cv::Mat page = grid_with_dotted_rule(0);
    for (int x = 130; x < 700; x += 200) cv::putText(page, "0  0  0", {x, 272}, cv::FONT_HERSHEY_SIMPLEX, 0.8, 60, 2);
    EXPECT_EQ(cells_of(page, true), 9u);
}

// A column of 1s, each in the middle of its cell, lines up like a trail —
// but the strokes of a 1 are as long as a digit is high, and no trail's
// specks are: the cells stay whole.
TEST(DottedRules, AColumnOfOnesIsNoRule) {
    cv::Mat page(520, 800, CV_8UC1, cv::Scalar(200));
    for (int x = 100; x <= 700; x += 200) cv::line(page, {x, 100}, {x, 420}, 50, 3);
    for (int y = 100; y <= 420; y += 80) cv::line(page, {100, y}, {700, y}, 50, 3);
    for (int y = 100; y < 420; y += 80) cv::line(page, {400, y + 26}, {400, y + 54}, 40, 3);  // a 1 in each cell
    soften_and_grain(page, 1.0, 3, 5);
    const cv::Mat ink = ink_of_scan(page, dpi);
    const auto cells = [&](const DottedRuleOptions& opt) {
        LineMasks lines = find_lines(ruling_ink(ink, int(dpi / 3), {}), LineOptions::for_dpi(dpi));
        find_dotted_rules(lines, ink, opt);
        const auto tables = find_tables(lines, GridOptions::for_dpi(dpi));
        return tables.size() == 1 ? tables[0].cells.size() : 0;
    };
    DottedRuleOptions any_length = DottedRuleOptions::for_dpi(dpi);
    any_length.max_speck_px = 1000;
    EXPECT_GT(cells(any_length), 12u);  // what a trail of any pieces would make of it
    EXPECT_EQ(cells(DottedRuleOptions::for_dpi(dpi)), 12u);
}

// A line of 三 closes, stroke by stroke, into three lines as thin as a rule
// (the gaps between glyphs are narrower than those between specks); the
// strokes above and below each tell it apart.
TEST(DottedRules, StrokesOfALineOfTextAreNoRule) {
    cv::Mat page(300, 900, CV_8UC1, cv::Scalar(210));
    for (int x = 60; x < 840; x += 28)
        for (int y : {130, 140, 150}) cv::rectangle(page, cv::Rect(x, y, 22, 3), 40, cv::FILLED);
    soften_and_grain(page, 1.0, 6, 5);
    LineMasks lines{cv::Mat::zeros(page.size(), CV_8UC1), cv::Mat::zeros(page.size(), CV_8UC1)};
    find_dotted_rules(lines, ink_of_scan(page, dpi), DottedRuleOptions::for_dpi(dpi));
    EXPECT_EQ(cv::countNonZero(lines.horizontal), 0);
    EXPECT_EQ(cv::countNonZero(lines.vertical), 0);
}

// A serif face's 1s stand on feet as wide as the digit, and a 2's foot and
// a point follow on the same line: closed up, they make a thin line with
// paper beside it (the stems above are narrow). Each piece is the foot of a
// glyph-high mark, so the cell keeps its text (an amount whose point was
// erased as part of that "rule" read 7112.98 as 711298).
TEST(DottedRules, FeetOfSerifDigitsAreNoRule) {
    cv::Mat page(520, 800, CV_8UC1, cv::Scalar(215));
    for (int x = 100; x <= 700; x += 200) cv::line(page, {x, 100}, {x, 420}, 50, 3);
    for (int y = 100; y <= 420; y += 80) cv::line(page, {100, y}, {700, y}, 50, 3);
    const int foot = 160;  // the baseline of the digits in the top middle cell
    for (int x : {330, 358}) {
        cv::rectangle(page, cv::Rect(x + 9, foot - 34, 5, 34), 40, cv::FILLED);  // a 1's stem
        cv::rectangle(page, cv::Rect(x, foot - 3, 23, 3), 40, cv::FILLED);      // and its foot
    }
    cv::line(page, {388, foot - 3}, {408, foot - 30}, 40, 4);                   // a 2's stroke
    cv::rectangle(page, cv::Rect(386, foot - 3, 26, 3), 40, cv::FILLED);          // its foot
    cv::rectangle(page, cv::Rect(420, foot - 5, 5, 5), 40, cv::FILLED);           // a point
    soften_and_grain(page, 1.0, 3, 5);
    const cv::Mat ink = ink_of_scan(page, dpi);
    LineMasks lines = find_lines(ruling_ink(ink, int(dpi / 3), {}), LineOptions::for_dpi(dpi));
    find_dotted_rules(lines, ink, DottedRuleOptions::for_dpi(dpi));
    const cv::Rect inside(310, 110, 180, 60);
    EXPECT_EQ(cv::countNonZero(lines.horizontal(inside)), 0);
    EXPECT_EQ(cv::countNonZero(lines.vertical(inside)), 0);
}

// A piece of a faded rule that a character touches is as thin a line with
// a glyph-high mark on it, but one mark all along, not the feet of several:
// it stays a rule (a fax's piece of rule between two label rows, dropped,
// ran the rows together and lost the table's last two rows).
TEST(DottedRules, PieceOfRuleACharacterTouchesStays) {
    cv::Mat page(520, 800, CV_8UC1, cv::Scalar(215));
    for (int x = 100; x <= 700; x += 200) cv::line(page, {x, 100}, {x, 420}, 50, 3);
    for (int y = 100; y <= 420; y += 80)
        if (y != 260) cv::line(page, {100, y}, {700, y}, 50, 3);
    cv::rectangle(page, cv::Rect(360, 259, 80, 3), 50, cv::FILLED);  // what is left of the rule at 260
    cv::rectangle(page, cv::Rect(380, 262, 5, 30), 40, cv::FILLED);  // a stroke of a character under it
    soften_and_grain(page, 1.0, 3, 5);
    const cv::Mat ink = ink_of_scan(page, dpi);
    LineMasks lines = find_lines(ruling_ink(ink, int(dpi / 3), {}), LineOptions::for_dpi(dpi));
    const cv::Rect piece(365, 250, 70, 20);
    ASSERT_EQ(cv::countNonZero(lines.horizontal(piece)), 0);  // too short and too square for the line finder
    find_dotted_rules(lines, ink, DottedRuleOptions::for_dpi(dpi));
    EXPECT_GT(cv::countNonZero(lines.horizontal(piece)), 0);
}

}  // namespace
}  // namespace nianbao

// Broken rules joined up again, on generated grids.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tables/grid.h"
#include "tables/lines.h"
#include "tables/rule_ends.h"

namespace nianbao {
namespace {

constexpr double dpi = 300;

// Ink (255) of a 300 dpi grid of 3 columns by 4 rows of 200 by 80 px cells,
// whose inner horizontal rules lose the stretch [cut_from, cut_to) of x, as
// on a photocopy whose rules faded to nothing there.
cv::Mat broken_grid(int cut_from, int cut_to) {
    cv::Mat ink = cv::Mat::zeros(500, 800, CV_8UC1);
    for (int x = 100; x <= 700; x += 200) cv::line(ink, {x, 100}, {x, 420}, 255, 3);
    for (int y = 100; y <= 420; y += 80) {
        cv::line(ink, {100, y}, {700, y}, 255, 3);
        if (y != 100 && y != 420) cv::rectangle(ink, cv::Rect(cut_from, y - 3, cut_to - cut_from, 7), 0, cv::FILLED);
    }
    return ink;
}

size_t cells_of(const cv::Mat& ink, bool join, const cv::Mat& strokes = {}) {
    LineOptions lo = LineOptions::for_dpi(dpi);
    lo.gap_px = int(dpi / 12);
    LineMasks lines = find_lines(ruling_ink(ink, int(dpi / 3), {}), lo);
    if (join) join_broken_rules(lines, RuleEndOptions::for_dpi(dpi), strokes);
    const auto tables = find_tables(lines, GridOptions::for_dpi(dpi));
    return tables.size() == 1 ? tables[0].cells.size() : 0;
}

TEST(RuleEnds, IntactGridKeepsItsCells) {
    EXPECT_EQ(cells_of(broken_grid(0, 0), true), 12u);
}

// A stretch gone at the left of the middle column: longer than the line
// finder bridges, so the column's four cells merge into one.
TEST(RuleEnds, RuleCutInsideACellIsCarriedToTheCrossingRule) {
    const cv::Mat ink = broken_grid(310, 400);
    EXPECT_EQ(cells_of(ink, false), 9u);
    EXPECT_EQ(cells_of(ink, true), 12u);
}

// A gap in the middle of a cell: the two pieces are joined to each other.
TEST(RuleEnds, GapBetweenTwoPiecesIsClosed) {
    const cv::Mat ink = broken_grid(350, 450);
    EXPECT_EQ(cells_of(ink, false), 9u);
    EXPECT_EQ(cells_of(ink, true), 12u);
}

// The inner rules of the middle column keep a short stub at its left rule
// (too short to count as a rule), a gap, then a long piece that stops in the
// middle of the cell. The long piece is anchored only through the stub; once
// the two are joined it is carried on to the right, as a photocopy's rule
// broken in three needs (photocopy150 r014: the 总计 header ran into 其他).
TEST(RuleEnds, PieceAnchoredThroughAStubIsCarriedOn) {
    cv::Mat ink = broken_grid(0, 0);
    for (int y = 180; y <= 340; y += 80) {
        cv::rectangle(ink, cv::Rect(330, y - 3, 30, 7), 0, cv::FILLED);
        cv::rectangle(ink, cv::Rect(440, y - 3, 57, 7), 0, cv::FILLED);
    }
    EXPECT_EQ(cells_of(ink, false), 9u);
    EXPECT_EQ(cells_of(ink, true), 12u);
}

// The rules cut from the middle column's left rule on, so that what is
// left of them in that column starts mid-cell and runs to the right: carried
// on only if the rule is anchored at its other end. On a photocopy the
// smeared rules overshoot the table's right border by a few pixels.
TEST(RuleEnds, RuleRunningPastTheBorderIsAnchoredThere) {
    cv::Mat ink = broken_grid(302, 400);
    for (int y = 180; y < 420; y += 80) cv::line(ink, {700, y}, {712, y}, 255, 3);
    EXPECT_EQ(cells_of(ink, false), 9u);
    EXPECT_EQ(cells_of(ink, true), 12u);
}

// What the photocopy left of the rule in the gap is a thick dash lying
// along it: no stroke of text crossing the way, so the way is bridged.
TEST(RuleEnds, ThickDashAlongTheWayIsNoTextStroke) {
    cv::Mat ink = broken_grid(302, 400);
    for (int y = 180; y < 420; y += 80) cv::rectangle(ink, cv::Rect(320, y - 5, 40, 11), 255, cv::FILLED);
    EXPECT_EQ(cells_of(ink, false), 9u);
    EXPECT_EQ(cells_of(ink, true, ink), 12u);
    // Strokes of a glyph across the way still stop it.
    cv::Mat text = ink.clone();
    for (int y = 180; y < 420; y += 80)
        for (int x : {366, 384}) cv::rectangle(text, cv::Rect(x, y - 20, 8, 41), 255, cv::FILLED);
    EXPECT_EQ(cells_of(text, true, text), 9u);
}

// A short dash as thick as the rule, between two pieces of it, is no more a
// stroke of text than a long one: paper lies above and below it
// (photocopy150 r024: rows 7 and 8 of 不予公开 read as one label).
TEST(RuleEnds, ShortDashWithPaperAboveAndBelowIsNoTextStroke) {
    cv::Mat ink = broken_grid(302, 400);
    for (int y = 180; y < 420; y += 80) cv::rectangle(ink, cv::Rect(340, y - 5, 22, 11), 255, cv::FILLED);
    EXPECT_EQ(cells_of(ink, false), 9u);
    EXPECT_EQ(cells_of(ink, true, ink), 12u);
}

// Solid ink as long as a thick dash but spreading far above and below the
// way is the body of a bold glyph that the way runs through, not a stretch
// of the rule (photocopy150 r023: a column rule carried up through the 复 of
// 未经复议直接起诉 cut that block header in two).
TEST(RuleEnds, BodyOfABoldGlyphOnTheWayStopsIt) {
    cv::Mat ink = broken_grid(302, 400);
    for (int y = 180; y < 420; y += 80) cv::rectangle(ink, cv::Rect(320, y - 5, 40, 11), 255, cv::FILLED);
    EXPECT_EQ(cells_of(ink, true, ink), 12u) << "a thick dash";
    cv::Mat glyphs = broken_grid(302, 400);
    for (int y = 180; y < 420; y += 80) cv::rectangle(glyphs, cv::Rect(320, y - 18, 40, 37), 255, cv::FILLED);
    EXPECT_EQ(cells_of(glyphs, true, glyphs), 9u);
}

// The middle column's inner rules left as dashes, each too short to be
// found as a rule and none touching the column's rules: the rules on either
// side end where they meet the column and are carried on across it, the
// dashes lying on their row with paper above and below (photocopy150 r014:
// the 总计 header ran into the first number under it).
TEST(RuleEnds, RuleGoingOnAsDashesIsCarriedAcrossTheCell) {
    cv::Mat ink = broken_grid(302, 499);
    for (int y = 180; y < 420; y += 80)
        for (int x = 320; x < 480; x += 45) cv::line(ink, {x, y}, {x + 30, y}, 255, 3);
    EXPECT_EQ(cells_of(ink, false), 9u);
    EXPECT_EQ(cells_of(ink, true), 9u) << "without the page's ink, dashes are not looked for";
    EXPECT_EQ(cells_of(ink, true, ink), 12u);
}

// Digits standing on the row where the cut rules would run are no dashes:
// their strokes reach above and below it.
TEST(RuleEnds, DigitsOnTheRowAreNoDashes) {
    cv::Mat ink = broken_grid(302, 499);
    for (int y = 180; y < 420; y += 80) cv::putText(ink, "8 8 8", {320, y + 14}, cv::FONT_HERSHEY_SIMPLEX, 1.0, 255, 3);
    EXPECT_EQ(cells_of(ink, true, ink), 9u);
}

// The rules the pipeline finds on a scan before its grid: rules of the
// ruling ink joined up, then (with `touching`) the ink that touches them
// looked at again and joined once more.
size_t cells_found_again(const cv::Mat& ink, bool touching) {
    LineOptions lo = LineOptions::for_dpi(dpi);
    lo.gap_px = int(dpi / 12);
    LineMasks lines = find_lines(ruling_ink(ink, int(dpi / 3), {}), lo);
    join_broken_rules(lines, RuleEndOptions::for_dpi(dpi), ink);
    if (touching) {
        const LineMasks more = find_lines(ink_touching_rules(ink, lines, int(dpi / 6)), lo);
        lines.horizontal |= more.horizontal;
        lines.vertical |= more.vertical;
        join_broken_rules(lines, RuleEndOptions::for_dpi(dpi), ink);
    }
    const auto tables = find_tables(lines, GridOptions::for_dpi(dpi));
    return tables.size() == 1 ? tables[0].cells.size() : 0;
}

// A narrow last column whose border is broken above and below the rule
// between its first two rows, and that rule cut just past the column's left
// rule: what is left is an L of border and rule, too short for ruling ink
// and too square for a piece of a rule (photocopy150 r025: the 总计 header
// ran into its first number). Once the border is joined up, the L touches
// it, and the rule is found.
TEST(RuleEnds, PieceOfRuleTouchingAJoinedBorderIsFound) {
    cv::Mat ink = cv::Mat::zeros(500, 700, CV_8UC1);
    for (int x : {100, 300, 500, 590}) cv::line(ink, {x, 100}, {x, 420}, 255, 3);
    for (int y = 100; y <= 420; y += 80) cv::line(ink, {100, y}, {590, y}, 255, 3);
    for (int y : {140, 210}) cv::rectangle(ink, cv::Rect(586, y, 9, 10), 0, cv::FILLED);
    cv::rectangle(ink, cv::Rect(502, 175, 5, 10), 0, cv::FILLED);
    EXPECT_EQ(cells_found_again(ink, false), 11u);
    EXPECT_EQ(cells_found_again(ink, true), 12u);
}

// A lone dash inside a cell (a blank value printed as "—") meets no rule at
// either end and must not become one.
TEST(RuleEnds, LoneStrokeStaysUnjoined) {
    cv::Mat ink = broken_grid(0, 0);
    cv::line(ink, {160, 140}, {240, 140}, 255, 3);
    EXPECT_EQ(cells_of(ink, true), cells_of(ink, false));
}

}  // namespace
}  // namespace nianbao

// Cutting a cell the scan ran together at the rules of the cells beside it, or above and below it.
#include <gtest/gtest.h>

#include "tables/lost_rules.h"

namespace nianbao {
namespace {

// Three columns of two rows at 300 dpi; the middle column's rule between
// the rows faded, so the grid found one cell there. The cells beside have
// edges a rule's width apart (199 and 203).
const Box merged{100, 0, 200, 400};
const std::vector<Box> table{{0, 0, 98, 199}, {0, 203, 98, 400}, merged, {202, 0, 300, 199}, {202, 203, 300, 400}};

TEST(LostRules, CutsWhereTheRulesBesideCrossTheCell) {
    const auto cuts = lost_rules(merged, table, {{130, 80, 30, 40}, {130, 280, 30, 40}}, 300, Across::rows);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_NEAR(cuts[0], 201, 1);
}

// A cell with one line of text is one cell, whatever the rows beside it.
TEST(LostRules, OneLineIsOneCell) {
    EXPECT_TRUE(lost_rules(merged, table, {{130, 80, 30, 40}}, 300, Across::rows).empty());
}

// Two lines in one row, or a line across the rule beside: one cell.
TEST(LostRules, LinesInOneRowOrAcrossARuleAreOneCell) {
    EXPECT_TRUE(lost_rules(merged, table, {{130, 40, 30, 40}, {130, 120, 30, 40}}, 300, Across::rows).empty());
    EXPECT_TRUE(lost_rules(merged, table, {{130, 80, 30, 40}, {130, 180, 30, 40}}, 300, Across::rows).empty());
}

// Cells of the same column above or below, or rows that do not reach the
// cell, give no cut.
TEST(LostRules, OnlyCellsBesideItCount) {
    const std::vector<Box> column{{100, 400, 200, 500}, merged, {0, 0, 98, 400}, {202, 0, 300, 400}};
    EXPECT_TRUE(lost_rules(merged, column, {{130, 80, 30, 40}, {130, 280, 30, 40}}, 300, Across::rows).empty());
}

// A values row under a header whose column rules stand: the value cell
// under two header cells holds a number under each.
TEST(LostRules, CutsAValueCellAtTheHeaderRulesAbove) {
    const Box wide{0, 104, 200, 200};
    const std::vector<Box> header{{0, 0, 98, 100}, {102, 0, 200, 100}, wide};
    const auto cuts = lost_rules(wide, header, {{30, 130, 20, 40}, {130, 130, 20, 40}}, 300, Across::columns);
    ASSERT_EQ(cuts.size(), 1u);
    EXPECT_NEAR(cuts[0], 100, 1);
    // One number across the header's rule: one cell.
    EXPECT_TRUE(lost_rules(wide, header, {{80, 130, 40, 40}}, 300, Across::columns).empty());
}

}  // namespace
}  // namespace nianbao

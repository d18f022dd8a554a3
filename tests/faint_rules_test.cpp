// Rules followed along their grey ridge, on a generated photocopy.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "preprocess/binarize.h"
#include "tables/faint_rules.h"
#include "tables/grid.h"
#include "tables/lines.h"
#include "tests/photocopy_grain.h"

namespace nianbao {
namespace {

constexpr double dpi = 300;

// A 300 dpi grey page with a grid of 3 columns by 4 rows of 200 by 80 px
// cells; the middle row rule is printed dark only from x 100 to 250 and
// faded to a grey barely darker than the paper beyond, with the grain of a
// photocopy over all.
cv::Mat grid_with_faded_rule(int faded_grey) {
    cv::Mat page(520, 800, CV_8UC1, cv::Scalar(200));
    for (int x = 100; x <= 700; x += 200) cv::line(page, {x, 100}, {x, 420}, 50, 3);
    for (int y = 100; y <= 420; y += 80)
        if (y != 260) cv::line(page, {100, y}, {700, y}, 50, 3);
    cv::line(page, {100, 260}, {250, 260}, 50, 3);
    cv::line(page, {250, 260}, {700, 260}, faded_grey, 3);
    soften_and_grain(page, 1.5, 8, 3);
    return page;
}

size_t cells_of(const cv::Mat& page, bool follow) {
    const cv::Mat ink = ink_of_scan(page, dpi);
    LineMasks lines = find_lines(ruling_ink(ink, int(dpi / 3), {}), LineOptions::for_dpi(dpi));
    if (follow) follow_faint_rules(lines, page, ink_strokes(ink, dpi), FaintRuleOptions::for_dpi(dpi));
    const auto tables = find_tables(lines, GridOptions::for_dpi(dpi));
    return tables.size() == 1 ? tables[0].cells.size() : 0;
}

// Faded by 60 % the rule is lost to the threshold past its dark start, and
// the cells of two rows run into one; its ridge brings it back.
TEST(FaintRules, FadedRuleIsFollowedToTheEnd) {
    const cv::Mat page = grid_with_faded_rule(170);
    EXPECT_LT(cells_of(page, false), 12u);
    EXPECT_EQ(cells_of(page, true), 12u);
}

// Where the rule really ends there is no ridge to follow: the cells of the
// two rows stay one.
TEST(FaintRules, RuleThatEndsIsNotCarriedOn) {
    const cv::Mat page = grid_with_faded_rule(200);
    EXPECT_EQ(cells_of(page, true), cells_of(page, false));
    EXPECT_EQ(cells_of(page, true), 9u);
}

}  // namespace
}  // namespace nianbao

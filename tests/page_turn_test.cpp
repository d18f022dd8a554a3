// Which way up a table page stands, told from its table: a born-digital
// table page rendered at 300 dpi as a scanner would give it, turned each
// quarter, must come back with the turn that undoes it.

#include <filesystem>

#include <gtest/gtest.h>

#include "preprocess/binarize.h"
#include "preprocess/orientation.h"
#include "preprocess/pdf_document.h"
#include "tables/grid.h"
#include "tables/lines.h"
#include "tables/page_turn.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;

std::vector<TableGrid> tables_of(const cv::Mat& gray, double dpi) {
    LineOptions lo = LineOptions::for_dpi(dpi);
    lo.gap_px = int(dpi / 12);
    return find_tables(find_lines(ruling_ink(ink_of_scan(gray, dpi), int(dpi / 3), {}), lo), GridOptions::for_dpi(dpi));
}

class PageTurn : public testing::TestWithParam<int> {};

TEST_P(PageTurn, TableTellsTheTurnBack) {
    // Page 2 holds the requests table: long labels and narrow number columns.
    const PdfDocument doc =
        PdfDocument::open(fs::path(NIANBAO_SOURCE_DIR) / "fixtures" / "digital" / "gen-2022-other-processing.pdf", 10);
    const cv::Mat page = turned(doc.render_gray(2, 300, true), GetParam());
    TesseractEngine chinese({"chi_sim", 6, ""});
    const auto turn = table_upright_turn(page, 300, tables_of(page, 300), chinese);
    ASSERT_TRUE(turn.has_value());
    EXPECT_EQ(*turn, (360 - GetParam()) % 360);
}

INSTANTIATE_TEST_SUITE_P(Quarters, PageTurn, testing::Values(0, 90, 180, 270));

TEST(PageTurnNoTable, NothingToTell) {
    TesseractEngine chinese({"chi_sim", 6, ""});
    const cv::Mat blank(3508, 2480, CV_8UC1, cv::Scalar(250));
    EXPECT_FALSE(table_upright_turn(blank, 300, tables_of(blank, 300), chinese).has_value());
}

}  // namespace
}  // namespace nianbao

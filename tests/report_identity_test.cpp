// Who issued a report and for which year, from the lines of its first page.
#include <gtest/gtest.h>

#include "src/report_identity.h"

namespace nianbao {
namespace {

const std::string paragraph =
    "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》编制。\n";

TEST(ReportIdentity, TitleWithoutCityTakesTheParagraphsCity) {
    LabelText text;
    const auto id = read_identity("洪泽区人民政府\n2023年政府信息公开工作年度报告\n" + paragraph, text);
    EXPECT_EQ(id.agency, "淮安市洪泽区人民政府");
    EXPECT_EQ(id.year, 2023);
}

// A scan's title read 潜泽区 for 洪泽区 (the real 2023 report at 300 dpi):
// the paragraph names the same agency a character apart, in full.
TEST(ReportIdentity, MisreadTitleNameIsSpeltAsTheParagraphHasIt) {
    LabelText text;
    const auto id = read_identity("潜泽区人民政府\n2023年政府信息公开工作年度报告\n" + paragraph, text);
    EXPECT_EQ(id.agency, "淮安市洪泽区人民政府");
}

// Two characters apart is another name, not a misreading: the title stands.
TEST(ReportIdentity, DifferentNameInTheParagraphIsNotTaken) {
    LabelText text;
    const auto id = read_identity("清河区人民政府\n2023年政府信息公开工作年度报告\n" + paragraph, text);
    EXPECT_EQ(id.agency, "清河区人民政府");
}

}  // namespace
}  // namespace nianbao

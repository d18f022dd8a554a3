#include "tables/label_text.h"

#include <gtest/gtest.h>

#include "tables/cell_value.h"

namespace nianbao {

TEST(LabelText, NormalizesWidthSpacesAndVariants) {
    const LabelText t;
    EXPECT_EQ(t.normalize("（二）部分公开\n（区分处理的）"), "(二)部分公开(区分处理的)");
    EXPECT_EQ(t.normalize("结果 \n维持"), "结果维持");
    EXPECT_EQ(t.normalize("其它"), "其他");
    EXPECT_EQ(t.normalize("總計"), "总计");
}

TEST(LabelText, KeyDropsLeadingEnumerators) {
    const LabelText t;
    EXPECT_EQ(t.key("三、本年度办理结果"), "本年度办理结果");
    EXPECT_EQ(t.key("（一）予以公开"), "予以公开");
    EXPECT_EQ(t.key("1.属于国家秘密"), "属于国家秘密");
    EXPECT_EQ(t.key("2、重复申请"), "重复申请");
    EXPECT_EQ(t.key("三、(一)予以公开"), "予以公开");
    EXPECT_EQ(t.key("2023年度报告"), "2023年度报告");  // a year is not an enumerator
}

TEST(LabelText, SimilarityToleratesDamagedLabels) {
    EXPECT_DOUBLE_EQ(similarity("规章", "规章"), 1.0);
    EXPECT_GT(similarity("其他法律行政止公开", "其他法律行政法规禁止公开"), 0.8);
    EXPECT_LT(similarity("复议后起诉", "未经复议直接起诉"), 0.8);
}

TEST(CellValue, ParsesNumbersBlanksAndDashes) {
    EXPECT_EQ(parse_value("").kind, ParsedValue::empty);
    EXPECT_EQ(parse_value("—").kind, ParsedValue::empty);
    EXPECT_EQ(parse_value("/").kind, ParsedValue::empty);
    const auto n = parse_value("1,234");
    ASSERT_EQ(n.kind, ParsedValue::number);
    EXPECT_DOUBLE_EQ(*n.value, 1234);
    EXPECT_TRUE(n.integral);
    const auto d = parse_value("7730.28");
    EXPECT_DOUBLE_EQ(*d.value, 7730.28);
    EXPECT_FALSE(d.integral);
    EXPECT_DOUBLE_EQ(*parse_value("-3").value, -3);
    EXPECT_EQ(parse_value("结果维持").kind, ParsedValue::text);
}

}  // namespace nianbao

// Schema snapping on hand-built tables: rows named by their labels, OCR-garbled
// labels placed by the order of the rows around them (and flagged when the
// label says too little), a row whose rules were lost, and page-break
// continuation without a number.

#include <gtest/gtest.h>

#include <set>

#include "tables/label_text.h"
#include "tables/schema.h"
#include "tables/schema_snap.h"
#include "tables/table_join.h"
#include "tests/schema_2021.h"

namespace nianbao {
namespace {

TextCell cell(double x0, double y0, double x1, double y1, std::string text) {
    TextCell c;
    c.page = 1;
    c.box = {x0, y0, x1, y1};
    c.at = c.box;
    c.text = std::move(text);
    c.source = "ocr";
    c.confidence = 0.99;
    return c;
}

// The top of the requests table: the column header, then one row per label
// with `value` in the natural-person column.
const std::vector<std::string> printed_columns{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};

Table requests_top(const std::vector<std::string>& labels, const std::vector<int>& values,
                   const std::vector<std::string>& columns = printed_columns) {
    Table t;
    t.pages = {1};
    for (size_t c = 0; c < columns.size(); ++c) t.cells.push_back(cell(200 + 40.0 * c, 0, 240 + 40.0 * c, 20, columns[c]));
    for (size_t r = 0; r < labels.size(); ++r) {
        const double y = 20 + 20.0 * r;
        t.cells.push_back(cell(0, y, 200, y + 20, labels[r]));
        for (size_t c = 0; c < columns.size(); ++c)
            t.cells.push_back(cell(200 + 40.0 * c, y, 240 + 40.0 * c, y + 20, std::to_string(values[r] + int(c))));
    }
    return t;
}

const BoundCell* bound(const Snap& snap, const std::string& table, const std::string& row, const std::string& col) {
    for (const auto& t : snap.tables)
        if (t.id == table)
            for (const auto& c : t.cells)
                if (c.row == row && c.col == col) return &c;
    return nullptr;
}

// The cell was found holding `value`, and is up for review or not.
void expect_value(const Snap& snap, const std::string& row, const std::string& col, double value, bool review,
                  const std::string& table = "requests") {
    const BoundCell* c = bound(snap, table, row, col);
    ASSERT_NE(c, nullptr) << row << "." << col;
    ASSERT_TRUE(c->value.has_value()) << row << "." << col;
    EXPECT_EQ(*c->value, value) << row << "." << col;
    EXPECT_EQ(c->needs_review, review) << row << "." << col << ": " << c->note;
}

// The cell was given no value, and is up for review.
void expect_no_value(const Snap& snap, const std::string& row, const std::string& col,
                     const std::string& table = "requests") {
    const BoundCell* c = bound(snap, table, row, col);
    ASSERT_NE(c, nullptr) << row << "." << col;
    EXPECT_FALSE(c->value.has_value()) << row << "." << col;
    EXPECT_TRUE(c->needs_review) << row << "." << col;
}

TEST(SchemaSnap, GarbledLabelBetweenKnownRowsIsPlacedAndFlagged) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    const Table t = requests_top({"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "AS",
                                  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
                                 {10, 20, 30, 40});
    const Snap snap = snapper.snap({t});
    const BoundCell* c = bound(snap, "requests", "disclosed", "natural_person");
    ASSERT_NE(c, nullptr);
    ASSERT_TRUE(c->value.has_value());
    EXPECT_EQ(*c->value, 30);
    EXPECT_TRUE(c->needs_review) << "a row placed by order alone must be reviewed";
    EXPECT_NE(c->note.find("AS"), std::string::npos) << c->note;
    // Its neighbours keep their own rows, unflagged.
    const BoundCell* before = bound(snap, "requests", "carried_over", "natural_person");
    ASSERT_NE(before, nullptr);
    EXPECT_EQ(*before->value, 20);
    EXPECT_FALSE(before->needs_review);
}

// The first four rows of the requests table, the third labelled `third`,
// their natural-person numbers 10, 20, 30 and 40.
Table four_rows(const std::string& third) {
    return requests_top({"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", third,
                         "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
                        {10, 20, 30, 40});
}

// A value of the garbled row misread as a character (a photocopied 0 read
// as 中) stands in a column of numbers: it is no row label, and the garbled
// label is still the only one between its known neighbours.
TEST(SchemaSnap, MisreadValueIsNoLabelForOrder) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    Table t = four_rows("AS");
    for (auto& c : t.cells)
        if (c.text == "32") c.text = "中";  // the disclosed row's research-institution cell
    const Snap snap = snapper.snap({t});
    expect_value(snap, "disclosed", "natural_person", 30, true);
    expect_value(snap, "disclosed", "social_welfare_org", 33, true);
    expect_no_value(snap, "disclosed", "research_institution");

    // A report that prints its zeros as blanks: the cells next to the
    // misread one are blank, the number beyond them still marks the column.
    for (auto& c : t.cells)
        if (c.text == "22" || c.text == "42") c.text = "";
    expect_value(snapper.snap({t}), "disclosed", "natural_person", 30, true);
}

TEST(SchemaSnap, GarbledColumnHeaderIsPlacedByOrder) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    auto columns = printed_columns;
    columns[0] = "目然入";  // 自然人, short enough that no fuzzy match is tried
    const Table t = requests_top({"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"}, {10, 20}, columns);
    const Snap snap = snapper.snap({t});
    const BoundCell* c = bound(snap, "requests", "carried_over", "natural_person");
    ASSERT_NE(c, nullptr);
    ASSERT_TRUE(c->value.has_value());
    EXPECT_EQ(*c->value, 20);
    EXPECT_TRUE(c->needs_review) << "one character of three in common is too little to trust";
    const BoundCell* next = bound(snap, "requests", "carried_over", "commercial_enterprise");
    ASSERT_NE(next, nullptr);
    EXPECT_EQ(*next->value, 21);
    EXPECT_FALSE(next->needs_review);
}

// Row labels have their numbers after them, so they do not count as
// misread values when a header is looked for: a number read in the labels'
// column (a label misread as 3) looks past them to the header block above,
// which must not stand in the way of placing the garbled 自然人 by order.
TEST(SchemaSnap, GarbledColumnHeaderIsPlacedPastANumberInTheLabelColumn) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    auto columns = printed_columns;
    columns[0] = "目然入";
    Table t = requests_top({"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "3"}, {10, 20, 30}, columns);
    t.cells.push_back(cell(0, 0, 200, 20, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"));
    const Snap snap = snapper.snap({t});
    expect_value(snap, "carried_over", "natural_person", 20, true);
}

TEST(SchemaSnap, PunctuationMisreadStillMatchesByItsCharacters) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    const auto m = snapper.match_row(1, text.key("3危及三安全二稳定?"));
    ASSERT_GE(m.index, 0);
    EXPECT_EQ(schema_2021().tables[1].rows[size_t(m.index)].id, "withheld_security_stability");
}

TEST(SchemaSnap, TwoGarbledLabelsForOneGapAreLeftUnplaced) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    // Two unreadable labels where the template has one row between the known ones:
    // order cannot say which is which, so neither is placed.
    const Table t = requests_top({"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "AS", "QQ",
                                  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
                                 {10, 20, 30, 35, 40});
    const Snap snap = snapper.snap({t});
    expect_no_value(snap, "disclosed", "natural_person");
}

// The requests table of a fax (fax200 r026, its labels as read): ten of 22
// labels garbled past any match, in runs longer than order alone can place
// (4.无正当理由大量反复申请's label follows 2.重复申请's, the two rows
// between them left blank and their labels not read). Each label still
// resembles its own wording more than any other in order, and is named by
// it, in review; rows no label resembles are named by none.
TEST(SchemaSnap, GarbledLabelsAreLaidInOrderByLikeness) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    const Table t = requests_top(
        {"、本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "(1学以公开",
         "4部分公开《区分处理的.只计这…情形 不计其他情形，", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
         "3.危及“二安全稳定", "4.保护第三方合法权益", "5.以十二类内部事务信息", "6.属于四类过程性信息",
         "7.属于行政执法案卷", "8.属于行政查询事项", "1本机关友掌控相关政府信号", "2这有现成信息而此另行制他",
         "让生生里请鹤竺男不时全", "1信访带报投还发电请", "2让偶由请", "了.无正当理旺大黄肥复申请",
         "1.让请大充正当表由站期至体正 行政机关税要处理其政府信息会瑚 息博",
         "2申请信道期栗按收费通基要求缴 继需玫、行政视关不杜圣理其政府 们息公开申请", ":瘟计",
         "四、后转下和华度炙潜力理"},
        {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 220});
    const Snap snap = snapper.snap({t});
    expect_value(snap, "new_requests", "natural_person", 10, false);
    expect_value(snap, "disclosed", "natural_person", 30, true);
    expect_value(snap, "withheld_internal_affairs", "natural_person", 90, true);
    expect_value(snap, "unavailable_not_held", "natural_person", 130, true);
    expect_value(snap, "unavailable_needs_creation", "natural_person", 140, true);
    expect_value(snap, "unavailable_unclear", "natural_person", 150, true);
    expect_value(snap, "unprocessed_complaint", "natural_person", 160, true);
    expect_value(snap, "unprocessed_duplicate", "natural_person", 170, true);
    expect_value(snap, "unprocessed_excessive", "natural_person", 180, true);
    expect_value(snap, "other_no_correction", "natural_person", 190, true);
    expect_value(snap, "other_fee_unpaid", "natural_person", 200, true);
    expect_value(snap, "results_total", "natural_person", 210, true);
    expect_value(snap, "carried_forward", "natural_person", 220, true);
    expect_no_value(snap, "unprocessed_publication", "natural_person");
    expect_no_value(snap, "unprocessed_confirmation", "natural_person");
}

// A photocopy (photocopy150 r028): a crumb read as 站 beside numbers, where
// the one row between 1.信访举报投诉类申请 and （七）总计 left without a
// label is the variant layout's （六）其他处理 — but the template's rows
// 1.申请人无正当理由… to 3.其他 are there, so that layout is not this
// table's, and the crumb names no row.
TEST(SchemaSnap, ALabelIsNotLaidOnARowOfAnotherLayout) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    const std::vector<std::string> labels{"一、本年新收政府信息公开申请数量", "（一）予以公开",
                                          "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                                          "1.本机关不掌握相关政府信息", "1.信访举报投诉类申请", "2.重复申请", "站",
                                          "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                                          "5.要求行政机关确认或重新出具已获取信息",
                                          "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                          "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                                          "3.其他", "（七）总计"};
    const std::vector<int> values{10, 20, 30, 40, 50, 0, 60, 0, 0, 0, 0, 0, 0, 70};
    Table t = requests_top(labels, values);
    // The rows of 0s print blank: their labels name rows, their cells hold nothing.
    for (TextCell& c : t.cells)
        if (c.box.x0 >= 200 && c.box.y0 >= 20 && values[size_t((c.box.y0 - 20) / 20)] == 0) c.text.clear();
    const Snap snap = snapper.snap({t});
    expect_value(snap, "unprocessed_complaint", "natural_person", 50, false);
    expect_value(snap, "results_total", "natural_person", 70, false);
    for (const auto& table : snap.tables)
        for (const std::string& p : table.problems) EXPECT_EQ(p.find("both layouts"), std::string::npos) << p;
    const BoundCell* other = bound(snap, "requests", "other_processing", "natural_person");
    EXPECT_TRUE(other == nullptr || !other->value.has_value()) << *other->value;
    for (const std::string row : {"unprocessed_duplicate", "other_no_correction", "other_fee_unpaid", "other_misc"}) {
        const BoundCell* c = bound(snap, "requests", row, "natural_person");
        EXPECT_TRUE(c == nullptr || !c->value.has_value()) << row << ": " << *c->value;
    }
}

// A short header with a mark that is no character added (photocopy150
// r028's 自然 人-, a speck read as a dash) still names its column — also
// where order cannot: 自然人, 其他 and 总计 span both header rows and end on
// a rule of their own, so the headers of the row they end on are only they.
TEST(SchemaSnap, ShortHeaderWithAStrayMarkNamesItsColumn) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    Table t;
    t.pages = {1};
    const std::vector<std::string> spanning{"自然 人-", "其他", "总计"};
    const std::vector<double> spanning_x{200, 400, 440};
    for (size_t c = 0; c < spanning.size(); ++c) t.cells.push_back(cell(spanning_x[c], 0, spanning_x[c] + 40, 44, spanning[c]));
    t.cells.push_back(cell(240, 0, 400, 20, "法人或其他组织"));
    const std::vector<std::string> organisations{"商业企业", "科研机构", "社会公益组织", "法律服务机构"};
    for (size_t c = 0; c < organisations.size(); ++c) t.cells.push_back(cell(240 + 40.0 * c, 20, 280 + 40.0 * c, 40, organisations[c]));
    const std::vector<std::string> labels{"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"};
    for (size_t r = 0; r < labels.size(); ++r) {
        const double y = 44 + 20.0 * r;
        t.cells.push_back(cell(0, y, 200, y + 20, labels[r]));
        for (size_t c = 0; c < 7; ++c)
            t.cells.push_back(cell(200 + 40.0 * c, y, 240 + 40.0 * c, y + 20, std::to_string(10 * (r + 1) + c)));
    }
    const Snap snap = snapper.snap({t});
    expect_value(snap, "new_requests", "natural_person", 10, false);
    expect_value(snap, "carried_over", "natural_person", 20, false);
    expect_value(snap, "carried_over", "commercial_enterprise", 21, false);
    expect_value(snap, "carried_over", "total", 26, false);
}

TEST(SchemaSnap, ARowWithAPlaceClaimedTwiceGoesToReviewWhole) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    Table t = requests_top({"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"}, {10, 20});
    // A lost rule: a second number under 其他 in the carried-over row (the
    // row below's, say). Which is right is not known, and the row's other
    // numbers may have come from either row.
    t.cells.push_back(cell(400, 50, 440, 60, "7"));
    const Snap snap = snapper.snap({t});
    for (const std::string col : {"natural_person", "other_org", "total"}) {
        const BoundCell* c = bound(snap, "requests", "carried_over", col);
        ASSERT_NE(c, nullptr) << col;
        EXPECT_TRUE(c->needs_review) << col;
    }
    const BoundCell* above = bound(snap, "requests", "new_requests", "natural_person");
    ASSERT_NE(above, nullptr);
    EXPECT_EQ(*above->value, 10);
    EXPECT_FALSE(above->needs_review) << above->note;
}

// The rule between two row labels lost, not the one between their numbers:
// one label cell beside two rows of numbers, a line of text for each. Each
// line names the row beside it, in review.
TEST(SchemaSnap, LabelCellOverTwoRowsNamesEachByItsLine) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    Table t = four_rows("（一）予以公开");
    std::erase_if(t.cells, [](const TextCell& c) { return c.text.starts_with("（"); });
    t.cells.push_back(cell(0, 60, 200, 100, "（一）予以公开\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）"));
    const Snap snap = snapper.snap({t});
    expect_value(snap, "disclosed", "natural_person", 30, true);
    expect_value(snap, "partially_disclosed", "total", 46, true);
    expect_value(snap, "carried_over", "natural_person", 20, false);
}

// A label garbled past the fuzzy match (three characters of fourteen wrong)
// where order cannot place it (two template rows fit the one gap): it
// resembles one wording far more than any other, and is taken for it, in
// review. Its neighbours stay unflagged.
TEST(SchemaSnap, LabelLooselyLikeOneWordingIsNamedAndFlagged) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    const Table t = requests_top({"一、本年新收政府信息公开申请数量", "2于年结转政府信息公玫申请数喇",
                                  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
                                 {10, 20, 40});
    const Snap snap = snapper.snap({t});
    expect_value(snap, "carried_over", "natural_person", 20, true);
    expect_value(snap, "partially_disclosed", "natural_person", 40, false);
    expect_no_value(snap, "disclosed", "natural_person");
}

// A label too short for a likeness but the tail of one wording only: 维持
// (the first line of 结果维持 lost) names the appeals column.
TEST(SchemaSnap, TailOfOneWordingNamesItsColumn) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    Table t;
    t.pages = {1};
    t.cells.push_back(cell(0, 0, 100, 20, "行政复议"));
    const std::vector<std::string> heads{"维持", "结果纠正", "其他结果", "尚未审结", "总计"};
    for (size_t c = 0; c < heads.size(); ++c) {
        t.cells.push_back(cell(20.0 * c, 20, 20.0 * c + 20, 40, heads[c]));
        t.cells.push_back(cell(20.0 * c, 40, 20.0 * c + 20, 60, std::to_string(3 + c)));
    }
    const Snap snap = snapper.snap({t});
    expect_value(snap, "reconsideration", "upheld", 3, true, "appeals");
    expect_value(snap, "reconsideration", "corrected", 4, false, "appeals");
}

// The whole appeals table: group headers, column headers (garbled where
// `garbled` says) and its one line of 15 numbers, 1 to 15.
Table appeals_table(const std::set<int>& garbled) {
    Table t;
    t.pages = {1};
    t.cells.push_back(cell(0, 0, 100, 20, "行政复议"));
    t.cells.push_back(cell(100, 0, 300, 20, "行政诉讼"));
    t.cells.push_back(cell(100, 20, 200, 40, "未经复议直接起诉"));
    t.cells.push_back(cell(200, 20, 300, 40, "复议后起诉"));
    const std::vector<std::string> heads{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
    for (int c = 0; c < 15; ++c) {
        const double y0 = c < 5 ? 20 : 40;
        t.cells.push_back(cell(20.0 * c, y0, 20.0 * c + 20, 60, garbled.count(c) ? "纟" : heads[size_t(c % 5)]));
        t.cells.push_back(cell(20.0 * c, 60, 20.0 * c + 20, 80, std::to_string(c + 1)));
    }
    return t;
}

// Headers garbled past reading (a photocopy's 结果/维持 as one stroke): the
// 15 numbers of the line stand in the template's order, which names them,
// in review; the ones whose headers were read stay as they were.
TEST(SchemaSnap, AppealsNumbersWithGarbledHeadersAreNamedByTheirPlace) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    const Snap snap = snapper.snap({appeals_table({0, 7, 14})});
    expect_value(snap, "reconsideration", "upheld", 1, true, "appeals");
    expect_value(snap, "litigation_direct", "other", 8, true, "appeals");
    expect_value(snap, "litigation_after_reconsideration", "total", 15, true, "appeals");
    expect_value(snap, "litigation_direct", "corrected", 7, false, "appeals");
}

// A photocopy's table 4 whose faded rules ran cells together (photocopy150
// r008, r013): the headers of three columns read as one (妃计|结果结果 …),
// two value cells read as one garbled text, two 0s as 70. The line's cells
// still take 15 places, a wide one two: those of one width are named by
// their place, in review; a cell across two places names neither unless
// it reads as two digits.
TEST(SchemaSnap, AppealsLineWithCellsRunTogetherIsNamedByPlace) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    const Table whole = appeals_table({});
    Table t;
    t.pages = {1};
    // Column c's header is cell 4 + 2c, its number cell 5 + 2c.
    const std::set<size_t> merged{4 + 2 * 5, 4 + 2 * 6, 4 + 2 * 7, 5 + 2 * 8, 5 + 2 * 9, 5 + 2 * 1, 5 + 2 * 2};
    for (size_t i = 0; i < whole.cells.size(); ++i)
        if (!merged.count(i)) t.cells.push_back(whole.cells[i]);
    t.cells.push_back(cell(100, 40, 160, 60, "妃计|结果结果 ”1维持”到正"));
    t.cells.push_back(cell(160, 60, 200, 80, "有汪光"));
    t.cells.push_back(cell(20, 60, 60, 80, "70"));
    const Snap snap = snapper.snap({t});
    expect_value(snap, "reconsideration", "upheld", 1, false, "appeals");
    expect_value(snap, "reconsideration", "pending", 4, false, "appeals");
    expect_value(snap, "litigation_direct", "upheld", 6, true, "appeals");
    expect_value(snap, "litigation_direct", "corrected", 7, true, "appeals");
    expect_value(snap, "litigation_direct", "other", 8, true, "appeals");
    expect_value(snap, "litigation_after_reconsideration", "total", 15, false, "appeals");
    // Read as two digits, a cell across two places gives each its digit.
    expect_value(snap, "reconsideration", "corrected", 7, true, "appeals");
    expect_value(snap, "reconsideration", "other", 0, true, "appeals");
    for (const char* row_col : {"litigation_direct.pending", "litigation_direct.total"}) {
        const std::string rc = row_col;
        const size_t dot = rc.find('.');
        expect_no_value(snap, rc.substr(0, dot), rc.substr(dot + 1), "appeals");
    }
}

// Table 4 under table 3 on one page, recovered as one table (the title row
// between them boxed in by bridged rules): the cells table 3 leaves unnamed
// that table 4 names are table 4's.
Table requests_over_appeals(const Table& appeals) {
    Table t = requests_top({"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"}, {10, 20});
    for (TextCell c : appeals.cells) {
        c.box = {c.box.x0, c.box.y0 + 100, c.box.x1, c.box.y1 + 100};
        c.at = c.box;
        t.cells.push_back(c);
    }
    return t;
}

TEST(SchemaSnap, TwoStatutoryTablesRecoveredAsOne) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    const Snap snap = snapper.snap({requests_over_appeals(appeals_table({}))});
    expect_value(snap, "carried_over", "natural_person", 20, false);
    expect_value(snap, "reconsideration", "upheld", 1, false, "appeals");
    expect_value(snap, "litigation_after_reconsideration", "total", 15, false, "appeals");
    // Table 4's numbers are not table 3's unrecognised rows.
    for (const auto& t : snap.tables) EXPECT_TRUE(t.problems.empty()) << t.id << ": " << t.problems.front();
}

// The appeals table under table 3's top, its block header cells changed
// first: `replaced` sets cells of appeals_table by index, `added` are new.
Snap snap_appeals_with_headers(const std::vector<std::pair<size_t, TextCell>>& replaced,
                               const std::vector<TextCell>& added) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    Table appeals = appeals_table({});
    for (const auto& [i, c] : replaced) appeals.cells[i] = c;
    appeals.cells.insert(appeals.cells.end(), added.begin(), added.end());
    return snapper.snap({requests_over_appeals(appeals)});
}

// Table 4's block header 行政复议 cut in two by a stray rule and misread
// (4 | j收复议), and 复议后起诉 cut as 复议后起 | 诉: the first block is named
// by its place before the two read ones, in review; the second by the
// label its piece was cut from. (With table 3 above it, the line of 15
// numbers alone does not name them.)
TEST(SchemaSnap, SplitBlockHeadersOfTheAppealsTable) {
    const Snap snap = snap_appeals_with_headers({{0, cell(0, 0, 40, 20, "4")}, {3, cell(200, 20, 260, 40, "复议后起")}},
                                                {cell(40, 0, 100, 20, "j收复议"), cell(260, 20, 300, 40, "诉")});
    expect_value(snap, "reconsideration", "upheld", 1, true, "appeals");
    expect_value(snap, "reconsideration", "total", 5, true, "appeals");
    expect_value(snap, "litigation_direct", "upheld", 6, false, "appeals");
    expect_value(snap, "litigation_after_reconsideration", "pending", 14, true, "appeals");
}

// The piece cut from 复议后起诉 misread past any likeness (诉 as 下加,
// photocopy150 r019): it heads other columns than 复议后起, so it is still
// that block's; two blocks of their own would head the same columns.
TEST(SchemaSnap, GarbledPieceOfABlockHeaderHeadingOtherColumns) {
    const Snap snap = snap_appeals_with_headers({{3, cell(200, 20, 260, 40, "复议后起")}}, {cell(260, 20, 300, 40, "下加")});
    expect_value(snap, "litigation_after_reconsideration", "upheld", 11, false, "appeals");
    expect_value(snap, "litigation_after_reconsideration", "pending", 14, true, "appeals");
    expect_value(snap, "litigation_after_reconsideration", "total", 15, true, "appeals");
}

// Only the third block header read (行政复议 as 彼复议, 未经复议直接起诉 cut
// and garbled as _未 | 二直接起诉, photocopy150 r001): three headers for the
// template's three blocks, so each unread one has one place, in review.
TEST(SchemaSnap, OneNamedBlockHeaderOfThreePlacesTheOthers) {
    const Snap snap = snap_appeals_with_headers({{0, cell(0, 0, 100, 20, "彼复议")}, {2, cell(100, 20, 140, 40, "_未")}},
                                                {cell(140, 20, 200, 40, "-二直接起诉")});
    expect_value(snap, "reconsideration", "upheld", 1, true, "appeals");
    expect_value(snap, "litigation_direct", "upheld", 6, true, "appeals");
    expect_value(snap, "litigation_direct", "total", 10, true, "appeals");
    expect_value(snap, "litigation_after_reconsideration", "total", 15, false, "appeals");
}

// A faded rule between the block headers (photocopy150 r006): 复议后起诉
// reaches over the first block's 总计, whose number its headers then name
// as the second block's 总计 (found twice), and the first block's other
// headers are garbled. The line still holds the template's 15 numbers, most
// named where their place puts them: each is named by its place, in review.
TEST(SchemaSnap, AppealsNumberNamedForAnotherPlaceIsNamedByItsPlace) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    Table t = appeals_table({5, 6, 7, 8});
    t.cells[2] = cell(100, 20, 180, 40, "未经复议直接起诉");
    t.cells[3] = cell(180, 20, 300, 40, "复议后起诉");
    const Snap snap = snapper.snap({t});
    expect_value(snap, "litigation_direct", "upheld", 6, true, "appeals");
    expect_value(snap, "litigation_direct", "total", 10, true, "appeals");
    expect_value(snap, "litigation_after_reconsideration", "total", 15, false, "appeals");
    expect_value(snap, "reconsideration", "upheld", 1, false, "appeals");
}

// A line of numbers that is not the template's (one number lost to a
// merged cell) names nothing by place.
TEST(SchemaSnap, ALineOfTheWrongLengthIsNotNamedByPlace) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    Table t = appeals_table({0});
    t.cells.pop_back();
    const Snap snap = snapper.snap({t});
    expect_no_value(snap, "reconsideration", "upheld", "appeals");
    // Its row lost a cell: the rest of the row goes to review.
    expect_value(snap, "reconsideration", "corrected", 2, true, "appeals");
}

// An amount read from a scan without a decimal point may have lost it
// (21332.15 read as 2133215): it goes to review. One with its point, or a
// 0, does not.
TEST(SchemaSnap, ScannedAmountWithoutAPointIsReviewed) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    for (const auto& [read, review] : std::vector<std::pair<std::string, bool>>{{"2133215", true}, {"21332.15", false}, {"0", false}}) {
        Table t;
        t.pages = {1};
        t.cells.push_back(cell(0, 0, 100, 20, "信息内容"));
        t.cells.push_back(cell(100, 0, 200, 20, "本年收费金额（单位：万元）"));
        t.cells.push_back(cell(0, 20, 100, 40, "行政事业性收费"));
        t.cells.push_back(cell(100, 20, 200, 40, read));
        const Snap snap = snapper.snap({t});
        const BoundCell* c = bound(snap, "proactive", "fees", "amount_10k_yuan");
        ASSERT_NE(c, nullptr);
        ASSERT_TRUE(c->value.has_value()) << read;
        EXPECT_EQ(c->needs_review, review) << read << ": " << c->note;
    }
}

// The carried-over natural-person 20, scanned and read as `read` with
// high confidence, goes to review; the number above it does not.
void expect_20_read_as_is_reviewed(const std::string& read) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    Table t = requests_top({"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"}, {10, 20});
    for (auto& c : t.cells)
        if (c.text == "20") c.text = read;
    const Snap snap = snapper.snap({t});
    expect_value(snap, "carried_over", "natural_person", 20, true);
    expect_value(snap, "new_requests", "natural_person", 10, false);
}

// A 0 beside the dashes of a faded rule read as "01": no count is printed
// with a leading zero, so the reading goes to review however sure OCR was.
TEST(SchemaSnap, ScannedCountWithALeadingZeroIsReviewed) { expect_20_read_as_is_reviewed("020"); }

// A scanned cell whose number stands on two lines spans two rows whose
// rule was lost (2 over 0 read as 20): it goes to review, however sure
// the OCR was of each line.
TEST(SchemaSnap, ScannedNumberOnTwoLinesIsReviewed) { expect_20_read_as_is_reviewed("2\n0"); }

// A speck before a scanned 20 read as a minus: table 3 has no negative
// counts, so the digits are the number, in review.
TEST(SchemaSnap, ScannedMinusWhereTheTemplateHasNoneIsAMark) { expect_20_read_as_is_reviewed("-20"); }

// A cell of the TableJoin fixtures holding a number.
bool is_value(const TextCell& c) { return !c.text.empty() && std::isdigit(static_cast<unsigned char>(c.text[0])); }

TEST(TableJoin, ContinuationWithoutNumbersIsNotTakenForAHeader) {
    LabelText text;
    SchemaSnapper snapper(schema_2021(), text);
    TableFragment top, rest;
    top.page = 1;
    top.box = {0, 0, 480, 100};
    top.cells.push_back(cell(0, 0, 200, 100, "（五）不予处理"));
    rest.page = 2;
    rest.box = {0, 0, 480, 40};
    // A page of blank zeros: （七）总计 is a row label, though its key is the 总计 column's.
    rest.cells.push_back(cell(0, 0, 200, 20, "（七）总计"));
    rest.cells.push_back(cell(200, 0, 480, 20, ""));
    rest.cells.push_back(cell(0, 20, 200, 40, "四、结转下年度继续办理"));
    rest.cells.push_back(cell(200, 20, 480, 40, ""));
    rest.cells[0].page = rest.cells[1].page = rest.cells[2].page = rest.cells[3].page = 2;
    const auto opens_with_header = [&](const TableFragment& f) {
        for (const TextCell* c : head_cells(f, is_value))
            if (snapper.is_column_header(c->text)) return true;
        return false;
    };
    const auto tables = join_fragments({top, rest}, opens_with_header, is_value);
    EXPECT_EQ(tables.size(), 1u);
}

// Page 2 opens with table 3's header, two rows of column labels over the
// numbers that no schema recognises as read (photocopy150 r021: 自然 人, 法人
// 或其他组织), under table 2 on page 1: table 2 does not go on there. The
// same header repeated under table 3's first page is table 3 going on
// (photocopy150 r001), as is the fragment without it. A piece of the header
// read as a number, alone in its row, is no row of values.
TEST(TableJoin, UnreadHeaderOfStackedLabelsStartsATable) {
    TableFragment top, rest;
    top.page = 1;
    top.box = {0, 0, 480, 100};
    top.cells.push_back(cell(0, 0, 200, 50, "行政许可"));
    top.cells.push_back(cell(200, 0, 480, 50, "12"));
    rest.page = 2;
    rest.box = {0, 0, 480, 60};
    rest.cells.push_back(cell(0, 0, 200, 40, ""));
    rest.cells.push_back(cell(200, 0, 480, 20, "申请大情况"));
    rest.cells.push_back(cell(200, 20, 340, 40, "自然 人"));
    rest.cells.push_back(cell(340, 20, 400, 40, "3"));  // 法人, cut off by a stray rule
    rest.cells.push_back(cell(400, 20, 480, 40, "或其他"));
    rest.cells.push_back(cell(0, 40, 200, 60, "一、本年新收政府信息公开申请数量"));
    rest.cells.push_back(cell(200, 40, 340, 60, "5"));
    rest.cells.push_back(cell(340, 40, 480, 60, "1"));
    for (auto& c : rest.cells) c.page = 2;
    const auto unrecognised = [](const TableFragment&) { return false; };
    EXPECT_EQ(join_fragments({top, rest}, unrecognised, is_value).size(), 2u);
    TableFragment first = rest;
    first.page = 1;
    for (auto& c : first.cells) c.page = 1;
    EXPECT_EQ(join_fragments({first, rest}, unrecognised, is_value).size(), 1u) << "a header repeated";
    rest.cells.erase(rest.cells.begin(), rest.cells.begin() + 5);
    EXPECT_EQ(join_fragments({top, rest}, unrecognised, is_value).size(), 1u);
}

}  // namespace
}  // namespace nianbao

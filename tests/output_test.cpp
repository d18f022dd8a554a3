// The output writers: JSON (the contract other tools read), CSV, XLSX and the
// stderr summary, on an extraction built by hand from the 2021 schema.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "src/errors.h"
#include "src/extraction.h"
#include "src/output_csv.h"
#include "src/output_json.h"
#include "src/output_xlsx.h"
#include "src/summary.h"
#include "tests/schema_2021.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A cell text that needs every kind of CSV quoting: comma, newline, quotes.
const std::string kAwkwardText = "1,2\n\"x\"";

BoundCell read_cell(const SchemaRow& r, const SchemaColumn& c, double value, int page) {
    BoundCell cell;
    cell.row = r.id;
    cell.col = c.id;
    cell.value = value;
    cell.text = std::to_string(static_cast<int>(value));
    cell.confidence = 1.0;
    cell.source = "text-layer";
    cell.page = page;
    cell.bbox = Box{100.004, 200.126, 120.5, 210.0};
    cell.needs_review = false;
    return cell;
}

// Every cell of every table in the given variant, numbered 1, 2, 3… in schema
// order within its table; each test then spoils the cells it is about.
BoundTable numbered_table(const SchemaTable& st, const std::string& variant, std::vector<int> pages) {
    BoundTable t;
    t.id = st.id;
    t.variant = variant;
    t.pages = pages;
    int n = 0;
    for (const SchemaRow* r : st.rows_in(variant))
        for (const SchemaColumn* c : st.columns_of(*r)) t.cells.push_back(read_cell(*r, *c, ++n, pages.back()));
    return t;
}

// The sample every test starts from:
//   proactive.fees.amount_10k_yuan   7730.28 (a decimal)
//   requests.new_requests.natural_person  3
//   requests.carried_over.research_institution  printed "-": empty
//   requests.withheld_state_secret.total  unreadable, text kAwkwardText
//   appeals.reconsideration.total  not found at all
Extraction sample() {
    Extraction x;
    x.input = {"report.pdf", "0123abcd", 5, "digital"};
    x.report = {"邢台市工业和信息化局", 2023};
    x.schema = schema_2021();
    x.tables.push_back(numbered_table(*x.schema.table("proactive"), "", {3}));
    x.tables.push_back(numbered_table(*x.schema.table("requests"), "", {3, 4}));
    x.tables.push_back(numbered_table(*x.schema.table("appeals"), "", {4}));

    BoundTable& proactive = x.tables[0];
    BoundTable& requests = x.tables[1];
    BoundTable& appeals = x.tables[2];

    BoundCell* fees = proactive.find("fees", "amount_10k_yuan");
    fees->value = 7730.28;
    fees->text = "7,730.28";

    BoundCell* first = requests.find("new_requests", "natural_person");
    first->value = 3;
    first->text = "3";

    BoundCell* dash = requests.find("carried_over", "research_institution");
    dash->value.reset();
    dash->empty = true;
    dash->text = "-";

    BoundCell* garbled = requests.find("withheld_state_secret", "total");
    garbled->value.reset();
    garbled->text = kAwkwardText;
    garbled->confidence = 0.4;
    garbled->needs_review = true;
    garbled->note = "unreadable digits";

    BoundCell* missing = appeals.find("reconsideration", "total");
    *missing = BoundCell{};
    missing->row = "reconsideration";
    missing->col = "total";
    missing->needs_review = true;
    missing->note = "cell not found";

    x.checks.push_back({"requests.balance", "", "total", "pass",
                        {"requests.new_requests.total", "requests.carried_over.total", "requests.results_total.total",
                         "requests.carried_forward.total"},
                        "7 + 0 = 7 + 0"});
    x.checks.push_back({"appeals.total", "reconsideration", "", "fail",
                        {"appeals.reconsideration.total"}, "total missing, the others sum to 10"});
    x.checks.push_back({"narrative.reconsideration", "", "", "skipped", {}, "no sentence about reconsideration"});
    x.warnings.push_back("table appeals continues on the next page");
    return x;
}

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
    std::vector<std::string> out;
    for (const auto& [k, v] : j.items()) out.push_back(k);
    return out;
}

const nlohmann::ordered_json& json_cell(const nlohmann::ordered_json& j, const std::string& table, const std::string& row,
                                        const std::string& col) {
    for (const auto& c : j.at("tables").at(table).at("cells"))
        if (c.at("row") == row && c.at("col") == col) return c;
    throw std::runtime_error("no cell " + table + "." + row + "." + col + " in the JSON");
}

// ---- JSON --------------------------------------------------------------------

TEST(JsonOutput, KeysAreTheContractInItsOrder) {
    const auto j = to_json(sample());
    EXPECT_EQ(keys(j), (std::vector<std::string>{"input", "report", "schema", "tables", "checks", "narrative", "warnings"}));
    EXPECT_EQ(keys(j.at("input")), (std::vector<std::string>{"path", "sha256", "pages", "kind"}));
    EXPECT_EQ(keys(j.at("report")), (std::vector<std::string>{"agency", "year"}));
    EXPECT_EQ(keys(j.at("tables")), (std::vector<std::string>{"proactive", "requests", "appeals"}));
    EXPECT_EQ(keys(j.at("tables").at("requests")), (std::vector<std::string>{"pages", "variant", "cells", "problems"}));
    EXPECT_EQ(keys(json_cell(j, "requests", "new_requests", "natural_person")),
              (std::vector<std::string>{"row", "col", "value", "empty", "text", "confidence", "source", "page", "bbox",
                                        "needs_review"}));
    EXPECT_EQ(keys(json_cell(j, "requests", "withheld_state_secret", "total")).back(), "note");

    EXPECT_EQ(j.at("input").at("path"), "report.pdf");
    EXPECT_EQ(j.at("input").at("sha256"), "0123abcd");
    EXPECT_EQ(j.at("input").at("pages"), 5);
    EXPECT_EQ(j.at("input").at("kind"), "digital");
    EXPECT_EQ(j.at("report").at("agency"), "邢台市工业和信息化局");
    EXPECT_EQ(j.at("report").at("year"), 2023);
    EXPECT_EQ(j.at("schema"), "gov-disclosure-2021");
    EXPECT_EQ(j.at("tables").at("requests").at("pages"), json::array({3, 4}));
    EXPECT_TRUE(j.at("tables").at("requests").at("variant").is_null());
    EXPECT_EQ(j.at("warnings"), json::array({"table appeals continues on the next page"}));
}

TEST(JsonOutput, TablesFollowTheSchemaWhateverTheirOrderInTheExtraction) {
    Extraction x = sample();
    std::reverse(x.tables.begin(), x.tables.end());
    EXPECT_EQ(keys(to_json(x).at("tables")), (std::vector<std::string>{"proactive", "requests", "appeals"}));
}

TEST(JsonOutput, TwoTablesWithOneIdAreAnError) {
    Extraction x = sample();
    x.tables.push_back(x.tables[0]);
    EXPECT_THROW(to_json(x), std::runtime_error);
}

TEST(JsonOutput, NumbersRoundTripExactly) {
    const Extraction x = sample();
    std::ostringstream out;
    write_json(x, out);
    const std::string text = out.str();
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    const json j = json::parse(text);

    for (const auto& t : x.tables)
        for (const auto& c : t.cells) {
            SCOPED_TRACE(t.id + "." + c.row + "." + c.col);
            const json* found = nullptr;
            for (const auto& jc : j.at("tables").at(t.id).at("cells"))
                if (jc.at("row") == c.row && jc.at("col") == c.col) found = &jc;
            ASSERT_NE(found, nullptr);
            if (c.value)
                EXPECT_EQ(found->at("value").get<double>(), *c.value);
            else
                EXPECT_TRUE(found->at("value").is_null());
        }
    // Counts are integers in the text itself, the decimal keeps its digits.
    EXPECT_NE(text.find("\"value\": 3,"), std::string::npos);
    EXPECT_EQ(text.find("\"value\": 3.0"), std::string::npos);
    EXPECT_NE(text.find("\"value\": 7730.28,"), std::string::npos);
}

TEST(JsonOutput, CountsAreIntegersAndDecimalsAreNumbers) {
    Extraction x = sample();
    x.tables[0].find("fees", "amount_10k_yuan")->value = 7545.0;
    x.tables[1].find("new_requests", "total")->value = 3.5;  // a bug upstream: shown, not rounded
    const auto j = to_json(x);
    EXPECT_TRUE(json_cell(j, "requests", "new_requests", "natural_person").at("value").is_number_integer());
    EXPECT_TRUE(json_cell(j, "appeals", "litigation_direct", "upheld").at("value").is_number_integer());
    const auto& fees = json_cell(j, "proactive", "fees", "amount_10k_yuan").at("value");
    EXPECT_TRUE(fees.is_number());
    EXPECT_EQ(fees.get<double>(), 7545.0);
    EXPECT_EQ(json_cell(j, "requests", "new_requests", "total").at("value").get<double>(), 3.5);
}

TEST(JsonOutput, EmptyUnreadableAndMissingCells) {
    const auto j = to_json(sample());

    const auto& dash = json_cell(j, "requests", "carried_over", "research_institution");
    EXPECT_TRUE(dash.at("value").is_null());
    EXPECT_EQ(dash.at("empty"), true);
    EXPECT_EQ(dash.at("text"), "-");
    EXPECT_FALSE(dash.contains("note"));

    const auto& garbled = json_cell(j, "requests", "withheld_state_secret", "total");
    EXPECT_TRUE(garbled.at("value").is_null());
    EXPECT_EQ(garbled.at("empty"), false);
    EXPECT_EQ(garbled.at("text"), kAwkwardText);
    EXPECT_EQ(garbled.at("needs_review"), true);
    EXPECT_EQ(garbled.at("note"), "unreadable digits");
    EXPECT_EQ(garbled.at("confidence"), 0.4);

    const auto& missing = json_cell(j, "appeals", "reconsideration", "total");
    EXPECT_TRUE(missing.at("page").is_null());
    EXPECT_TRUE(missing.at("bbox").is_null());
    EXPECT_EQ(missing.at("source"), "");

    const auto& read = json_cell(j, "requests", "new_requests", "natural_person");
    EXPECT_EQ(read.at("page"), 4);
    EXPECT_EQ(read.at("source"), "text-layer");
    EXPECT_EQ(read.at("confidence"), 1.0);
    EXPECT_EQ(read.at("bbox"), json::array({100.0, 200.13, 120.5, 210.0}));
}

TEST(JsonOutput, UnknownIdentityAndVariantAreNull) {
    Extraction x = sample();
    x.report = {"", std::nullopt};
    x.tables[1] = numbered_table(*x.schema.table("requests"), "single_other_processing", {3});
    const auto j = to_json(x);
    EXPECT_TRUE(j.at("report").at("agency").is_null());
    EXPECT_TRUE(j.at("report").at("year").is_null());
    EXPECT_EQ(j.at("tables").at("requests").at("variant"), "single_other_processing");
    EXPECT_EQ(j.at("tables").at("requests").at("cells").size(), 23u * 7u);
}

TEST(JsonOutput, ChecksNameRowAndColumnOnlyWhenTheyHaveOne) {
    const auto checks = to_json(sample()).at("checks");
    ASSERT_EQ(checks.size(), 3u);
    EXPECT_EQ(keys(checks[0]), (std::vector<std::string>{"rule", "col", "status", "cells", "message"}));
    EXPECT_EQ(keys(checks[1]), (std::vector<std::string>{"rule", "row", "status", "cells", "message"}));
    EXPECT_EQ(keys(checks[2]), (std::vector<std::string>{"rule", "status", "cells", "message"}));
    EXPECT_EQ(checks[0].at("col"), "total");
    EXPECT_EQ(checks[0].at("cells").size(), 4u);
    EXPECT_EQ(checks[1].at("row"), "reconsideration");
    EXPECT_EQ(checks[1].at("status"), "fail");
    EXPECT_EQ(checks[1].at("message"), "total missing, the others sum to 10");
}

// ---- CSV ---------------------------------------------------------------------

// A strict RFC 4180 reader: what a spreadsheet or Python's csv module does.
std::vector<std::vector<std::string>> parse_csv(const std::string& s) {
    std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
    bool quoted = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char ch = s[i];
        auto& field = records.back().back();
        if (quoted) {
            if (ch == '"' && i + 1 < s.size() && s[i + 1] == '"') {
                field += '"';  // a doubled quote is one quote
                ++i;
            } else if (ch == '"') {
                quoted = false;
            } else {
                field += ch;
            }
        } else if (ch == '"') {
            quoted = true;
        } else if (ch == ',') {
            records.back().emplace_back();
        } else if (ch == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
            ++i;
            records.emplace_back(1);
        } else {
            field += ch;
        }
    }
    if (records.back() == std::vector<std::string>(1)) records.pop_back();  // after the last CRLF
    return records;
}

const std::vector<std::string>* csv_record(const std::vector<std::vector<std::string>>& records,
                                           const std::string& table, const std::string& row, const std::string& col) {
    for (const auto& r : records)
        if (r.size() > 2 && r[0] == table && r[1] == row && r[2] == col) return &r;
    return nullptr;
}

TEST(CsvOutput, OneLinePerCellWithBomAndHeader) {
    const Extraction x = sample();
    std::ostringstream out;
    write_csv(x, out);
    const std::string text = out.str();
    ASSERT_TRUE(text.starts_with("\xEF\xBB\xBF"));
    EXPECT_TRUE(text.substr(3).starts_with(
        "table,row,col,value,text,confidence,page,x0,y0,x1,y1,source,needs_review\r\n"));

    const auto records = parse_csv(text.substr(3));
    size_t cells = 0;
    for (const auto& t : x.tables) cells += t.cells.size();
    ASSERT_EQ(records.size(), 1 + cells);
    for (const auto& r : records) EXPECT_EQ(r.size(), 13u);
    EXPECT_EQ(records[1][0], "proactive");  // schema order
    EXPECT_EQ(records.back()[0], "appeals");
}

TEST(CsvOutput, FieldsAndQuotingReadBack) {
    std::ostringstream out;
    write_csv(sample(), out);
    const std::string text = out.str();
    EXPECT_NE(text.find("\"1,2\n\"\"x\"\"\""), std::string::npos) << "RFC 4180: quoted, quotes doubled";
    const auto records = parse_csv(text.substr(3));

    const auto* garbled = csv_record(records, "requests", "withheld_state_secret", "total");
    ASSERT_NE(garbled, nullptr);
    EXPECT_EQ((*garbled)[3], "");
    EXPECT_EQ((*garbled)[4], kAwkwardText);
    EXPECT_EQ((*garbled)[5], "0.4");
    EXPECT_EQ((*garbled)[12], "true");

    const auto* first = csv_record(records, "requests", "new_requests", "natural_person");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(*first, (std::vector<std::string>{"requests", "new_requests", "natural_person", "3", "3", "1", "4", "100",
                                                "200.13", "120.5", "210", "text-layer", "false"}));

    const auto* fees = csv_record(records, "proactive", "fees", "amount_10k_yuan");
    ASSERT_NE(fees, nullptr);
    EXPECT_EQ((*fees)[3], "7730.28");
    EXPECT_EQ((*fees)[4], "7,730.28");

    const auto* missing = csv_record(records, "appeals", "reconsideration", "total");
    ASSERT_NE(missing, nullptr);
    for (int f : {3, 4, 6, 7, 8, 9, 10, 11}) EXPECT_EQ((*missing)[f], "") << "field " << f;
}

TEST(CsvOutput, FieldQuotingRules) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field(""), "");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csv_field(" padded"), "\" padded\"");
}

// ---- XLSX --------------------------------------------------------------------

class XlsxOutput : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        file_ = fs::temp_directory_path() /
                ("nianbao_output_test_" + std::to_string(getpid()) + "_" + info->name() + ".xlsx");
        fs::remove(file_);
    }
    void TearDown() override { fs::remove(file_); }

    // One member of the written zip, via unzip(1).
    std::string member(const std::string& name) const {
        const std::string cmd = "unzip -p '" + file_.string() + "' '" + name + "'";
        FILE* pipe = popen(cmd.c_str(), "r");
        if (!pipe) throw std::runtime_error("cannot run " + cmd);
        std::string out;
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
        if (pclose(pipe) != 0) throw std::runtime_error(cmd + " failed");
        return out;
    }

    fs::path file_;
};

// The <c> element of one cell in a sheet's XML, "" when absent.
std::string cell_xml(const std::string& sheet, const std::string& ref) {
    const size_t start = sheet.find("<c r=\"" + ref + "\"");
    if (start == std::string::npos) return "";
    const size_t open_end = sheet.find('>', start);
    if (sheet[open_end - 1] == '/') return sheet.substr(start, open_end + 1 - start);
    const size_t close = sheet.find("</c>", open_end);
    return sheet.substr(start, close + 4 - start);
}

std::string style_of(const std::string& cell) {
    const size_t s = cell.find(" s=\"");
    if (s == std::string::npos) return "";
    return cell.substr(s + 4, cell.find('"', s + 4) - s - 4);
}

bool has_merge(const std::string& sheet, const std::string& range) {
    return sheet.find("<mergeCell ref=\"" + range + "\"/>") != std::string::npos;
}

TEST_F(XlsxOutput, IsAZipWithOneSheetPerTableThenChecksAndReport) {
    write_xlsx(sample(), file_);
    std::ifstream in(file_, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    EXPECT_EQ(std::string(magic, 4), std::string("PK\x03\x04", 4));

    const std::string workbook = member("xl/workbook.xml");
    size_t at = 0;
    for (const char* name : {"proactive", "requests", "appeals", "checks", "report"}) {
        const size_t found = workbook.find(std::string("<sheet name=\"") + name + "\"");
        ASSERT_NE(found, std::string::npos) << name;
        EXPECT_GT(found, at) << name << " out of order";
        at = found;
    }
}

TEST_F(XlsxOutput, RequestsSheetIsLaidOutLikeTheTemplate) {
    write_xlsx(sample(), file_);
    const std::string sheet = member("xl/worksheets/sheet2.xml");
    const std::string strings = member("xl/sharedStrings.xml");
    for (const char* s : {"三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "法人或其他组织", "商业企业",
                          "总计", "（三）不予公开", "1.属于国家秘密", "四、结转下年度继续办理"})
        EXPECT_NE(strings.find(s), std::string::npos) << s;

    // Title, blank corner, 申请人情况 over the 7 value columns, 自然人 and 总计
    // down two header lines, 法人或其他组织 over the five organisations.
    for (const char* range : {"A1:I1", "A2:B4", "C2:I2", "C3:C4", "D3:H3", "I3:I4"})
        EXPECT_TRUE(has_merge(sheet, range)) << range;
    // Rows from line 5: ungrouped labels span A:B, groups merged down column A.
    for (const char* range : {"A5:B5", "A6:B6", "A7:A8", "A9:A16", "A17:A19", "A20:A24", "A25:A27", "A28:B28",
                              "A29:B29"})
        EXPECT_TRUE(has_merge(sheet, range)) << range;

    EXPECT_NE(cell_xml(sheet, "C5").find("<v>3</v>"), std::string::npos) << cell_xml(sheet, "C5");
    EXPECT_EQ(cell_xml(sheet, "C5").find("t=\"s\""), std::string::npos) << "a number, not text";
    EXPECT_NE(cell_xml(sheet, "D5").find("<v>2</v>"), std::string::npos);
    const std::string dash = cell_xml(sheet, "E6");
    ASSERT_FALSE(dash.empty());
    EXPECT_EQ(dash.find("<v>"), std::string::npos) << "printed blank stays blank: " << dash;

    // The cell needing review is styled apart (yellow) and commented.
    const std::string garbled = cell_xml(sheet, "I9");
    ASSERT_FALSE(garbled.empty());
    EXPECT_EQ(garbled.find("<v>"), std::string::npos);
    EXPECT_NE(style_of(garbled), style_of(cell_xml(sheet, "C5")));
    EXPECT_NE(member("xl/styles.xml").find("FFFFFF00"), std::string::npos) << "yellow fill";
    const std::string comments = member("xl/comments1.xml");
    EXPECT_NE(comments.find("unreadable digits"), std::string::npos);
    EXPECT_NE(comments.find("text: 1,2"), std::string::npos);
}

TEST_F(XlsxOutput, VariantRowsReplaceTheSplitOnes) {
    Extraction x = sample();
    x.tables[1] = numbered_table(*x.schema.table("requests"), "single_other_processing", {3});
    write_xlsx(x, file_);
    const std::string sheet = member("xl/worksheets/sheet2.xml");
    EXPECT_TRUE(has_merge(sheet, "A25:B25")) << "（六）其他处理 as one row";
    EXPECT_TRUE(has_merge(sheet, "A26:B26")) << "（七）总计 right after it";
    EXPECT_FALSE(has_merge(sheet, "A25:A27"));
    const std::string strings = member("xl/sharedStrings.xml");
    EXPECT_NE(strings.find("（六）其他处理"), std::string::npos);
    EXPECT_EQ(strings.find("3.其他"), std::string::npos);
}

TEST_F(XlsxOutput, AppealsSheetHasColumnBlocks) {
    write_xlsx(sample(), file_);
    const std::string sheet = member("xl/worksheets/sheet3.xml");
    // 行政复议 over 5 columns, 行政诉讼 over 10 with its two kinds under it,
    // 结果维持… of 行政复议 spanning the two lower header lines.
    for (const char* range : {"A1:O1", "A2:E2", "F2:O2", "F3:J3", "K3:O3", "A3:A4", "E3:E4"})
        EXPECT_TRUE(has_merge(sheet, range)) << range;
    EXPECT_NE(cell_xml(sheet, "A5").find("<v>1</v>"), std::string::npos);
    EXPECT_NE(cell_xml(sheet, "F5").find("<v>6</v>"), std::string::npos);
    EXPECT_NE(cell_xml(sheet, "O5").find("<v>15</v>"), std::string::npos);
    EXPECT_EQ(cell_xml(sheet, "E5").find("<v>"), std::string::npos) << "the missing total stays blank";
    const std::string strings = member("xl/sharedStrings.xml");
    for (const char* s : {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "尚未审结"})
        EXPECT_NE(strings.find(s), std::string::npos) << s;
}

TEST_F(XlsxOutput, ProactiveSheetHasOneBlockPerSection) {
    write_xlsx(sample(), file_);
    const std::string sheet = member("xl/worksheets/sheet1.xml");
    // Title, then 第二十条第（一）项 heading, 信息内容 header, 规章, 行政规范性文件;
    // then (五), (六) with two rows, (八) with the decimal fee.
    for (const char* range : {"A1:D1", "A2:D2", "A6:D6", "A9:D9", "A13:D13"})
        EXPECT_TRUE(has_merge(sheet, range)) << range;
    EXPECT_NE(cell_xml(sheet, "D4").find("<v>3</v>"), std::string::npos);
    EXPECT_NE(cell_xml(sheet, "B8").find("<v>7</v>"), std::string::npos);
    EXPECT_NE(cell_xml(sheet, "B12").find("<v>9</v>"), std::string::npos);
    EXPECT_NE(cell_xml(sheet, "B15").find("<v>7730.28</v>"), std::string::npos) << cell_xml(sheet, "B15");
    const std::string strings = member("xl/sharedStrings.xml");
    for (const char* s : {"信息内容", "第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费"})
        EXPECT_NE(strings.find(s), std::string::npos) << s;
}

TEST_F(XlsxOutput, ChecksAndReportSheets) {
    write_xlsx(sample(), file_);
    const std::string checks = member("xl/worksheets/sheet4.xml");
    const std::string strings = member("xl/sharedStrings.xml");
    EXPECT_NE(strings.find("total missing, the others sum to 10"), std::string::npos);
    EXPECT_NE(strings.find("requests.new_requests.total, requests.carried_over.total"), std::string::npos);
    // Line 2 passes, line 3 fails: the failure is styled apart, in red.
    EXPECT_NE(style_of(cell_xml(checks, "A2")), style_of(cell_xml(checks, "A3")));
    EXPECT_NE(member("xl/styles.xml").find("FFFF0000"), std::string::npos) << "red font";

    const std::string report = member("xl/worksheets/sheet5.xml");
    EXPECT_NE(strings.find("0123abcd"), std::string::npos);
    EXPECT_NE(strings.find("邢台市工业和信息化局"), std::string::npos);
    EXPECT_NE(strings.find("table appeals continues on the next page"), std::string::npos);
    EXPECT_NE(report.find("<v>2023</v>"), std::string::npos);
}

TEST_F(XlsxOutput, UnwritablePathThrowsNamingTheFile) {
    const fs::path bad = fs::path("/nonexistent-nianbao-dir") / "out.xlsx";
    try {
        write_xlsx(sample(), bad);
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_EQ(e.code(), ExitCode::unreadable);
        EXPECT_NE(std::string(e.what()).find(bad.string()), std::string::npos) << e.what();
    }
}

TEST_F(XlsxOutput, NothingIsWrittenWhenTheWorkbookCannotBeBuilt) {
    Extraction x = sample();
    x.tables[2].id = "not_in_schema";
    EXPECT_THROW(write_xlsx(x, file_), std::runtime_error);
    EXPECT_FALSE(fs::exists(file_));
}

// ---- summary -----------------------------------------------------------------

size_t line_count(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(Summary, OneScreenWithCountsAndFailures) {
    std::ostringstream out;
    print_summary(sample(), out);
    const std::string s = out.str();
    EXPECT_LE(line_count(s), 25u) << s;
    EXPECT_NE(s.find("report.pdf: 5 pages, digital"), std::string::npos) << s;
    EXPECT_NE(s.find("邢台市工业和信息化局, 2023, schema gov-disclosure-2021"), std::string::npos) << s;
    EXPECT_NE(s.find("pages 3-4"), std::string::npos) << s;
    EXPECT_NE(s.find("175 cells: 173 read, 1 empty, 1 to review"), std::string::npos) << s;
    EXPECT_NE(s.find("10 cells: 10 read, 0 empty, 0 to review"), std::string::npos) << s;
    EXPECT_NE(s.find("15 cells: 14 read, 0 empty, 1 to review"), std::string::npos) << s;
    EXPECT_NE(s.find("checks: 1 pass, 1 fail, 1 skipped"), std::string::npos) << s;
    EXPECT_NE(s.find("appeals.total (row reconsideration): total missing, the others sum to 10"), std::string::npos)
        << s;
    EXPECT_EQ(s.find("requests.balance"), std::string::npos) << "passing checks are only counted";
    EXPECT_NE(s.find("table appeals continues on the next page"), std::string::npos) << s;
}

TEST(Summary, ManyFailuresStayOnOneScreen) {
    Extraction x = sample();
    x.checks.clear();
    for (int i = 0; i < 25; ++i)
        x.checks.push_back({"requests.row_total", "row" + std::to_string(i), "", "fail", {}, "off by " + std::to_string(i)});
    for (int i = 0; i < 8; ++i) x.warnings.push_back("warning " + std::to_string(i));
    x.tables.pop_back();
    x.report = {"", std::nullopt};

    std::ostringstream out;
    print_summary(x, out);
    const std::string s = out.str();
    EXPECT_LE(line_count(s), 25u) << s;
    EXPECT_NE(s.find("checks: 0 pass, 25 fail, 0 skipped"), std::string::npos) << s;
    EXPECT_NE(s.find("off by 9\n"), std::string::npos) << s;
    EXPECT_EQ(s.find("off by 10\n"), std::string::npos) << s;
    EXPECT_NE(s.find("… and 15 more"), std::string::npos) << s;
    EXPECT_NE(s.find("… and 6 more"), std::string::npos) << "warnings beyond the first three: " << s;
    EXPECT_NE(s.find("appeals   not found"), std::string::npos) << s;
    EXPECT_NE(s.find("(agency unknown), (year unknown)"), std::string::npos) << s;
}

}  // namespace
}  // namespace nianbao

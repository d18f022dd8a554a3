// Every fixture that comes with a truth file is extracted and compared with
// it cell by cell, and its check results with the failures it must report.

#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "src/pipeline.h"
#include "tests/truth_compare.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<fs::path> truth_files() {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(NIANBAO_SOURCE_DIR) / "fixtures"))
        if (e.path().string().ends_with(".truth.json")) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string test_name(const testing::TestParamInfo<fs::path>& info) {
    std::string name = info.param.parent_path().filename().string() + "_" + info.param.filename().string();
    name = name.substr(0, name.size() - std::string(".truth.json").size());
    for (char& c : name)
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

class Truth : public testing::TestWithParam<fs::path> {};

TEST_P(Truth, EveryCellAndCheckAsExpected) {
    const fs::path truth_path = GetParam();
    std::ifstream in(truth_path);
    const json truth = json::parse(in);
    const fs::path pdf = truth_path.parent_path() / truth.at("file").get<std::string>();
    const Extraction ex = extract_report(pdf, ExtractOptions{});

    if (truth.contains("schema")) EXPECT_EQ(ex.schema.id, truth.at("schema"));
    EXPECT_EQ(ex.report.agency, truth.at("report").at("agency"));
    ASSERT_TRUE(ex.report.year.has_value());
    EXPECT_EQ(*ex.report.year, truth.at("report").at("year"));

    std::set<std::string> seen;
    for (const auto& t : ex.tables)
        for (const auto& c : t.cells) {
            const std::string id = t.id + "." + c.row + "." + c.col;
            seen.insert(id);
            ASSERT_TRUE(truth.at("cells").contains(id)) << id << " is not a cell of this report's layout";
            const json& want = truth.at("cells").at(id);
            if (want.is_null()) {
                EXPECT_FALSE(c.value.has_value()) << id << " should be empty, got text '" << c.text << "'";
                EXPECT_TRUE(c.empty) << id << " should be marked empty";
            } else {
                ASSERT_TRUE(c.value.has_value()) << id << ": no number (" << c.note << ")";
                EXPECT_DOUBLE_EQ(*c.value, want.get<double>()) << id << " read from '" << c.text << "'";
            }
        }
    for (const auto& [id, v] : truth.at("cells").items()) EXPECT_TRUE(seen.count(id)) << id << " missing from the output";

    const json expected = truth.value("expected_failures", json::array());
    for (const auto& c : ex.checks) {
        if (c.status != "fail") continue;
        const bool wanted = std::any_of(expected.begin(), expected.end(), [&](const json& e) { return answers(c, e); });
        EXPECT_TRUE(wanted) << "unexpected failure " << c.rule << " " << c.row << c.col << ": " << c.message;
    }
    for (const auto& e : expected) {
        const bool found = std::any_of(ex.checks.begin(), ex.checks.end(),
                                       [&](const CheckResult& c) { return c.status == "fail" && answers(c, e); });
        EXPECT_TRUE(found) << "expected failure not reported: " << e.dump();
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Truth, testing::ValuesIn(truth_files()), test_name);

}  // namespace
}  // namespace nianbao

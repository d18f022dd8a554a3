// Scanned documents of every degradation level (fixtures/scanned.json),
// made into the build tree by scripts/fixtures/make_scanned_fixtures.py
// (the ctest fixture `scanned_fixtures` runs it first), each extracted and
// compared with its truth cell by cell. The hard line is that no wrong number
// leaves the tool without needs_review; the accuracy figures are floors per
// level, to be raised as OCR improves, never timings.
//
// Alone: ctest --test-dir build -L scan_levels --output-on-failure -V

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "src/errors.h"
#include "src/pipeline.h"
#include "tests/truth_compare.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Cell-accuracy floors per level, a little below what the code measured on
// 2026-11-23 (main after the label-order and mark-count work) on the documents of
// fixtures/scanned.json; a level's floor is below its weakest document.
// Floors, not targets: raise them as OCR accuracy improves.
const std::map<std::string, double> accuracy_floor = {
    {"clean300", 0.98},      // measured 200/200 (100 %)
    {"light300", 0.98},      // measured 197/198 (99.5 %)
    {"office200", 0.97},     // measured 196/198 (99.0 %)
    {"photocopy150", 0.70},  // measured 153/200 (76.5 %) on 2026-11-24 (session 5: misread values no labels,
                             // table 4 named when recovered with table 3); 137/200 on branch hpc2 before
    {"fax200", 0.98},        // measured 198/200 (99.0 %) on branch hfax (cells run together through faded
                             // rules cut apart, garbled labels named loosely, broken glyphs rejoined)
    {"rotated", 0.95},       // measured 186/186 (100 %) upside down, 195/200 (97.5 %) quarter turn (the table
                             // tells the turn; OSD had left the upside-down page as it stood)
    {"seal", 0.98},          // measured 200/200 (100 %) since red seal ink is dropped out (was 179/200)
};

json read_json(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path.string() + ": cannot be read");
    return json::parse(in);
}

// The document names, from the manifest the generator reads too: the tests
// are listed before the documents exist.
std::vector<std::string> documents() {
    const json manifest = read_json(fs::path(NIANBAO_SOURCE_DIR) / "fixtures" / "scanned.json");
    std::vector<std::string> names;
    for (const auto& d : manifest.at("documents")) names.push_back(d.at("name"));
    return names;
}

class ScanLevel : public testing::TestWithParam<std::string> {};

TEST_P(ScanLevel, CellsAgainstTruth) {
    const fs::path dir = NIANBAO_SCANNED_DIR;
    const fs::path truth_path = dir / (GetParam() + ".truth.json");
    ASSERT_TRUE(fs::exists(truth_path)) << truth_path << " missing: run scripts/fixtures/make_scanned_fixtures.py --out "
                                        << dir << " (ctest runs it as the test scanned_fixtures_make)";
    const json truth = read_json(truth_path);
    const std::string level = truth.at("scan").at("level");
    ASSERT_TRUE(accuracy_floor.count(level)) << "no accuracy floor for level " << level;

    // A scan in which no statutory table is found (exit 8) scores as
    // scripts/benchmark/score.py scores it: every cell not read, none silent.
    Extraction ex;
    bool found = true;
    try {
        ex = extract_report(dir / truth.at("file").get<std::string>(), ExtractOptions{});
    } catch (const InputError& e) {
        if (e.code() != ExitCode::no_tables) throw;
        found = false;
        std::cout << "[ measured ] " << GetParam() << ": " << e.what() << "\n";
    }
    if (found) {
        EXPECT_EQ(ex.input.kind, truth.at("input").at("kind"));
        EXPECT_EQ(ex.input.pages, truth.at("input").at("pages"));
        EXPECT_EQ(ex.schema.id, truth.at("schema"));
    }

    const CellScore s = score_cells(ex, truth);
    // The measured figures, for raising the floors: ctest -V shows them.
    std::cout << "[ measured ] " << GetParam() << " (" << level << "): " << s.right << "/" << s.cells
              << " cells right (" << s.accuracy() * 100 << " %), silent " << s.silent << ", flagged wrong "
              << s.flagged_wrong << ", not read " << s.not_read << " (unflagged " << s.not_read_unflagged << ")\n";
    // Not weakened for any level: on 2026-11-23 seal-appeals-broken fails here
    // (a seal over table 3's rules; two misread numbers without needs_review).
    EXPECT_EQ(s.silent, 0) << "wrong and not flagged:" << s.silent_list;
    EXPECT_GE(s.accuracy(), accuracy_floor.at(level))
        << s.right << " of " << s.cells << " cells right; wrong:" << s.wrong_list;

    for (const auto& e : truth.at("expected_failures")) {
        const bool found = std::any_of(ex.checks.begin(), ex.checks.end(),
                                       [&](const CheckResult& c) { return c.status == "fail" && answers(c, e); });
        EXPECT_TRUE(found) << "expected failure not reported: " << e.dump();
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ScanLevel, testing::ValuesIn(documents()), [](const auto& info) {
    std::string n = info.param;
    for (char& c : n)
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
    return n;
});

}  // namespace
}  // namespace nianbao

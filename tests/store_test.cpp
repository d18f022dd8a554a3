// The batch database on its own: schema versioning, one document written and
// read back, rewriting without duplicates, corrections applied without
// touching the originals, and series.carry across years.

#include <filesystem>
#include <unistd.h>

#include <gtest/gtest.h>

#include "src/output_json.h"
#include "src/store.h"
#include "src/store_schema.h"
#include "src/store_series.h"
#include "src/store_status.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;

class StoreDb : public testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("nianbao_store_test_" + std::to_string(getpid()) + "_" +
                                            testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path db_path() const { return dir_ / "t.sqlite"; }
    fs::path dir_;
};

// A small report with a requests table: carried_over and carried_forward
// per applicant column, the rest left out.
Extraction report(const std::string& agency, int year, double carried_over, double carried_forward) {
    Extraction ex;
    ex.input = InputInfo{"r.pdf", "h", 5, "digital"};
    ex.report = ReportIdentity{agency, year};
    ex.schema.id = "gov-disclosure-2021";
    BoundTable t;
    t.id = "requests";
    t.pages = {3, 4};
    for (const char* row : {"carried_over", "carried_forward"}) {
        BoundCell c;
        c.row = row;
        c.col = "total";
        c.value = std::string(row) == "carried_over" ? carried_over : carried_forward;
        c.text = "x";
        c.confidence = 1;
        c.source = "text-layer";
        c.page = 3;
        c.bbox = Box{1, 2, 3, 4};
        c.needs_review = false;
        if (std::string(row) == "carried_forward") c.alternatives = {"7", "2l"};
        t.cells.push_back(c);
    }
    BoundCell unread;
    unread.row = "new_requests";
    unread.col = "total";
    unread.note = "not found";
    t.cells.push_back(unread);
    ex.tables.push_back(t);
    ex.checks.push_back(CheckResult{"requests.balance", "", "total", "fail", {"requests.new_requests.total"}, "1 ≠ 2"});
    ex.narrative = {NarrativeClaim{"narrative.requests_received", 12, "收到申请12件"},
                    NarrativeClaim{"narrative.litigation", std::nullopt, ""}};
    ex.warnings = {"a warning"};
    return ex;
}

StoredDocument add(Store& store, const std::string& hash) {
    return store.add(DocumentInput{hash, "/archive/" + hash + ".pdf", "pdf", 0, {}});
}

int count(Database& db, const std::string& sql) {
    Statement s = db.prepare(sql);
    s.step();
    return s.integer(0);
}

TEST_F(StoreDb, SchemaIsVersionedAndReopeningChangesNothing) {
    { Store store(db_path()); }
    Store store(db_path());
    EXPECT_EQ(count(store.db(), "PRAGMA user_version"), store_schema_version());
    Statement mode = store.db().prepare("PRAGMA journal_mode");
    mode.step();
    EXPECT_EQ(mode.text(0), "wal");
}

TEST_F(StoreDb, ADatabaseFromANewerNianbaoIsRefused) {
    { Store store(db_path()); store.db().exec("PRAGMA user_version = 999"); }
    EXPECT_THROW(Store{db_path()}, StoreError);
}

// A database of schema version 1 (written before OCR's alternatives, the
// prose's claims and the review's live checks were kept) is brought up to
// date with its results intact.
TEST_F(StoreDb, VersionOneIsMigrated) {
    {
        Store store(db_path());
        store.save_done(add(store, "aaa").id, report("A", 2023, 1, 2), RunTiming{});
        store.db().exec(
            "DROP INDEX cells_flagged; DROP INDEX checks_failing; DROP INDEX live_checks_failing; "
            "DROP TABLE narrative_claims; DROP TABLE live_checks; ALTER TABLE cells DROP COLUMN alternatives; "
            "PRAGMA user_version = 1");
    }
    Store store(db_path());
    EXPECT_EQ(count(store.db(), "PRAGMA user_version"), store_schema_version());
    const Extraction back = load_extraction(store.db(), 1, true, {});
    EXPECT_EQ(back.table("requests")->cells.size(), 3u);
    EXPECT_TRUE(back.table("requests")->find("carried_forward", "total")->alternatives.empty());
    EXPECT_TRUE(back.narrative.empty());
    EXPECT_EQ(count(store.db(), "SELECT count(*) FROM live_checks"), 0);
}

TEST_F(StoreDb, ADocumentIsAddedOncePerHashWithEveryPath) {
    Store store(db_path());
    const auto a = add(store, "aaa");
    const auto again = store.add(DocumentInput{"aaa", "/elsewhere/copy.pdf", "pdf", 0, {}});
    EXPECT_EQ(a.id, again.id);
    EXPECT_EQ(again.status, "queued");
    EXPECT_EQ(count(store.db(), "SELECT count(*) FROM documents"), 1);
    EXPECT_EQ(count(store.db(), "SELECT count(*) FROM document_paths"), 2);
}

TEST_F(StoreDb, SavedResultsReadBackAsTheExtraction) {
    Store store(db_path());
    const auto d = add(store, "aaa");
    const Extraction ex = report("某某县人民政府", 2023, 1, 2);
    store.save_done(d.id, ex, RunTiming{"t0", "t1", 0.5});
    Extraction back = load_extraction(store.db(), d.id, true, {});
    back.input.path = ex.input.path;  // the store keeps the path it found the file under
    back.input.sha256 = ex.input.sha256;
    EXPECT_EQ(to_json(back), to_json(ex));
}

TEST_F(StoreDb, SavingAgainReplacesAndFailureClearsResults) {
    Store store(db_path());
    const auto d = add(store, "aaa");
    store.save_done(d.id, report("A", 2023, 1, 2), RunTiming{});
    store.save_done(d.id, report("A", 2023, 1, 2), RunTiming{});
    EXPECT_EQ(count(store.db(), "SELECT count(*) FROM cells"), 3);
    EXPECT_EQ(count(store.db(), "SELECT count(*) FROM checks"), 1);
    EXPECT_EQ(count(store.db(), "SELECT count(*) FROM narrative_claims"), 2);
    store.save_failed(d.id, RunFailure{"damaged", "truncated", 6}, RunTiming{});
    EXPECT_EQ(count(store.db(), "SELECT count(*) FROM cells"), 0);
    EXPECT_EQ(count(store.db(), "SELECT exit_code FROM documents"), 6);
}

TEST_F(StoreDb, CorrectionsApplyWithoutTouchingTheOriginal) {
    Store store(db_path());
    const auto d = add(store, "aaa");
    store.save_done(d.id, report("A", 2023, 1, 2), RunTiming{});
    store.db().exec(
        "INSERT INTO corrections (document_id, table_id, row, col, old_value, new_value, reviewer) "
        "VALUES (" + std::to_string(d.id) + ", 'requests', 'new_requests', 'total', NULL, 7, 'li')");
    const Extraction corrected = load_extraction(store.db(), d.id, true, {});
    const BoundCell* c = corrected.table("requests")->find("new_requests", "total");
    ASSERT_TRUE(c->value.has_value());
    EXPECT_EQ(*c->value, 7);
    EXPECT_FALSE(c->needs_review);
    const Extraction original = load_extraction(store.db(), d.id, false, {});
    EXPECT_FALSE(original.table("requests")->find("new_requests", "total")->value.has_value());
    // A re-extraction keeps the correction: it names the cell, not a row id.
    store.save_done(d.id, report("A", 2023, 1, 2), RunTiming{});
    EXPECT_EQ(count(store.db(), "SELECT count(*) FROM cell_values WHERE corrected = 1 AND final_value = 7"), 1);
    EXPECT_EQ(read_status(store.db()).flagged_cells, 0);
}

TEST_F(StoreDb, SeriesCarryMatchesBodiesByNormalisedName) {
    Store store(db_path());
    const auto y1 = add(store, "y1"), y2 = add(store, "y2"), y3 = add(store, "y3"), other = add(store, "o");
    store.save_done(y1.id, report("某某县 人民政府", 2021, 0, 4), RunTiming{});
    store.save_done(y2.id, report("某某县人民政府", 2022, 4, 5), RunTiming{});   // 4 = 4: pass
    store.save_done(y3.id, report("某某县人民政府", 2023, 6, 0), RunTiming{});   // 6 ≠ 5: fail
    store.save_done(other.id, report("别的县人民政府", 2022, 9, 9), RunTiming{});  // another body
    const auto checks = compute_series_checks(store.db());
    ASSERT_EQ(checks.size(), 2u);
    EXPECT_EQ(checks[0].year, 2022);
    EXPECT_EQ(checks[0].status, "pass");
    EXPECT_EQ(checks[1].year, 2023);
    EXPECT_EQ(checks[1].status, "fail");
    EXPECT_EQ(checks[1].previous_document_id, y2.id);
    save_series_checks(store.db(), checks);
    save_series_checks(store.db(), checks);
    EXPECT_EQ(count(store.db(), "SELECT count(*) FROM series_checks"), 2);
}

}  // namespace
}  // namespace nianbao

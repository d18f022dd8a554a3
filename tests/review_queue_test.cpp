// The review queue read from SQLite (src/review_queue.h) on a store of 2,000
// synthetic documents inserted directly: flagged cells, failing checks as
// extracted, corrections, and live checks written by an earlier review that
// override the extracted ones. The expected answer is worked out here from
// the same plain rules (docs/review.md): a cell is left while it is not
// reviewed and is flagged or in a failing check; a document is done when
// none is left.

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "src/review_queue.h"
#include "src/store.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSource = NIANBAO_SOURCE_DIR;
constexpr int kDocuments = 2000;
const std::vector<std::string> kRows = {"reconsideration", "litigation_direct", "litigation_after_reconsideration"};
const std::vector<std::string> kCols = {"upheld", "corrected", "other", "pending", "total"};

// Which document has what, by its id.
bool flagged(int i) { return i % 7 == 0; }          // appeals.reconsideration.upheld flagged
bool failed_extracted(int i) { return i % 11 == 0; }  // appeals.total of reconsideration failed when extracted
bool corrected(int i) { return i % 13 == 0; }       // reconsideration.upheld corrected (live checks written)
bool fixed_live(int i) { return i % 26 == 0; }      // ... and the live check passes since
bool failing_now(int i) { return corrected(i) ? failed_extracted(i) && !fixed_live(i) : failed_extracted(i); }

std::string cell(const std::string& row, const std::string& col) { return "appeals." + row + "." + col; }

json row_cells(const std::string& row) {
    json a = json::array();
    for (const auto& c : kCols) a.push_back(cell(row, c));
    return a;
}

class ReviewQueue : public testing::Test {
protected:
    static void SetUpTestSuite() {
        file_ = fs::temp_directory_path() / ("nianbao_review_queue_test_" + std::to_string(getpid()) + ".sqlite");
        fs::remove(file_);
        Store store(file_);
        Database& db = store.db();
        Transaction tx(db);
        Statement doc = db.prepare(
            "INSERT INTO documents (id, sha256, path, input_type, pages, kind, agency, year, template, warnings, status, "
            "updated_at) VALUES (?1, ?2, ?3, 'pdf', 4, 'scanned', ?4, ?5, 'gov-disclosure-2021', '[]', 'done', 'now')");
        Statement table = db.prepare(
            "INSERT INTO tables (document_id, table_id, ord, variant, pages, problems) VALUES (?1, 'appeals', 2, NULL, '[4]', '[]')");
        Statement c = db.prepare(
            "INSERT INTO cells (document_id, table_id, row, col, ord, value, empty, text, confidence, source, page, "
            "x0, y0, x1, y1, needs_review) VALUES (?1, 'appeals', ?2, ?3, ?4, ?5, 0, ?6, ?7, 'ocr', 4, 1, 2, 3, 4, ?8)");
        Statement check = db.prepare(
            "INSERT INTO checks (document_id, ord, rule, row, col, status, cells, message) "
            "VALUES (?1, ?2, 'appeals.total', ?3, NULL, ?4, ?5, 'm')");
        Statement live = db.prepare(
            "INSERT INTO live_checks (document_id, ord, rule, row, col, status, cells, message, live) "
            "VALUES (?1, ?2, 'appeals.total', ?3, NULL, ?4, ?5, 'm', 1)");
        Statement fix = db.prepare(
            "INSERT INTO corrections (document_id, table_id, row, col, old_value, new_value, reviewer) "
            "VALUES (?1, 'appeals', 'reconsideration', 'upheld', 1, 1, 't')");
        for (int i = 1; i <= kDocuments; ++i) {
            doc.bind(1, i).bind(2, "sha" + std::to_string(i)).bind(3, "/a/" + std::to_string(i) + ".pdf");
            doc.bind(4, "机关" + std::to_string(i % 50)).bind(5, 2019 + i % 5).run();
            table.bind(1, i).run();
            int ord = 0;
            for (const auto& r : kRows)
                for (const auto& col : kCols) {
                    const bool flag = flagged(i) && r == "reconsideration" && col == "upheld";
                    const double v = col == "total" ? 4 : 1;
                    c.bind(1, i).bind(2, r).bind(3, col).bind(4, ord++).bind(5, v).bind(6, std::to_string(int(v)));
                    c.bind(7, flag ? 0.5 : 0.99 - 0.001 * ord).bind(8, flag ? 1 : 0).run();
                }
            for (size_t k = 0; k < kRows.size(); ++k) {
                const bool rec = kRows[k] == "reconsideration";
                check.bind(1, i).bind(2, int(k)).bind(3, kRows[k]);
                check.bind(4, rec && failed_extracted(i) ? "fail" : "pass").bind(5, row_cells(kRows[k]).dump()).run();
                if (!corrected(i)) continue;
                live.bind(1, i).bind(2, int(k)).bind(3, kRows[k]);
                live.bind(4, rec && failing_now(i) ? "fail" : "pass").bind(5, row_cells(kRows[k]).dump()).run();
            }
            if (corrected(i)) fix.bind(1, i).run();
        }
        tx.commit();
    }
    static void TearDownTestSuite() {
        for (const char* ext : {"", "-wal", "-shm"}) fs::remove(file_.string() + ext);
    }

    // The cells left of document i, by the rules.
    static std::set<std::string> expected_left(int i) {
        std::set<std::string> left;
        if (flagged(i)) left.insert(cell("reconsideration", "upheld"));
        if (failing_now(i))
            for (const auto& col : kCols) left.insert(cell("reconsideration", col));
        if (corrected(i)) left.erase(cell("reconsideration", "upheld"));
        return left;
    }

    json queue(QueueFilter f = {}) {
        if (f.limit == QueueFilter{}.limit) f.limit = 1000000;
        Database db(file_);
        return review_queue(db, f, schemas_);
    }

    static fs::path file_;
    std::vector<Schema> schemas_ = load_schemas(kSource / "models");
};

fs::path ReviewQueue::file_;

TEST_F(ReviewQueue, AnswersForThousandsOfDocumentsByTheRules) {
    const auto started = std::chrono::steady_clock::now();
    const json q = queue();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::cout << "[ queue of " << kDocuments << " documents: " << q["items"].size() << " items in " << ms << " ms ]\n";

    std::set<std::string> want_items;
    int want_not_done = 0, want_failing = 0;
    for (int i = 1; i <= kDocuments; ++i) {
        for (const auto& id : expected_left(i)) want_items.insert(std::to_string(i) + "/" + id);
        want_not_done += !expected_left(i).empty();
        want_failing += failing_now(i);
    }
    std::set<std::string> got_items;
    for (const auto& it : q["items"]) {
        const std::string id = cell(it["row"], it["col"]);
        got_items.insert(it["document"].dump() + "/" + id);
        EXPECT_EQ(it["table"], "appeals");
        EXPECT_EQ(it["failing"], failing_now(it["document"].get<int>())) << it.dump();
        EXPECT_EQ(it["value"], it["col"] == "total" ? 4 : 1);
    }
    EXPECT_EQ(got_items, want_items);
    EXPECT_EQ(q["left"]["cells"], want_items.size());
    EXPECT_EQ(q["left"]["documents"], want_not_done);
    EXPECT_EQ(q["left"]["failing_checks"], want_failing);

    ASSERT_EQ(q["documents"].size(), size_t(kDocuments));
    bool seen_done = false, seen_not_failing = false;
    for (const auto& d : q["documents"]) {
        const int i = d["id"];
        const auto left = expected_left(i);
        EXPECT_EQ(d["left"], left.size()) << i;
        EXPECT_EQ(d["failing_checks"], failing_now(i) ? 1 : 0) << i;
        EXPECT_EQ(d["failing_open"], failing_now(i) ? 1 : 0) << i;
        EXPECT_EQ(d["corrected"], corrected(i) ? 1 : 0) << i;
        EXPECT_EQ(d["done"], left.empty()) << i;
        EXPECT_EQ(d["year"], 2019 + i % 5);
        // Not done before done; failing before not failing among those not done.
        if (d["done"].get<bool>()) seen_done = true;
        else EXPECT_FALSE(seen_done) << i;
        if (!d["done"].get<bool>()) {
            if (d["failing_checks"] == 0) seen_not_failing = true;
            else EXPECT_FALSE(seen_not_failing) << i;
        }
    }
    // The items follow their documents, failing cells first.
    EXPECT_EQ(q["items"][0]["failing"], true);
}

TEST_F(ReviewQueue, FiltersAndLimit) {
    QueueFilter f;
    f.table = "proactive";
    EXPECT_TRUE(queue(f)["items"].empty());

    f = {};
    f.document = 77;  // 7 · 11: flagged and failing
    const json one = queue(f);
    ASSERT_EQ(one["documents"].size(), 1u);
    EXPECT_EQ(one["items"].size(), expected_left(77).size());
    EXPECT_EQ(one["items"][0]["failing"], true);

    f = {};
    f.year = 2020;
    for (const auto& it : queue(f)["items"]) EXPECT_EQ(it["document"].get<int>() % 5, 1);

    f = {};
    f.agency = "关7";  // 机关7 alone: the ids ≡ 7 (mod 50)
    const json agency = queue(f);
    EXPECT_EQ(agency["documents"].size(), size_t(kDocuments / 50));
    for (const auto& d : agency["documents"]) EXPECT_EQ(d["agency"], "机关7");

    // Only the cells a rule covers: appeals.total covers every cell here; a rule no check has, none.
    f = {};
    f.check = "appeals.total";
    EXPECT_EQ(queue(f)["items"].size(), queue()["items"].size());
    f.check = "requests.balance";
    EXPECT_TRUE(queue(f)["items"].empty());

    f = {};
    f.limit = 10;
    const json few = queue(f);
    EXPECT_EQ(few["items"].size(), 10u);
    EXPECT_EQ(few["left"]["cells"], queue()["left"]["cells"]);
}

}  // namespace
}  // namespace nianbao

// nianbao review over HTTP: a database made by the real binary (`nianbao
// batch`) from hongze-2023.pdf, whose appeals.total check fails (总计 printed 0
// beside 结果维持 10 + 结果纠正 1), served in-process on an ephemeral port.
// A correction through the API turns the check to pass and is a row in
// corrections, the original kept; undo takes it back; the security defaults
// hold.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "src/errors.h"
#include "src/review.h"
#include "src/review_server.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSource = NIANBAO_SOURCE_DIR;

fs::path work_dir() { return fs::temp_directory_path() / ("nianbao_review_test_" + std::to_string(getpid())); }

class Review : public testing::Test {
protected:
    // One batch run for the suite; each test gets its own copy of the database.
    static void SetUpTestSuite() {
        fs::remove_all(work_dir());
        fs::create_directories(work_dir());
        std::ofstream(work_dir() / "list.txt") << (kSource / "fixtures/real/hongze-2023.pdf").string() << "\n";
        const std::string cmd = std::string(NIANBAO_BIN) + " batch -q --manifest " + (work_dir() / "list.txt").string() +
                                " --db " + (work_dir() / "batch.sqlite").string();
        ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
    static void TearDownTestSuite() { fs::remove_all(work_dir()); }

    void SetUp() override {
        db_ = work_dir() / (std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + ".sqlite");
        fs::copy_file(work_dir() / "batch.sqlite", db_, fs::copy_options::overwrite_existing);
    }
    void TearDown() override {
        if (server_) {
            server_->stop();
            thread_.join();
        }
    }

    // Serves the copy; returns a client for it.
    httplib::Client& serve(ReviewOptions options = {}) {
        options.reviewer = options.reviewer.empty() ? "tester" : options.reviewer;
        api_ = std::make_unique<ReviewApi>(db_, load_schemas(kSource / "models"));
        server_ = std::make_unique<ReviewServer>(*api_, options);
        port_ = server_->bind();
        thread_ = std::thread([this] { server_->serve(); });
        client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
        return *client_;
    }

    static json body(const httplib::Result& r) { return json::parse(r->body); }

    // Every cell of the queue accepted as read.
    static void accept_all(httplib::Client& c, const json& queue) {
        for (const auto& it : queue["items"]) {
            const std::string path = "/api/cells/" + it["document"].dump() + "/" + it["table"].get<std::string>() +
                                     "/" + it["row"].get<std::string>() + "/" + it["col"].get<std::string>() +
                                     "/corrections";
            ASSERT_EQ(c.Post(path, json{{"value", it["value"]}}.dump(), "application/json")->status, 201);
        }
    }

    int count_corrections() {
        Database db(db_);
        Statement s = db.prepare("SELECT count(*) FROM corrections");
        s.step();
        return s.integer(0);
    }

    fs::path db_;
    std::unique_ptr<ReviewApi> api_;
    std::unique_ptr<ReviewServer> server_;
    std::unique_ptr<httplib::Client> client_;
    std::thread thread_;
    int port_ = 0;
};

const std::string kTotal = "/api/cells/1/appeals/reconsideration/total";

json find_check(const json& checks, const std::string& rule, const std::string& row) {
    for (const auto& k : checks)
        if (k["rule"] == rule && k["row"] == row) return k;
    return nullptr;
}

TEST_F(Review, QueueHasTheFailingCellsFirst) {
    auto& c = serve();
    const auto r = c.Get("/api/queue");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const json q = body(r);
    ASSERT_EQ(q["documents"].size(), 1u);
    EXPECT_EQ(q["documents"][0]["failing_checks"], 2);
    EXPECT_FALSE(q["documents"][0]["done"]);
    ASSERT_FALSE(q["items"].empty());
    EXPECT_TRUE(q["items"][0]["failing"]);
    EXPECT_EQ(q["left"]["cells"], q["items"].size());
    EXPECT_EQ(q["left"]["failing_checks"], 2);
    // The filter by table.
    const json only = body(c.Get("/api/queue?table=proactive"));
    for (const auto& it : only["items"]) EXPECT_EQ(it["table"], "proactive");
}

TEST_F(Review, CellDetailHasLabelsAndCoveringChecks) {
    auto& c = serve();
    const json d = body(c.Get(kTotal));
    EXPECT_EQ(d["row_label"], "行政复议");
    EXPECT_EQ(d["col_label"], "总计");
    EXPECT_EQ(d["value"], 0);
    EXPECT_EQ(d["page"], 4);
    EXPECT_EQ(d["state"], "failing");
    const json k = find_check(d["checks"], "appeals.total", "reconsideration");
    ASSERT_FALSE(k.is_null()) << d.dump();
    EXPECT_EQ(k["status"], "fail");
}

TEST_F(Review, CorrectionTurnsTheCheckToPassAndUndoTakesItBack) {
    auto& c = serve();
    const auto r = c.Post(kTotal + "/corrections", R"({"value": 11, "reviewer": "张三"})", "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 201) << r->body;
    const json j = body(r);
    EXPECT_EQ(j["cell"]["value"], 11);
    EXPECT_EQ(j["cell"]["extracted_value"], 0);
    EXPECT_EQ(j["cell"]["state"], "corrected");
    EXPECT_EQ(find_check(j["cell"]["checks"], "appeals.total", "reconsideration")["status"], "pass");
    EXPECT_EQ(find_check(j["checks"], "appeals.total", "reconsideration")["status"], "pass");
    EXPECT_EQ(j["document"]["failing_checks"], 1);  // litigation_after_reconsideration still fails

    {
        // The correction is a row; the extracted value stays in cells.
        Database db(db_);
        Statement s = db.prepare(
            "SELECT k.old_value, k.new_value, k.reviewer, c.value FROM corrections k JOIN cells c USING "
            "(document_id, table_id, row, col) WHERE k.table_id = 'appeals' AND k.row = 'reconsideration' AND k.col = 'total'");
        ASSERT_TRUE(s.step());
        EXPECT_EQ(s.real(0), 0);
        EXPECT_EQ(s.real(1), 11);
        EXPECT_EQ(s.text(2), "张三");
        EXPECT_EQ(s.real(3), 0);
        EXPECT_FALSE(s.step());
    }
    // The corrected cell left the queue.
    const json after = body(c.Get("/api/queue"));  // held: a temporary's items would dangle in the loop
    for (const auto& it : after["items"])
        EXPECT_FALSE(it["table"] == "appeals" && it["row"] == "reconsideration" && it["col"] == "total");

    const auto u = c.Delete(kTotal + "/corrections/last");
    ASSERT_TRUE(u);
    ASSERT_EQ(u->status, 200) << u->body;
    const json back = body(u);
    EXPECT_EQ(back["cell"]["value"], 0);
    EXPECT_EQ(find_check(back["cell"]["checks"], "appeals.total", "reconsideration")["status"], "fail");
    EXPECT_EQ(count_corrections(), 0);
    EXPECT_EQ(c.Delete(kTotal + "/corrections/last")->status, 409);
}

TEST_F(Review, AcceptingEveryCellMarksTheReportDone) {
    auto& c = serve();
    ASSERT_EQ(c.Post(kTotal + "/corrections", R"({"value": 11})", "application/json")->status, 201);
    ASSERT_EQ(c.Post("/api/cells/1/appeals/litigation_after_reconsideration/total/corrections", R"({"value": 5})",
                     "application/json")->status, 201);
    json q = body(c.Get("/api/queue"));
    EXPECT_EQ(q["left"]["failing_checks"], 0);
    accept_all(c, q);
    q = body(c.Get("/api/queue"));
    EXPECT_EQ(q["left"]["cells"], 0);
    EXPECT_EQ(q["left"]["documents"], 0);
    EXPECT_TRUE(q["documents"][0]["done"]);
}

TEST_F(Review, PrintedErrorsStayFailingButTheReportIsDoneOnceReviewed) {
    auto& c = serve();
    // Every cell of the queue accepted as read: the printed 总计 0 stays.
    json q = body(c.Get("/api/queue"));
    ASSERT_EQ(q["left"]["failing_open"], 2);
    accept_all(c, q);
    q = body(c.Get("/api/queue"));
    EXPECT_TRUE(q["items"].empty());
    EXPECT_EQ(q["left"]["failing_checks"], 2);
    EXPECT_EQ(q["left"]["failing_open"], 0);
    EXPECT_EQ(q["left"]["documents"], 0);
    EXPECT_TRUE(q["documents"][0]["done"]);
    const json d = body(c.Get("/api/documents/1"));
    EXPECT_EQ(d["document"], q["documents"][0]);
    const json k = find_check(d["checks"], "appeals.total", "reconsideration");
    EXPECT_EQ(k["status"], "fail");
    EXPECT_EQ(k["reviewed"], true);
    // Undoing one acceptance reopens the report.
    ASSERT_EQ(c.Delete(kTotal + "/corrections/last")->status, 200);
    q = body(c.Get("/api/queue"));
    EXPECT_FALSE(q["documents"][0]["done"]);
    EXPECT_EQ(q["left"]["failing_open"], 1);
}

TEST_F(Review, QueueAgreesWithTheDocumentAndKeepsLiveChecks) {
    auto& c = serve();
    ASSERT_EQ(c.Post(kTotal + "/corrections", R"({"value": 11})", "application/json")->status, 201);
    const json q = body(c.Get("/api/queue"));
    EXPECT_EQ(q["documents"][0], body(c.Get("/api/documents/1"))["document"]);
    EXPECT_EQ(q["left"]["failing_checks"], 1);
    // The checks after the correction are kept in the store for the queue;
    // gone (a re-extraction), they are computed again from the corrections.
    const auto live_failing = [&] {
        Database db(db_);
        Statement s = db.prepare("SELECT count(*) FROM live_checks WHERE document_id = 1 AND status = 'fail'");
        s.step();
        return s.integer(0);
    };
    EXPECT_EQ(live_failing(), 1);
    { Database(db_).exec("DELETE FROM live_checks"); }
    EXPECT_EQ(body(c.Get("/api/queue")), q);
    EXPECT_EQ(live_failing(), 1);
}

TEST_F(Review, NarrativeChecksAreEvaluatedAgain) {
    auto& c = serve();
    const json before = body(c.Get("/api/documents/1"));
    json narrative = json::array();
    for (const auto& k : before["checks"])
        if (k["rule"].get<std::string>().rfind("narrative.", 0) == 0) narrative.push_back(k);
    ASSERT_FALSE(narrative.empty());
    for (const auto& k : narrative) EXPECT_TRUE(k["live"]) << k.dump();
    // The prose says 受理…申请21件; the table's new_requests.total is 21.
    const std::string total = "/api/cells/1/requests/new_requests/total";
    ASSERT_EQ(find_check(before["checks"], "narrative.requests_received", "")["status"], "pass") << before.dump();
    auto r = c.Post(total + "/corrections", R"({"value": 22})", "application/json");
    ASSERT_EQ(r->status, 201);
    EXPECT_EQ(find_check(body(r)["checks"], "narrative.requests_received", "")["status"], "fail");
    EXPECT_EQ(find_check(body(r)["cell"]["checks"], "narrative.requests_received", "")["status"], "fail");
    r = c.Delete(total + "/corrections/last");
    EXPECT_EQ(find_check(body(r)["checks"], "narrative.requests_received", "")["status"], "pass");
}

TEST_F(Review, AlternativesOfOcrAreOffered) {
    {
        Database db(db_);
        db.exec("UPDATE cells SET alternatives = '[\"11\", \"1l\", \"0\", \"-3\", \"11\", \"17\", \"18\", \"19\"]' "
                "WHERE table_id = 'appeals' AND row = 'reconsideration' AND col = 'total'");
    }
    auto& c = serve();
    const json d = body(c.Get(kTotal));
    // Numbers of the column's kind other than the value, each once, three at most.
    EXPECT_EQ(d["alternatives"], json::parse(R"([{"text": "11", "value": 11}, {"text": "17", "value": 17},
                                                 {"text": "18", "value": 18}])"));
}

// As when OCR misread a row's label: the cell was not found. It is queued,
// its place estimated from its neighbours, and it can be given a value.
TEST_F(Review, MissingCellsAreQueuedWithAnEstimatedPlace) {
    // appeals prints its three rows side by side (a cell between its
    // neighbours on the line); requests one under the other (its row's
    // height, its column's width); a whole row lost (between the rows found
    // around it).
    const std::vector<std::string> cells = {"appeals/litigation_direct/other", "requests/new_requests/total",
                                            "requests/disclosed/natural_person"};
    auto& c = serve();
    std::map<std::string, json> found;
    for (const auto& id : cells) found[id] = body(c.Get("/api/cells/1/" + id));
    {
        Database db(db_);
        for (const auto& id : cells) {
            const json& f = found[id];
            const bool whole_row = f["row"] == "disclosed";
            db.prepare("UPDATE cells SET value = NULL, text = '', source = '', page = NULL, x0 = NULL, y0 = NULL, "
                       "x1 = NULL, y1 = NULL, needs_review = 1, note = 'not found in the document' "
                       "WHERE table_id = ?1 AND row = ?2 AND (col = ?3 OR ?4)")
                .bind(1, f["table"].get<std::string>())
                .bind(2, f["row"].get<std::string>())
                .bind(3, f["col"].get<std::string>())
                .bind(4, whole_row ? 1 : 0)
                .run();
        }
    }
    std::set<std::string> queued;
    const json q = body(c.Get("/api/queue"));
    for (const auto& it : q["items"])
        queued.insert(it["table"].get<std::string>() + "/" + it["row"].get<std::string>() + "/" + it["col"].get<std::string>());
    for (const auto& id : cells) {
        EXPECT_TRUE(queued.count(id)) << id;
        const json d = body(c.Get("/api/cells/1/" + id));
        EXPECT_TRUE(d["value"].is_null()) << id;
        ASSERT_TRUE(d["bbox_estimated"]) << id;
        EXPECT_EQ(d["page"], found[id]["page"]) << id;
        for (int k = 0; k < 4; ++k)
            EXPECT_NEAR(d["bbox"][k].get<double>(), found[id]["bbox"][k].get<double>(), 3.0) << id << " " << k;
        EXPECT_EQ(c.Get("/api/cells/1/" + id + "/image")->status, 200) << id;
    }
    const auto r = c.Post("/api/cells/1/" + cells[0] + "/corrections", R"({"value": 0})", "application/json");
    ASSERT_EQ(r->status, 201);
    EXPECT_EQ(body(r)["cell"]["value"], 0);
}

TEST_F(Review, RejectsBadValues) {
    auto& c = serve();
    EXPECT_EQ(c.Post(kTotal + "/corrections", R"({"value": -1})", "application/json")->status, 400);
    EXPECT_EQ(c.Post(kTotal + "/corrections", R"({"value": 1.5})", "application/json")->status, 400);
    EXPECT_EQ(c.Post(kTotal + "/corrections", R"({"value": "11"})", "application/json")->status, 400);
    EXPECT_EQ(c.Post(kTotal + "/corrections", R"({"reviewer": "x"})", "application/json")->status, 400);
    EXPECT_EQ(c.Post(kTotal + "/corrections", "{not json", "application/json")->status, 400);
    // A form post (what another site could send) is refused.
    EXPECT_EQ(c.Post(kTotal + "/corrections", "value=11", "application/x-www-form-urlencoded")->status, 415);
    EXPECT_EQ(count_corrections(), 0);
}

TEST_F(Review, OnlyIdsNeverPaths) {
    auto& c = serve();
    EXPECT_EQ(c.Get("/api/cells/9/appeals/reconsideration/total")->status, 404);
    EXPECT_EQ(c.Get("/api/cells/1/appeals/nowhere/total")->status, 404);
    EXPECT_EQ(c.Get("/api/cells/1/appeals/../../etc/passwd")->status, 404);
    EXPECT_EQ(c.Get("/api/cells/1/Appeals/x%2F..%2F/total")->status, 404);
    EXPECT_EQ(c.Get("/api/documents/1/pages/99/image")->status, 404);
    EXPECT_EQ(c.Get("/etc/passwd")->status, 404);
    EXPECT_EQ(c.Get("/../CMakeLists.txt")->status, 404);
}

TEST_F(Review, ImagesOfTheCellAndThePage) {
    auto& c = serve();
    const auto r = c.Get(kTotal + "/image");
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(r->get_header_value("Content-Type"), "image/png");
    const cv::Mat crop = cv::imdecode(std::vector<unsigned char>(r->body.begin(), r->body.end()), cv::IMREAD_COLOR);
    ASSERT_FALSE(crop.empty());
    // 27 x 26 points at 200 dpi with a margin: readable.
    EXPECT_GT(crop.cols, 120);
    EXPECT_GT(crop.rows, 80);

    const json page = body(c.Get("/api/documents/1/pages/4"));
    EXPECT_NEAR(page["width"].get<double>(), 595, 5);
    bool failing = false, confident = false;
    for (const auto& cell : page["cells"]) {
        failing |= cell["state"] == "failing";
        confident |= cell["state"] == "confident";
    }
    EXPECT_TRUE(failing);
    EXPECT_TRUE(confident);
    const auto p = c.Get("/api/documents/1/pages/4/image");
    ASSERT_EQ(p->status, 200);
    EXPECT_FALSE(cv::imdecode(std::vector<unsigned char>(p->body.begin(), p->body.end()), cv::IMREAD_GRAYSCALE).empty());
}

TEST_F(Review, ServesThePageWithAStrictPolicy) {
    auto& c = serve();
    const auto r = c.Get("/");
    ASSERT_EQ(r->status, 200);
    EXPECT_NE(r->body.find("年报复核"), std::string::npos);
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
    const auto js = c.Get("/app.js");
    ASSERT_EQ(js->status, 200);
    // Document strings go in with textContent only.
    EXPECT_EQ(js->body.find("innerHTML"), std::string::npos);
    EXPECT_EQ(js->body.find("insertAdjacentHTML"), std::string::npos);
    EXPECT_EQ(c.Get("/style.css")->status, 200);
}

TEST_F(Review, RefusesAForeignHost) {
    auto& c = serve();
    EXPECT_EQ(c.Get("/api/queue", {{"Host", "evil.example:" + std::to_string(port_)}})->status, 403);
    EXPECT_EQ(c.Get("/api/queue", {{"Host", "localhost:" + std::to_string(port_)}})->status, 200);
}

TEST_F(Review, TokenIsCheckedOnEveryRequest) {
    ReviewOptions o;
    o.token = "s3cret-token";
    auto& c = serve(o);
    EXPECT_EQ(c.Get("/")->status, 401);
    EXPECT_EQ(c.Get("/api/queue")->status, 401);
    EXPECT_EQ(c.Get("/api/queue?token=wrong")->status, 401);
    EXPECT_EQ(c.Get("/api/queue?token=s3cret-token")->status, 200);
    EXPECT_EQ(c.Get("/api/queue", {{"X-Nianbao-Token", "s3cret-token"}})->status, 200);
    EXPECT_EQ(c.Post(kTotal + "/corrections", R"({"value": 11})", "application/json")->status, 401);
    EXPECT_NE(server_->url().find("token=s3cret-token"), std::string::npos);
}

TEST(ReviewOptions, NonLoopbackNeedsAToken) {
    const fs::path db = fs::temp_directory_path() / ("nianbao_review_opts_" + std::to_string(getpid()) + ".sqlite");
    {
        ReviewApi api(db, {});
        ReviewOptions o;
        o.host = "0.0.0.0";
        EXPECT_THROW(ReviewServer(api, o), InputError);
        o.token = "t";
        EXPECT_NO_THROW(ReviewServer(api, o));
        EXPECT_TRUE(is_loopback_host("127.0.0.1"));
        EXPECT_TRUE(is_loopback_host("::1"));
        EXPECT_FALSE(is_loopback_host("192.168.1.2"));
    }
    fs::remove(db);
    fs::remove(db.string() + "-wal");
    fs::remove(db.string() + "-shm");
}

TEST(ReviewCli, NeedsAnExistingDatabase) {
    const std::string cmd = std::string(NIANBAO_BIN) + " review --db /nonexistent/x.sqlite 2>/dev/null";
    const int rc = std::system(cmd.c_str());
    EXPECT_EQ(WEXITSTATUS(rc), 3);
    const std::string cmd2 = std::string(NIANBAO_BIN) + " review --db /nonexistent/x.sqlite --host 0.0.0.0 2>/dev/null";
    EXPECT_EQ(WEXITSTATUS(std::system(cmd2.c_str())), 3);  // the database is checked first
}

}  // namespace
}  // namespace nianbao

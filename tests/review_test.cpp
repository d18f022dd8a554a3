// nianbao review over HTTP: a database made by the real binary (`nianbao
// batch`) from hongze-2023.pdf, whose appeals.total check fails (总计 printed 0
// beside 结果维持 10 + 结果纠正 1), served in-process on an ephemeral port.
// A correction through the API turns the check to pass and is a row in
// corrections, the original kept; undo takes it back; the security defaults
// hold.

#include <cstdlib>
#include <filesystem>
#include <fstream>
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
    for (const auto& it : body(c.Get("/api/queue"))["items"])
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
    for (const auto& it : q["items"]) {
        const std::string path = "/api/cells/" + it["document"].dump() + "/" + it["table"].get<std::string>() + "/" +
                                 it["row"].get<std::string>() + "/" + it["col"].get<std::string>() + "/corrections";
        ASSERT_EQ(c.Post(path, json{{"value", it["value"]}}.dump(), "application/json")->status, 201);
    }
    q = body(c.Get("/api/queue"));
    EXPECT_EQ(q["left"]["cells"], 0);
    EXPECT_EQ(q["left"]["documents"], 0);
    EXPECT_TRUE(q["documents"][0]["done"]);
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

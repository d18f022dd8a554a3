// `nianbao batch`, `status` and `export` as a user runs them: the real binary
// on a folder of the real fixtures plus broken files made here, then the
// database opened and compared with what `extract` says about each file.

#include <csignal>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "src/batch.h"
#include "src/output_json.h"
#include "src/store.h"

namespace nianbao {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

const fs::path kBin = NIANBAO_BIN;
const fs::path kReal = fs::path(NIANBAO_SOURCE_DIR) / "fixtures" / "real";

// Runs a shell command; its exit status.
int run(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

// What `extract` prints for a file, and its exit status.
std::pair<int, std::string> extract(const fs::path& file, const fs::path& scratch) {
    const fs::path out = scratch / "extract.out";
    const int rc = run(kBin.string() + " extract '" + file.string() + "' --format json -q > '" + out.string() + "' 2>/dev/null");
    return {rc, read_file(out)};
}

// A temporary folder with an archive in it: both real reports, one of them
// again under another name, and three broken files.
class Batch : public testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("nianbao_batch_test_" + std::to_string(getpid()) + "_" +
                                            testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        archive_ = dir_ / "archive";
        fs::create_directories(archive_ / "2024");
        for (const char* name : {"hongze-2023.pdf", "hongze-2024.pdf"})
            write_file(archive_ / name, read_file(kReal / name));
        write_file(archive_ / "2024" / "copy-of-2024.pdf", read_file(kReal / "hongze-2024.pdf"));
        write_file(archive_ / "not-a-pdf.pdf", "this is a text file, not a report\n");
        write_file(archive_ / "empty.pdf", "");
        const std::string pdf = read_file(kReal / "hongze-2023.pdf");
        write_file(archive_ / "truncated.pdf", pdf.substr(0, pdf.size() / 3));
    }
    void TearDown() override { fs::remove_all(dir_); }

    int batch(const fs::path& db, const std::string& more = "") {
        return run(kBin.string() + " batch '" + archive_.string() + "' --db '" + db.string() + "' -q " + more);
    }

    fs::path dir_, archive_;
};

std::int64_t document_id(Database& db, const fs::path& path) {
    Statement s = db.prepare("SELECT document_id FROM document_paths WHERE path = ?1");
    s.bind(1, path.string());
    if (!s.step()) return -1;
    return s.int64(0);
}

// The database's content, without row ids and timings: what must be equal
// after a rerun, and after a killed run resumed.
std::string content(const fs::path& file) {
    Database db(file);
    std::string out;
    const char* queries[] = {
        "SELECT sha256, path, input_type, pages, kind, agency, agency_key, year, template, warnings, status, failure, "
        "error, exit_code FROM documents ORDER BY sha256",
        "SELECT p.path, d.sha256 FROM document_paths p JOIN documents d ON d.id = p.document_id ORDER BY p.path",
        "SELECT d.sha256, t.table_id, t.ord, t.variant, t.pages, t.problems FROM tables t "
        "JOIN documents d ON d.id = t.document_id ORDER BY d.sha256, t.ord",
        "SELECT d.sha256, c.table_id, c.row, c.col, c.ord, c.value, c.empty, c.text, c.confidence, c.source, c.page, "
        "c.x0, c.y0, c.x1, c.y1, c.needs_review, c.note FROM cells c JOIN documents d ON d.id = c.document_id "
        "ORDER BY d.sha256, c.table_id, c.ord",
        "SELECT d.sha256, k.ord, k.rule, k.row, k.col, k.status, k.cells, k.message FROM checks k "
        "JOIN documents d ON d.id = k.document_id ORDER BY d.sha256, k.ord",
        "SELECT s.rule, s.agency_key, s.year, d.sha256, p.sha256, s.col, s.status, s.message FROM series_checks s "
        "JOIN documents d ON d.id = s.document_id JOIN documents p ON p.id = s.previous_document_id "
        "ORDER BY d.sha256, p.sha256, s.col"};
    for (const char* q : queries) {
        Statement s = db.prepare(q);
        while (s.step()) {
            // Every column as text; NULL spelt out so that it differs from "".
            for (int c = 0; c < s.columns(); ++c) out += (s.is_null(c) ? "∅" : s.text(c)) + "|";
            out += "\n";
        }
        out += "--\n";
    }
    return out;
}

TEST_F(Batch, EveryDocumentAsExtractSaysIt) {
    const fs::path db = dir_ / "a.sqlite";
    ASSERT_EQ(batch(db, "--jobs 2"), 0);
    Database database(db);
    const std::vector<Schema> schemas = load_schemas(NIANBAO_MODELS_DIR);

    for (const char* name : {"hongze-2023.pdf", "hongze-2024.pdf"}) {
        const std::int64_t id = document_id(database, archive_ / name);
        ASSERT_GT(id, 0) << name;
        const Extraction stored = load_extraction(database, id, false, schemas);
        // The document is stored under the first path found (for 2024, the copy).
        const auto [rc, json] = extract(stored.input.path, dir_);
        ASSERT_EQ(rc, 0) << name;
        // Cell by cell, check by check, key by key: the JSON extract printed.
        EXPECT_EQ(to_json(stored).dump(1), ordered_json::parse(json).dump(1)) << name;
    }
    // The copy is the same document, recorded once under both paths.
    EXPECT_EQ(document_id(database, archive_ / "2024" / "copy-of-2024.pdf"), document_id(database, archive_ / "hongze-2024.pdf"));
    Statement n = database.prepare("SELECT count(*) FROM documents");
    n.step();
    EXPECT_EQ(n.integer(0), 5);
}

TEST_F(Batch, BrokenFilesFailWithExtractsReasonAndTheRestIsDone) {
    const fs::path db = dir_ / "a.sqlite";
    ASSERT_EQ(batch(db), 0);
    Database database(db);
    for (const char* name : {"not-a-pdf.pdf", "empty.pdf", "truncated.pdf"}) {
        const auto [rc, json] = extract(archive_ / name, dir_);
        ASSERT_NE(rc, 0) << name;
        Statement s = database.prepare(
            "SELECT d.status, d.exit_code, d.failure, d.error FROM documents d "
            "JOIN document_paths p ON p.document_id = d.id WHERE p.path = ?1");
        s.bind(1, (archive_ / name).string());
        ASSERT_TRUE(s.step()) << name;
        EXPECT_EQ(s.text(0), "failed") << name;
        EXPECT_EQ(s.integer(1), rc) << name;
        EXPECT_FALSE(s.text(2).empty()) << name;
        EXPECT_NE(s.text(3).find(name), std::string::npos) << name << ": " << s.text(3);
    }
    Statement done = database.prepare("SELECT count(*) FROM documents WHERE status = 'done'");
    done.step();
    EXPECT_EQ(done.integer(0), 2);
    Statement series = database.prepare("SELECT count(*) FROM series_checks WHERE status = 'pass'");
    series.step();
    EXPECT_GT(series.integer(0), 0) << "2023 → 2024 of the same body";
}

TEST_F(Batch, RerunIsIdempotentAndForceRedoes) {
    const fs::path db = dir_ / "a.sqlite";
    ASSERT_EQ(batch(db), 0);
    const std::string first = content(db);
    ASSERT_EQ(batch(db), 0);
    EXPECT_EQ(content(db), first);
    ASSERT_EQ(batch(db, "--force --jobs 2"), 0);
    EXPECT_EQ(content(db), first);
}

TEST_F(Batch, AHangingDocumentIsKilledAtTheTimeout) {
    const fs::path db = dir_ / "a.sqlite";
    // No extraction of a real report finishes in 10 ms.
    ASSERT_EQ(batch(db, "--timeout 0.01"), 0);
    Database database(db);
    Statement s = database.prepare("SELECT failure, exit_code FROM documents WHERE path LIKE '%hongze-2023.pdf'");
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.text(0), "timeout");
    EXPECT_TRUE(s.is_null(1));
}

// A child that crashes or hangs (a stand-in extractor script: a real poppler
// crash cannot be summoned on demand) fails alone and the batch goes on.
TEST_F(Batch, ACrashingOrHangingChildFailsAlone) {
    const fs::path script = dir_ / "extractor.sh";
    write_file(script,
               "#!/bin/sh\n"
               "case \"$2\" in\n"
               "  *hongze-2023.pdf) kill -SEGV $$ ;;\n"
               "  *2024.pdf) sleep 30 ;;\n"
               "  *) echo \"nianbao: $2: not a PDF\" >&2; exit 4 ;;\n"
               "esac\n");
    fs::permissions(script, fs::perms::owner_all);
    BatchOptions o;
    o.folder = archive_;
    o.db = dir_ / "a.sqlite";
    o.jobs = 2;
    o.timeout_seconds = 0.5;
    o.extractor = script;
    o.quiet = true;
    std::ostringstream log;
    const auto start = std::chrono::steady_clock::now();
    const BatchSummary s = run_batch(o, log);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    EXPECT_EQ(s.failed, 5);
    Database database(o.db);
    Statement q = database.prepare("SELECT path, failure, error FROM documents ORDER BY path");
    std::map<std::string, std::string> failure;
    while (q.step()) failure[fs::path(q.text(0)).filename()] = q.text(1);
    EXPECT_EQ(failure["hongze-2023.pdf"], "crashed");
    EXPECT_EQ(failure["copy-of-2024.pdf"], "timeout");  // the first path of the 2024 report
    EXPECT_EQ(failure["empty.pdf"], "not_pdf");
}

// Copies of a report that differ in a trailing comment: distinct documents
// that extract alike, enough of them to kill a batch half-way.
void fill_with_copies(const fs::path& folder, int n) {
    const std::string pdf = read_file(kReal / "hongze-2024.pdf");
    for (int i = 0; i < n; ++i)
        write_file(folder / ("copy" + std::to_string(i) + ".pdf"), pdf + "\n% copy " + std::to_string(i) + "\n%%EOF\n");
}

int done_count(const fs::path& db) {
    if (!fs::exists(db)) return 0;
    try {
        Database d(db);
        Statement s = d.prepare("SELECT count(*) FROM documents WHERE status = 'done'");
        s.step();
        return s.integer(0);
    } catch (const StoreError&) {
        return 0;  // the schema is still being created
    }
}

TEST_F(Batch, KilledMidwayAndRerunEqualsAnUninterruptedRun) {
    fill_with_copies(archive_, 5);  // 7 reports to extract in all
    const fs::path whole = dir_ / "whole.sqlite", resumed = dir_ / "resumed.sqlite";
    ASSERT_EQ(batch(whole, "--jobs 2"), 0);

    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        execl(kBin.c_str(), kBin.c_str(), "batch", archive_.c_str(), "--db", resumed.c_str(), "-q", "--jobs", "2",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    // Kill -9 once a few documents are written and others are in flight.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (done_count(resumed) < 2 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the batch finished before it could be killed";
    const int done_when_killed = done_count(resumed);
    EXPECT_GE(done_when_killed, 2);
    EXPECT_LT(done_when_killed, 7);
    {
        Database d(resumed);
        Statement ok = d.prepare("PRAGMA integrity_check");
        ok.step();
        EXPECT_EQ(ok.text(0), "ok");
    }

    ASSERT_EQ(batch(resumed, "--jobs 2"), 0);
    EXPECT_EQ(content(resumed), content(whole));
}

TEST_F(Batch, ExportsHoldTheValuesWithCorrectionsApplied) {
    const fs::path db = dir_ / "a.sqlite";
    ASSERT_EQ(batch(db), 0);
    {
        Database d(db);
        const auto id = document_id(d, archive_ / "hongze-2024.pdf");
        // A reviewer's correction: 95 new requests were really 96.
        d.exec("INSERT INTO corrections (document_id, table_id, row, col, old_value, new_value, reviewer) VALUES (" +
               std::to_string(id) + ", 'requests', 'new_requests', 'natural_person', 95, 96, 'reviewer')");
    }

    const fs::path csv = dir_ / "all.csv", jsonl = dir_ / "all.jsonl", xlsx = dir_ / "all.xlsx";
    const std::string cmd = kBin.string() + " export --db '" + db.string() + "'";
    ASSERT_EQ(run(cmd + " --format csv -o '" + csv.string() + "'"), 0);
    ASSERT_EQ(run(cmd + " --format jsonl -o '" + jsonl.string() + "'"), 0);
    ASSERT_EQ(run(cmd + " --format xlsx -o '" + xlsx.string() + "'"), 0);

    const std::string text = read_file(csv);
    EXPECT_NE(text.find(",requests,new_requests,natural_person,96,95,true,"), std::string::npos);
    EXPECT_NE(text.find(",requests,new_requests,total,95,95,false,"), std::string::npos);
    EXPECT_NE(text.find("淮安市洪泽区人民政府"), std::string::npos);
    EXPECT_EQ(text.find("not-a-pdf"), std::string::npos) << "failed documents have no cells";

    std::ifstream lines(jsonl);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        const auto j = ordered_json::parse(line);
        ++n;
        if (j["report"]["year"] != 2024) continue;
        for (const auto& c : j["tables"]["requests"]["cells"]) {
            if (c["row"] == "new_requests" && c["col"] == "natural_person") {
                EXPECT_EQ(c["value"], 96);
            }
            if (c["row"] == "new_requests" && c["col"] == "total") {
                EXPECT_EQ(c["value"], 95);
            }
        }
    }
    EXPECT_EQ(n, 2);
    EXPECT_GT(fs::file_size(xlsx), 1000u);
    EXPECT_EQ(read_file(xlsx).substr(0, 2), "PK");

    EXPECT_EQ(run(kBin.string() + " status --db '" + db.string() + "' > '" + (dir_ / "status.txt").string() + "'"), 0);
    const std::string status = read_file(dir_ / "status.txt");
    EXPECT_NE(status.find("2 done, 3 failed"), std::string::npos) << status;
    EXPECT_NE(status.find("series.carry"), std::string::npos) << status;
}

TEST_F(Batch, AManifestListsTheDocuments) {
    write_file(dir_ / "list.txt", "# two reports\narchive/hongze-2023.pdf\n\n" + (archive_ / "hongze-2024.pdf").string() + "\n");
    const fs::path db = dir_ / "a.sqlite";
    ASSERT_EQ(run(kBin.string() + " batch --manifest '" + (dir_ / "list.txt").string() + "' --db '" + db.string() + "' -q"), 0);
    EXPECT_EQ(done_count(db), 2);
}

TEST_F(Batch, StatusOfAMissingDatabaseIsAnError) {
    EXPECT_EQ(run(kBin.string() + " status --db '" + (dir_ / "none.sqlite").string() + "' 2>/dev/null"), 3);
    EXPECT_FALSE(fs::exists(dir_ / "none.sqlite"));
}

}  // namespace
}  // namespace nianbao

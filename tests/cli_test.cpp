// The command line on bad input: one line on stderr naming the file and the
// reason, a distinct exit status, never a crash.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace {

namespace fs = std::filesystem;

struct CliRun {
    int status = -1;
    std::string out, err;
};

CliRun run(const std::string& args) {
    const fs::path err_file = fs::temp_directory_path() / ("nianbao_cli_err_" + std::to_string(::getpid()));
    const std::string cmd = std::string(NIANBAO_BIN) + " " + args + " 2>" + err_file.string();
    CliRun r;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    std::ifstream e(err_file);
    r.err.assign(std::istreambuf_iterator<char>(e), {});
    fs::remove(err_file);
    return r;
}

class Cli : public testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("nianbao_cli_" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path write(const std::string& name, const std::string& bytes) {
        std::ofstream(dir_ / name, std::ios::binary) << bytes;
        return dir_ / name;
    }
    static std::string real(const std::string& name) {
        return (fs::path(NIANBAO_SOURCE_DIR) / "fixtures" / "real" / name).string();
    }
    static std::string bad(const std::string& name) {
        return (fs::path(NIANBAO_SOURCE_DIR) / "fixtures" / "bad" / name).string();
    }
    fs::path dir_;
};

// One line, naming the file.
void expect_one_line_about(const CliRun& r, const std::string& file, const std::string& reason) {
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(reason), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST_F(Cli, ExtractsARealReportToJson) {
    const CliRun r = run("extract -q " + real("hongze-2024.pdf"));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["schema"], "gov-disclosure-2021");
    EXPECT_EQ(j["report"]["year"], 2024);
    EXPECT_EQ(j["tables"]["proactive"]["cells"][6]["value"], 9487);  // licensing.decisions
}

TEST_F(Cli, MissingFile) {
    const auto f = (dir_ / "nowhere.pdf").string();
    const CliRun r = run("extract " + f);
    EXPECT_EQ(r.status, 3);
    expect_one_line_about(r, f, "no such file");
}

TEST_F(Cli, NotAPdf) {
    const auto f = write("notes.pdf", "这不是PDF, just text\n").string();
    const CliRun r = run("extract " + f);
    EXPECT_EQ(r.status, 4);
    expect_one_line_about(r, f, "not a PDF");
}

TEST_F(Cli, ImageOfACatHasNoTables) {
    cv::Mat cat(200, 300, CV_8UC3, cv::Scalar(200, 180, 150));
    cv::circle(cat, {150, 100}, 60, cv::Scalar(60, 90, 120), -1);
    const auto f = (dir_ / "cat.png").string();
    ASSERT_TRUE(cv::imwrite(f, cat));
    const CliRun r = run("extract " + f);
    EXPECT_EQ(r.status, 8);
    expect_one_line_about(r, f, "statutory tables");
}

TEST_F(Cli, EmptyFile) {
    const auto f = write("empty.pdf", "").string();
    const CliRun r = run("extract " + f);
    EXPECT_EQ(r.status, 6);
    expect_one_line_about(r, f, "empty");
}

TEST_F(Cli, TruncatedPdf) {
    std::ifstream in(real("hongze-2023.pdf"), std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    const auto f = write("cut.pdf", bytes.substr(0, bytes.size() / 2)).string();
    const CliRun r = run("extract " + f);
    EXPECT_EQ(r.status, 6);
    expect_one_line_about(r, f, "truncated");
}

TEST_F(Cli, EncryptedPdf) {
    const CliRun r = run("extract " + bad("encrypted.pdf"));
    EXPECT_EQ(r.status, 5);
    expect_one_line_about(r, bad("encrypted.pdf"), "encrypted");
}

TEST_F(Cli, ZeroPages) {
    const CliRun r = run("extract " + bad("zero-pages.pdf"));
    EXPECT_EQ(r.status, 7);
    expect_one_line_about(r, bad("zero-pages.pdf"), "no pages");
}

TEST_F(Cli, NoStatutoryTables) {
    const CliRun r = run("extract " + bad("no-tables.pdf"));
    EXPECT_EQ(r.status, 8);
    expect_one_line_about(r, bad("no-tables.pdf"), "statutory tables");
}

TEST_F(Cli, FiveHundredPages) {
    const CliRun r = run("extract " + bad("many-pages.pdf"));
    EXPECT_EQ(r.status, 9);
    expect_one_line_about(r, bad("many-pages.pdf"), "500 pages");
}

TEST_F(Cli, BadCommandLine) {
    EXPECT_EQ(run("extract").status, 2);
    EXPECT_EQ(run("extract " + real("hongze-2024.pdf") + " --format doc").status, 2);
    EXPECT_EQ(run("extract " + real("hongze-2024.pdf") + " --format xlsx").status, 2);
}

TEST_F(Cli, ReviewOfABadReportFailsAsExtractWould) {
    const auto f = write("notes.pdf", "not a report\n").string();
    const CliRun r = run("review " + f);
    EXPECT_EQ(r.status, 4);
    EXPECT_NE(r.err.find("not a PDF"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(f + ".review.sqlite"));
    EXPECT_EQ(run("review").status, 2);  // neither a report nor --db
}

TEST_F(Cli, UnwritableOutput) {
    const CliRun r = run("extract -q " + real("hongze-2024.pdf") + " -o /nonexistent-dir/out.json");
    EXPECT_EQ(r.status, 3);
    expect_one_line_about(r, "/nonexistent-dir/out.json", "cannot write");
}

}  // namespace

// nianbao: Chinese government information-disclosure annual reports in,
// verified statutory tables out. The CLI only parses arguments and picks an
// output; the work is in the library (src/pipeline.h).

#include <filesystem>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <opencv2/core/utility.hpp>
#include <poppler-global.h>

#include "src/batch.h"
#include "src/errors.h"
#include "src/output_csv.h"
#include "src/output_json.h"
#include "src/output_xlsx.h"
#include "src/pipeline.h"
#include "src/review.h"
#include "src/review_server.h"
#include "src/store.h"
#include "src/store_export.h"
#include "src/store_sqlite.h"
#include "src/store_status.h"
#include "src/summary.h"

namespace {

using nianbao::ExitCode;

// Poppler's own complaints about a damaged file would interleave with ours;
// the damage is reported once, as an InputError.
void quiet_poppler(const std::string&, void*) {}

// CPU seconds per stage, and the whole process's for what no stage covers
// (starting, loading libraries, writing the output).
void print_timings(const nianbao::StageTimes& times, int pages, std::ostream& os) {
    rusage self{};
    getrusage(RUSAGE_SELF, &self);
    const double process = double(self.ru_utime.tv_sec + self.ru_stime.tv_sec) +
                           double(self.ru_utime.tv_usec + self.ru_stime.tv_usec) * 1e-6;
    double staged = 0;
    os << "nianbao: CPU seconds per stage (" << pages << " pages)\n";
    for (const auto& [stage, s] : times.seconds) {
        staged += s;
        os << "  " << std::fixed << std::setprecision(3) << std::setw(8) << s << "  " << stage << "\n";
    }
    os << "  " << std::setw(8) << process - staged << "  (outside the stages)\n";
    os << "  " << std::setw(8) << process << "  whole process, " << process / std::max(1, pages) << " per page\n";
}

int run_extract(const std::string& input, const std::string& format, const std::string& out, bool quiet,
                bool timings, nianbao::ExtractOptions options) {
    nianbao::StageTimes times;
    if (timings) options.times = &times;
    if (format == "xlsx" && out.empty())
        throw nianbao::InputError(ExitCode::usage, "--format xlsx needs an output file: -o FILE.xlsx");
    // Stage lines only for a person watching: a failure stays one line in logs.
    if (!quiet && isatty(STDERR_FILENO)) options.progress = [](const std::string& s) { std::cerr << "nianbao: " << s << "\n"; };
    const nianbao::Extraction ex = nianbao::extract_report(input, options);

    if (format == "xlsx") {
        nianbao::write_xlsx(ex, out);
    } else {
        std::ofstream file;
        if (!out.empty()) {
            file.open(out, std::ios::binary);
            if (!file) throw nianbao::InputError(ExitCode::unreadable, out + ": cannot write output file");
        }
        std::ostream& os = out.empty() ? std::cout : file;
        if (format == "csv") nianbao::write_csv(ex, os);
        else nianbao::write_json(ex, os);
        os.flush();
        if (!os) throw nianbao::InputError(ExitCode::unreadable, (out.empty() ? "stdout" : out) + ": write failed");
    }
    if (!quiet) nianbao::print_summary(ex, std::cerr);
    if (timings) print_timings(times, ex.input.pages, std::cerr);
    return int(ExitCode::ok);
}

// status and export read a database; they must not create an empty one.
void require_database(const std::string& db) {
    if (!std::filesystem::is_regular_file(db))
        throw nianbao::InputError(ExitCode::unreadable, db + ": no such database");
}

int run_status(const std::string& db) {
    require_database(db);
    nianbao::Store store(db);
    nianbao::print_status(nianbao::read_status(store.db()), std::cout, 1000);
    return int(ExitCode::ok);
}

int run_export(const std::string& db, const std::string& format, const std::string& out,
               const std::filesystem::path& models) {
    require_database(db);
    nianbao::Store store(db);
    if (format == "xlsx") {
        nianbao::export_xlsx(store.db(), out);
        return int(ExitCode::ok);
    }
    std::ofstream file;
    if (!out.empty()) {
        file.open(out, std::ios::binary);
        if (!file) throw nianbao::InputError(ExitCode::unreadable, out + ": cannot write output file");
    }
    std::ostream& os = out.empty() ? std::cout : file;
    if (format == "csv") nianbao::export_csv(store.db(), os);
    else nianbao::export_jsonl(store.db(), os, nianbao::load_schemas(models));
    return int(ExitCode::ok);
}

int run_review(const std::string& db, nianbao::ReviewOptions options, const std::filesystem::path& models) {
    require_database(db);
    if (options.reviewer.empty()) {
        const char* user = getenv("USER");
        options.reviewer = user && *user ? user : "reviewer";
    }
    nianbao::ReviewApi api(db, nianbao::load_schemas(models));
    nianbao::ReviewServer server(api, options);
    server.bind();
    std::cout << "nianbao review: " << server.url() << "  (Ctrl-C to stop)" << std::endl;
    server.serve();
    return int(ExitCode::ok);
}

// One document: extracted here (bad input fails as `extract` would), kept in
// a database beside it unless --db names one, then reviewed. Running it again
// keeps the stored results and every correction made to them.
int run_review_report(const std::filesystem::path& report, std::string db, const nianbao::ReviewOptions& options,
                      const std::filesystem::path& models, const nianbao::ExtractOptions& extract_options) {
    const auto started = nianbao::utc_now();
    const auto clock_start = std::chrono::steady_clock::now();
    const nianbao::Extraction ex = nianbao::extract_report(report, extract_options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
    if (db.empty()) db = report.string() + ".review.sqlite";
    {
        nianbao::Store store(db);
        const nianbao::Discovery found = nianbao::discover_folder(report);
        if (found.documents.empty())
            throw nianbao::InputError(ExitCode::unreadable, report.string() + ": cannot be read");
        const nianbao::StoredDocument doc = store.add(found.documents.front());
        if (doc.status != "done") store.save_done(doc.id, ex, {started, nianbao::utc_now(), seconds});
    }
    std::cerr << "nianbao: " << report.string() << " extracted into " << db << "\n";
    return run_review(db, options, models);
}

// The batch runs this very binary once per document (`extract`), so that a
// crash takes only that document's child process with it.
std::filesystem::path own_binary(const char* argv0) {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::absolute(argv0) : self;
}

}  // namespace

int main(int argc, char** argv) {
    // Tesseract's OpenMP threads fight each other on small cell images (the
    // work is spread over documents instead, with batch --jobs). OpenMP reads
    // its limit when the library loads, before main: so start again with it.
    if (!getenv("OMP_THREAD_LIMIT")) {
        setenv("OMP_THREAD_LIMIT", "1", 1);
        execv("/proc/self/exe", argv);  // returns only on failure: then go on as we are
    }
    // Likewise OpenCV's worker threads: splitting one page's morphology over
    // the cores costs CPU time in hand-overs and spinning.
    cv::setNumThreads(1);
    // A page's masks and label images are tens of megabytes each; glibc
    // maps every such buffer afresh and the kernel zeroes it page by page,
    // a fifth of a scanned page's CPU time. Kept in the heap instead, freed
    // buffers are reused.
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    poppler::set_debug_error_function(quiet_poppler, nullptr);
    CLI::App app{"nianbao: the statutory tables of 政府信息公开工作年度报告, extracted and checked"};
    app.set_version_flag("--version", std::string(NIANBAO_VERSION));
    app.require_subcommand(1);

    std::string input, format = "json", out;
    bool quiet = false;
    nianbao::ExtractOptions options;
    std::string models = options.models_dir.string();
    auto* extract = app.add_subcommand("extract", "extract the three tables of one report and check them");
    extract->add_option("report", input, "the report: a PDF")->required();
    extract->add_option("--format", format, "json (default), csv or xlsx")
        ->check(CLI::IsMember({"json", "csv", "xlsx"}));
    extract->add_option("-o,--output", out, "write here instead of stdout (required for xlsx)");
    extract->add_option("--threads", options.threads, "scanned pages read at once (default: one per core)")
        ->check(CLI::PositiveNumber);
    extract->add_option("--max-pages", options.max_pages, "refuse documents longer than this")
        ->check(CLI::PositiveNumber);
    extract->add_option("--models", models, "folder of the statutory schema files");
    extract->add_flag("-q,--quiet", quiet, "no progress or summary on stderr");
    bool timings = false;
    extract->add_flag("--timings", timings, "CPU seconds per stage on stderr");

    nianbao::BatchOptions batch_options;
    std::string batch_folder, batch_manifest, batch_db;
    auto* batch = app.add_subcommand("batch", "extract every report of an archive into one SQLite database");
    batch->add_option("folder", batch_folder, "the archive: searched recursively for PDFs and folders of page images");
    batch->add_option("--manifest", batch_manifest, "a file listing the documents, one path per line");
    batch->add_option("--db", batch_db, "the database to create or complete")->required();
    batch->add_option("-j,--jobs", batch_options.jobs, "documents extracted at once (default 1)")->check(CLI::PositiveNumber);
    batch->add_option("--timeout", batch_options.timeout_seconds, "seconds per document before it is killed (default 300)")
        ->check(CLI::PositiveNumber);
    batch->add_option("--memory-mb", batch_options.memory_mb, "address space per document in MiB, 0 = no limit (default 4096)")
        ->check(CLI::NonNegativeNumber);
    batch->add_flag("--force", batch_options.force, "redo documents already done");
    batch->add_flag("--retry-failed", batch_options.retry_failed, "redo documents that failed before");
    batch->add_option("--max-pages", options.max_pages, "refuse documents longer than this")->check(CLI::PositiveNumber);
    batch->add_option("--models", models, "folder of the statutory schema files");
    batch->add_flag("-q,--quiet", batch_options.quiet, "no progress or summary on stderr");

    std::string status_db;
    auto* status = app.add_subcommand("status", "what a batch database holds: done, failed, flagged, failing checks");
    status->add_option("--db", status_db, "the database")->required();

    std::string export_db, export_format = "csv", export_out;
    auto* exporter = app.add_subcommand("export", "the whole database as CSV, JSON lines or XLSX");
    exporter->add_option("--db", export_db, "the database")->required();
    exporter->add_option("--format", export_format, "csv (default), jsonl (or json) or xlsx")
        ->check(CLI::IsMember({"csv", "jsonl", "json", "xlsx"}));
    exporter->add_option("-o,--output", export_out, "write here instead of stdout (required for xlsx)");
    exporter->add_option("--models", models, "folder of the statutory schema files (for jsonl)");

    std::string review_db;
    nianbao::ReviewOptions review_options;
    auto* review = app.add_subcommand("review", "review and correct flagged cells in the browser (a local web page)");
    std::string review_report;
    review->add_option("report", review_report, "one report to extract and review (instead of --db)");
    review->add_option("--db", review_db, "the database (with a report: where to keep it; default REPORT.review.sqlite)");
    review->add_option("--port", review_options.port, "port to listen on (default: any free port)")
        ->check(CLI::Range(0, 65535));
    review->add_option("--host", review_options.host, "address to listen on (default 127.0.0.1; others need --token)");
    review->add_option("--token", review_options.token, "a secret every request must carry (required off loopback)");
    review->add_option("--reviewer", review_options.reviewer, "name recorded with corrections (default $USER)");
    review->add_option("--models", models, "folder of the statutory schema files");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : int(ExitCode::usage);
    }
    options.models_dir = models;
    try {
        if (batch->parsed()) {
            if (batch_folder.empty() == batch_manifest.empty())
                throw nianbao::InputError(ExitCode::usage, "batch needs a folder or --manifest FILE (one of them)");
            batch_options.folder = batch_folder;
            batch_options.manifest = batch_manifest;
            batch_options.db = batch_db;
            batch_options.extractor = own_binary(argv[0]);
            // The batch spreads documents over the cores (--jobs); each child
            // reads its pages one at a time.
            batch_options.extract_args = {"--max-pages", std::to_string(options.max_pages), "--models", models,
                                          "--threads", "1"};
            batch_options.live_progress = isatty(STDERR_FILENO);
            nianbao::run_batch(batch_options, std::cerr);
            return int(ExitCode::ok);
        }
        if (status->parsed()) return run_status(status_db);
        if (review->parsed()) {
            if (!review_report.empty()) return run_review_report(review_report, review_db, review_options, models, options);
            if (review_db.empty()) throw nianbao::InputError(ExitCode::usage, "review needs --db FILE or a report");
            return run_review(review_db, review_options, models);
        }
        if (exporter->parsed()) {
            if (export_format == "xlsx" && export_out.empty())
                throw nianbao::InputError(ExitCode::usage, "--format xlsx needs an output file: -o FILE.xlsx");
            return run_export(export_db, export_format, export_out, models);
        }
        return run_extract(input, format, out, quiet, timings, options);
    } catch (const nianbao::InputError& e) {
        std::cerr << "nianbao: " << e.what() << "\n";
        return int(e.code());
    } catch (const nianbao::StoreError& e) {
        // The database could not be opened or written: like an unwritable output.
        std::cerr << "nianbao: " << e.what() << "\n";
        return int(ExitCode::unreadable);
    } catch (const std::exception& e) {
        std::cerr << "nianbao: internal error" << (input.empty() ? "" : " on " + input) << ": " << e.what() << "\n";
        return int(ExitCode::internal);
    }
}

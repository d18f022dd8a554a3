// nianbao: Chinese government information-disclosure annual reports in,
// verified statutory tables out. The CLI only parses arguments and picks an
// output; the work is in the library (src/pipeline.h).

#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <poppler-global.h>

#include "src/errors.h"
#include "src/output_csv.h"
#include "src/output_json.h"
#include "src/output_xlsx.h"
#include "src/pipeline.h"
#include "src/summary.h"

namespace {

using nianbao::ExitCode;

// Poppler's own complaints about a damaged file would interleave with ours;
// the damage is reported once, as an InputError.
void quiet_poppler(const std::string&, void*) {}

int run_extract(const std::string& input, const std::string& format, const std::string& out, bool quiet,
                nianbao::ExtractOptions options) {
    if (format == "xlsx" && out.empty())
        throw nianbao::InputError(ExitCode::usage, "--format xlsx needs an output file: -o FILE.xlsx");
    if (!quiet) options.progress = [](const std::string& s) { std::cerr << "nianbao: " << s << "\n"; };
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
    return int(ExitCode::ok);
}

}  // namespace

int main(int argc, char** argv) {
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
    extract->add_option("--max-pages", options.max_pages, "refuse documents longer than this")
        ->check(CLI::PositiveNumber);
    extract->add_option("--models", models, "folder of the statutory schema files");
    extract->add_flag("-q,--quiet", quiet, "no progress or summary on stderr");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : int(ExitCode::usage);
    }
    options.models_dir = models;
    try {
        return run_extract(input, format, out, quiet, options);
    } catch (const nianbao::InputError& e) {
        std::cerr << "nianbao: " << e.what() << "\n";
        return int(e.code());
    } catch (const std::exception& e) {
        std::cerr << "nianbao: internal error on " << input << ": " << e.what() << "\n";
        return int(ExitCode::internal);
    }
}

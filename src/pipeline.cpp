#include "src/pipeline.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "preprocess/binarize.h"
#include "preprocess/page_image.h"
#include "preprocess/pdf_document.h"
#include "src/errors.h"
#include "src/file_hash.h"
#include "src/report_identity.h"
#include "src/stage_times.h"
#include "tables/arithmetic_choice.h"
#include "tables/cell_ocr.h"
#include "tables/cell_text.h"
#include "tables/cell_value.h"
#include "tables/checks.h"
#include "tables/grid.h"
#include "tables/label_text.h"
#include "tables/lines.h"
#include "tables/narrative_checks.h"
#include "tables/page_turn.h"
#include "tables/scan_grid.h"
#include "tables/schema_snap.h"
#include "tables/table_join.h"

namespace nianbao {
namespace {

constexpr double digital_dpi = 100;  // enough to see every rule of a rendered page
constexpr double scan_dpi = 300;     // an image-only PDF page is rendered for OCR at this

struct PageTables {
    std::vector<TableFragment> fragments;
    std::string prose;  // text outside tables, in the PDF's order
    bool scanned = false;
};

// Labels that only a statutory table prints: a page without any is not
// rendered at all, which keeps a born-digital report cheap.
std::vector<std::string> table_anchors(const std::vector<Schema>& schemas, const LabelText& text) {
    std::vector<std::string> out;
    for (const auto& s : schemas)
        for (const auto& t : s.tables) {
            for (const auto& r : t.rows) out.push_back(text.key(r.label));
            for (const auto& c : t.columns) out.push_back(text.key(c.label));
        }
    std::erase_if(out, [](const std::string& a) { return code_points(a) < 4; });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool mentions_any(const std::string& normalized_page, const std::vector<std::string>& anchors) {
    return std::any_of(anchors.begin(), anchors.end(),
                       [&](const std::string& a) { return normalized_page.find(a) != std::string::npos; });
}

std::string all_text(const PageText& t) {
    std::string s;
    for (const auto& g : t.glyphs) s += g.text;
    return s;
}

// A text layer worth trusting: enough characters, mostly Chinese, digits and
// punctuation rather than the private-use garbage of a broken font mapping.
bool has_usable_text(const PageText& t) {
    if (t.glyphs.size() < 10) return false;
    size_t plausible = 0;
    for (const auto& g : t.glyphs) {
        const unsigned char c = static_cast<unsigned char>(g.text[0]);
        const bool ascii = c < 0x80;
        const bool cjk_or_punct = g.text.size() == 3 && c >= 0xE2 && c <= 0xE9;  // U+2000..U+9FFF
        plausible += ascii || cjk_or_punct;
    }
    return plausible * 10 >= t.glyphs.size() * 8;
}

PageTables digital_page_tables(const PdfDocument& doc, const PageText& text) {
    const double pt_to_px = digital_dpi / 72.0;
    const cv::Mat gray = doc.render_gray(text.page, digital_dpi);
    std::vector<Box> text_px;
    for (const auto& g : text.glyphs) text_px.push_back(g.ink_box().scaled(pt_to_px));
    const LineMasks lines =
        find_lines(ruling_ink(ink_of_rendering(gray), int(digital_dpi / 3), text_px), LineOptions::for_dpi(digital_dpi));
    std::vector<bool> in_table;
    PageTables out;
    out.fragments = fill_cells(find_tables(lines, GridOptions::for_dpi(digital_dpi)), 1.0 / pt_to_px, text, in_table);
    for (size_t i = 0; i < text.glyphs.size(); ++i)
        if (!in_table[i]) out.prose += text.glyphs[i].text;
    return out;
}

// A scanned page straightened and turned upright, with its rules and tables.
struct UprightScan {
    cv::Mat gray;
    LineMasks lines;
    std::vector<TableGrid> grids;
};

void find_scan_tables(UprightScan& s, double dpi) {
    ScanGrid found = find_scan_grid(s.gray, dpi);
    s.lines = std::move(found.lines);
    s.grids = std::move(found.grids);
}

// The page is straightened first: a slant of a degree looks the same whichever
// way up the page stands, and the rules of a sideways page still run along
// rows and columns. Its table then tells which way is up (table_upright_turn);
// Tesseract's OSD, which sees too few characters on a table page and costs a
// third of a second, is asked only when the table cannot tell, and not at
// all for a page without a table other than page 1, of which nothing but
// page 1's title is read.
UprightScan upright(const cv::Mat& scan, double dpi, bool first_page, CellReaders& readers, StageTimes* times) {
    UprightScan s;
    {
        StageClock clock(times, "straighten");
        s.gray = straightened(scan, straightening_degrees(scan, dpi));
    }
    {
        StageClock clock(times, "rules and grid");
        find_scan_tables(s, dpi);
    }
    std::optional<int> turn;
    if (!s.grids.empty()) {
        StageClock clock(times, "turn from the table");
        turn = table_upright_turn(s.gray, dpi, s.grids, readers.chinese);
    }
    if (!turn) {
        StageClock clock(times, "turn by OSD");
        turn = s.grids.empty() && !first_page ? 0 : readers.orientation.upright_turn(s.gray, dpi);
    }
    if (*turn != 0) {
        StageClock clock(times, "rules and grid");
        s.gray = turned(s.gray, *turn);
        find_scan_tables(s, dpi);
    }
    return s;
}

PageTables scanned_page_tables(const UprightScan& s, double dpi, int page, CellReaders& readers, StageTimes* times) {
    PageTables out;
    out.scanned = true;
    out.fragments = read_scanned_cells(s.gray, dpi, s.lines, s.grids, page, readers, times);
    return out;
}

// What the stages after table finding need from the document.
struct Found {
    std::vector<TableFragment> fragments;
    std::string prose;
    std::string first_page;  // printed lines of page 1, for the title
    int pages = 0;
    int scanned_pages = 0;
};

// A page without a usable text layer, to be read by OCR on a worker thread.
struct ScanJob {
    int page;
    double dpi;
    std::function<cv::Mat()> load;  // the page image; called on the worker
};

struct ScanResult {
    PageTables tables;
    std::string title;  // page 1 only
    std::exception_ptr error;
};

// Scanned pages on `threads` workers, each with its own Tesseract engines
// (a TessBaseAPI serves one thread), each holding one page image at a time.
std::vector<ScanResult> read_scans(const std::vector<ScanJob>& jobs, int threads, StageTimes* all_times,
                                   const std::function<void(const std::string&)>& say) {
    std::vector<ScanResult> results(jobs.size());
    std::atomic<size_t> next{0};
    std::mutex say_lock;
    auto work = [&] {
        StageTimes own;
        StageTimes* times = all_times ? &own : nullptr;
        std::optional<CellReaders> readers;
        for (size_t i; (i = next++) < jobs.size();) {
            const ScanJob& job = jobs[i];
            try {
                {
                    std::lock_guard<std::mutex> lock(say_lock);
                    say("page " + std::to_string(job.page) + ": reading the scan");
                }
                if (!readers) {
                    StageClock clock(times, "loading the OCR models");
                    readers.emplace();
                }
                cv::Mat image;
                {
                    StageClock clock(times, "rendering");
                    image = job.load();
                }
                const UprightScan scan = upright(image, job.dpi, job.page == 1, *readers, times);
                image.release();
                if (job.page == 1) {
                    StageClock clock(times, "title");
                    results[i].title = read_page_top(scan.gray, job.dpi, *readers);
                }
                results[i].tables = scanned_page_tables(scan, job.dpi, job.page, *readers, times);
            } catch (...) {
                results[i].error = std::current_exception();
            }
        }
        if (all_times) {
            std::lock_guard<std::mutex> lock(say_lock);
            all_times->add(own);
        }
    };
    const int n = std::max(1, std::min(threads, int(jobs.size())));
    std::vector<std::thread> pool;
    for (int t = 1; t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (const auto& r : results)
        if (r.error) std::rethrow_exception(r.error);
    return results;
}

// The pages' tables in page order, from the digital pages read already and
// the scanned pages read now.
Found gather(Found found, std::vector<PageTables> pages, const std::vector<ScanJob>& jobs, const ExtractOptions& options,
             const std::function<void(const std::string&)>& say) {
    auto scans = read_scans(jobs, options.threads, options.times, say);
    for (size_t i = 0; i < jobs.size(); ++i) {
        pages[size_t(jobs[i].page - 1)] = std::move(scans[i].tables);
        if (jobs[i].page == 1) found.first_page = scans[i].title;
    }
    found.scanned_pages = int(jobs.size());
    for (auto& page : pages) {
        found.prose += page.prose;
        for (auto& f : page.fragments) found.fragments.push_back(std::move(f));
    }
    return found;
}

Found find_in_pdf(const std::filesystem::path& path, const ExtractOptions& options, const std::vector<std::string>& anchors,
                  const LabelText& text, const std::function<void(const std::string&)>& say) {
    PdfDocument doc = PdfDocument::open(path, options.max_pages);
    Found found;
    found.pages = doc.page_count();
    std::vector<PageTables> pages(size_t(doc.page_count()));
    std::vector<ScanJob> scans;
    std::mutex poppler;  // a poppler document is not safe to share between threads
    {
        StageClock clock(options.times, "text layer and digital pages");
        for (int p = 1; p <= doc.page_count(); ++p) {
            const PageText pt = doc.text(p);
            if (p == 1) found.first_page = assemble_text(pt.glyphs);
            if (!has_usable_text(pt)) {
                scans.push_back({p, scan_dpi, [&doc, &poppler, p] {
                                     std::lock_guard<std::mutex> lock(poppler);
                                     return doc.render_scan(p, scan_dpi);
                                 }});
            } else if (mentions_any(text.key(all_text(pt)), anchors)) {
                say("page " + std::to_string(p) + ": finding tables");
                pages[size_t(p - 1)] = digital_page_tables(doc, pt);
            } else {
                pages[size_t(p - 1)].prose = all_text(pt);
            }
        }
    }
    return gather(std::move(found), std::move(pages), scans, options, say);
}

Found find_in_images(const std::filesystem::path& path, const ExtractOptions& options,
                     const std::function<void(const std::string&)>& say) {
    const auto images = load_page_images(path, options.max_pages);
    Found found;
    found.pages = int(images.size());
    std::vector<ScanJob> scans;
    for (size_t i = 0; i < images.size(); ++i)
        scans.push_back({int(i) + 1, images[i].dpi, [&images, i] { return images[i].gray; }});
    return gather(std::move(found), std::vector<PageTables>(images.size()), scans, options, say);
}

}  // namespace

Extraction extract_report(const std::filesystem::path& path, const ExtractOptions& options) {
    auto say = [&](const std::string& s) { if (options.progress) options.progress(s); };
    std::optional<StageClock> clock(std::in_place, options.times, "schemas");
    const std::vector<Schema> schemas = load_schemas(options.models_dir);
    const LabelText text;
    clock.reset();

    std::error_code ec;
    const bool folder = std::filesystem::is_directory(path, ec);
    if (!folder && !std::filesystem::is_regular_file(path, ec))
        throw InputError(ExitCode::unreadable, path.string() + ": no such file");
    Found found = folder || looks_like_page_image(path)
                      ? find_in_images(path, options, say)
                      : find_in_pdf(path, options, table_anchors(schemas, text), text, say);

    clock.emplace(options.times, "joining, snapping, checks");
    Extraction ex;
    ex.input.path = path.string();
    ex.input.sha256 = folder ? "" : sha256_file(path);
    ex.input.pages = found.pages;
    ex.input.kind = found.scanned_pages == 0 ? "digital" : found.scanned_pages == found.pages ? "scanned" : "mixed";

    std::vector<SchemaSnapper> snappers;
    for (const auto& s : schemas) snappers.emplace_back(s, text);
    const auto is_value = [&](const TextCell& c) {
        return parse_value(text.normalize(c.text)).kind == ParsedValue::number;
    };
    const auto opens_with_header = [&](const TableFragment& f) {
        for (const TextCell* c : head_cells(f, is_value))
            for (const auto& sn : snappers)
                if (sn.is_column_header(c->text)) return true;
        return false;
    };
    const std::vector<Table> tables = join_fragments(found.fragments, opens_with_header, is_value);

    // The template version is whichever schema names more of the document's cells.
    size_t best = 0;
    std::vector<Snap> snaps;
    for (size_t i = 0; i < snappers.size(); ++i) {
        snaps.push_back(snappers[i].snap(tables));
        if (snaps[i].cells_found > snaps[best].cells_found) best = i;
    }
    if (snaps[best].cells_found == 0)
        throw InputError(ExitCode::no_tables, path.string() + ": none of the statutory tables was found");

    ex.schema = schemas[best];
    ex.tables = std::move(snaps[best].tables);
    for (const auto& t : ex.tables) ex.warnings.insert(ex.warnings.end(), t.problems.begin(), t.problems.end());
    if (found.scanned_pages > 0) choose_by_arithmetic(ex.schema, ex.tables);
    ex.checks = run_table_checks(ex.schema, ex.tables);
    ex.narrative = find_narrative_claims(ex.schema, text.normalize(found.prose));
    const auto narrative = check_narrative_claims(ex.schema, ex.narrative, ex.tables);
    ex.checks.insert(ex.checks.end(), narrative.begin(), narrative.end());
    flag_failing_cells(ex.checks, ex.tables);
    flag_unconfirmed_ocr_cells(ex.checks, ex.tables);
    ex.report = read_identity(found.first_page, text);
    return ex;
}

}  // namespace nianbao

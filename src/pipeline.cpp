#include "src/pipeline.h"

#include <algorithm>

#include "preprocess/pdf_document.h"
#include "src/errors.h"
#include "src/file_hash.h"
#include "src/report_identity.h"
#include "tables/cell_text.h"
#include "tables/cell_value.h"
#include "tables/checks.h"
#include "tables/grid.h"
#include "tables/label_text.h"
#include "tables/lines.h"
#include "tables/narrative_checks.h"
#include "tables/schema_snap.h"
#include "tables/table_join.h"

namespace nianbao {
namespace {

struct PageTables {
    std::vector<TableFragment> fragments;
    std::string prose;  // text outside tables, in the PDF's order
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

PageTables find_page_tables(const PdfDocument& doc, const PageText& text, double dpi) {
    const double pt_to_px = dpi / 72.0;
    const cv::Mat gray = doc.render_gray(text.page, dpi);
    LineOptions lo;
    // A rule is longer than what survives of text (strokes touching a rule);
    // text shapes are smaller than a third of an inch.
    lo.min_length_px = std::max(8, int(dpi / 12));
    std::vector<Box> text_px;
    for (const auto& g : text.glyphs) text_px.push_back(g.ink_box().scaled(pt_to_px));
    const LineMasks lines = find_lines(ruling_ink(gray, int(dpi / 3), text_px), lo);
    std::vector<bool> in_table;
    PageTables out;
    out.fragments = fill_cells(find_tables(lines, GridOptions{}), 1.0 / pt_to_px, text, in_table);
    for (size_t i = 0; i < text.glyphs.size(); ++i)
        if (!in_table[i]) out.prose += text.glyphs[i].text;
    return out;
}

std::string all_text(const PageText& t) {
    std::string s;
    for (const auto& g : t.glyphs) s += g.text;
    return s;
}

}  // namespace

Extraction extract_report(const std::filesystem::path& path, const ExtractOptions& options) {
    auto say = [&](const std::string& s) { if (options.progress) options.progress(s); };
    PdfDocument doc = PdfDocument::open(path, options.max_pages);
    Extraction ex;
    ex.input.path = path.string();
    ex.input.sha256 = sha256_file(path);
    ex.input.pages = doc.page_count();
    ex.input.kind = "digital";

    const std::vector<Schema> schemas = load_schemas(options.models_dir);
    const LabelText text;
    const auto anchors = table_anchors(schemas, text);

    std::vector<TableFragment> fragments;
    std::string prose;
    std::string first_page;
    size_t glyphs = 0;
    for (int p = 1; p <= doc.page_count(); ++p) {
        const PageText pt = doc.text(p);
        glyphs += pt.glyphs.size();
        if (p == 1) first_page = assemble_text(pt.glyphs);
        if (!mentions_any(text.key(all_text(pt)), anchors)) {
            prose += all_text(pt);
            continue;
        }
        say("page " + std::to_string(p) + ": finding tables");
        PageTables found = find_page_tables(doc, pt, options.dpi);
        prose += found.prose;
        for (auto& f : found.fragments) fragments.push_back(std::move(f));
    }
    if (glyphs == 0)
        throw InputError(ExitCode::no_tables, path.string() +
                                                  ": no text layer (an image-only scan); scanned reports are not supported yet");

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
    const std::vector<Table> tables = join_fragments(fragments, opens_with_header);

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
    ex.checks = run_table_checks(ex.schema, ex.tables);
    const auto narrative = run_narrative_checks(ex.schema, text.normalize(prose), ex.tables);
    ex.checks.insert(ex.checks.end(), narrative.begin(), narrative.end());
    flag_failing_cells(ex.checks, ex.tables);
    ex.report = read_identity(first_page, text);
    return ex;
}

}  // namespace nianbao

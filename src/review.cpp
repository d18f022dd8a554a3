#include "src/review.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "preprocess/page_image.h"
#include "preprocess/pdf_document.h"
#include "src/file_hash.h"
#include "tables/cell_value.h"

namespace nianbao {

using nlohmann::json;

bool is_identifier(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

namespace {

constexpr int kMaxPages = 1000;
constexpr size_t kRenderCache = 6;
constexpr size_t kMaxAlternatives = 3;  // the keys that pick them: 1 to 3 with Shift

// confident, flagged, corrected or failing (in a failing check): the colours of the page view.
std::string state_of(bool needs_review, bool corrected, bool failing) {
    if (failing) return "failing";
    if (corrected) return "corrected";
    if (needs_review) return "flagged";
    return "confident";
}

std::string png(const cv::Mat& m) {
    std::vector<unsigned char> bytes;
    if (!cv::imencode(".png", m, bytes)) throw std::runtime_error("cannot encode PNG");
    return std::string(bytes.begin(), bytes.end());
}

std::string value_type_of(const Schema* schema, const std::string& table, const std::string& col) {
    if (schema)
        if (const SchemaTable* t = schema->table(table))
            if (const SchemaColumn* c = t->column(col))
                return c->type == ValueType::decimal ? "decimal" : c->type == ValueType::signed_count ? "signed_count" : "count";
    return "count";
}

// Why a value cannot stand in a column of this kind, or "" when it can.
std::string unfit(double v, const std::string& type) {
    if (!std::isfinite(v) || std::fabs(v) > 1e12) return "value out of range";
    if (type != "decimal" && v != std::floor(v)) return "this column holds whole numbers";
    if (type == "count" && v < 0) return "this column holds no negative numbers";
    return "";
}

std::optional<double> checked_value(const json& value, const std::string& type) {
    if (value.is_null()) return std::nullopt;
    if (!value.is_number()) throw ReviewError(400, "value must be a number or null");
    const double v = value.get<double>();
    if (const std::string why = unfit(v, type); !why.empty()) throw ReviewError(400, why);
    return v;
}

}  // namespace

ReviewApi::ReviewApi(const std::filesystem::path& db_file, std::vector<Schema> schemas)
    : store_(db_file), schemas_(std::move(schemas)) {}

const LiveCell& ReviewApi::find_cell(const LiveDocument& d, const CellKey& key) {
    for (const auto& c : d.cells)
        if (c.table == key.table && c.cell.row == key.row && c.cell.col == key.col) return c;
    throw ReviewError(404, "no such cell");
}

json ReviewApi::checks_json(const LiveDocument& d) {
    // A failing check is reviewed once every cell it covers has been: it
    // then fails on numbers the reviewer confirmed (the report's own error).
    std::set<std::string> corrected;
    for (const auto& c : d.cells)
        if (c.corrected) corrected.insert(cell_id(c.table, c.cell.row, c.cell.col));
    json out = json::array();
    for (size_t i = 0; i < d.checks.size(); ++i) {
        const auto& k = d.checks[i];
        const bool reviewed = std::all_of(k.cells.begin(), k.cells.end(), [&](const std::string& id) { return corrected.count(id) > 0; });
        out.push_back({{"rule", k.rule}, {"row", k.row}, {"col", k.col}, {"status", k.status},
                       {"cells", k.cells}, {"message", k.message}, {"live", bool(d.check_live[i])},
                       {"reviewed", reviewed}});
    }
    return out;
}

json ReviewApi::alternatives_json(const LiveCell& c, const std::string& value_type) {
    json out = json::array();
    std::set<double> seen;
    if (c.final_value) seen.insert(*c.final_value);
    for (const auto& text : c.cell.alternatives) {
        const ParsedValue p = parse_value(text_.normalize(text));
        if (p.kind != ParsedValue::number || !unfit(*p.value, value_type).empty() || !seen.insert(*p.value).second) continue;
        out.push_back({{"text", text}, {"value", optional_number(p.value)}});
        if (out.size() == kMaxAlternatives) break;
    }
    return out;
}

json ReviewApi::cell_json(const LiveDocument& d, const LiveCell& c) {
    const BoundCell& b = c.cell;
    const std::string id = cell_id(c.table, b.row, b.col);
    const auto failing = failing_cells(d.checks);
    const std::string value_type = value_type_of(d.schema, c.table, b.col);
    json j = {{"document", {{"id", d.id}, {"name", d.name}, {"agency", d.agency},
                            {"year", d.year ? json(*d.year) : json(nullptr)}}},
              {"table", c.table},
              {"row", b.row},
              {"col", b.col},
              {"value", optional_number(c.final_value)},
              {"extracted_value", optional_number(b.value)},
              {"empty", b.empty},
              {"text", b.text},
              {"confidence", b.confidence},
              {"source", b.source},
              {"note", b.note},
              {"page", b.page},
              {"bbox", b.bbox ? json{b.bbox->x0, b.bbox->y0, b.bbox->x1, b.bbox->y1} : json(nullptr)},
              {"bbox_estimated", c.box_estimated},
              {"needs_review", b.needs_review},
              {"corrected", c.corrected},
              {"state", state_of(b.needs_review, c.corrected, failing.count(id) > 0)},
              {"table_title", ""},
              {"row_label", row_label(d.schema, c.table, b.row)},
              {"col_label", col_label(d.schema, c.table, b.col)},
              {"section", ""},
              {"value_type", value_type},
              {"alternatives", alternatives_json(c, value_type)}};
    if (d.schema)
        if (const SchemaTable* t = d.schema->table(c.table)) {
            j["table_title"] = t->title;
            if (const SchemaRow* r = t->row(b.row)) j["section"] = r->section;
        }
    json covering = json::array();
    for (size_t i = 0; i < d.checks.size(); ++i) {
        const auto& k = d.checks[i];
        if (std::find(k.cells.begin(), k.cells.end(), id) == k.cells.end()) continue;
        covering.push_back({{"rule", k.rule}, {"row", k.row}, {"col", k.col}, {"status", k.status},
                            {"message", k.message}, {"live", bool(d.check_live[i])}});
    }
    j["checks"] = covering;
    json history = json::array();
    Statement h = store_.db().prepare(
        "SELECT id, old_value, new_value, reviewer, COALESCE(note, ''), created_at FROM corrections "
        "WHERE document_id = ?1 AND table_id = ?2 AND row = ?3 AND col = ?4 ORDER BY created_at, id");
    h.bind(1, d.id).bind(2, c.table).bind(3, b.row).bind(4, b.col);
    while (h.step())
        history.push_back({{"id", h.int64(0)}, {"old_value", optional_number(h.optional_real(1))},
                           {"new_value", optional_number(h.optional_real(2))}, {"reviewer", h.text(3)},
                           {"note", h.text(4)}, {"created_at", h.text(5)}});
    j["corrections"] = history;
    return j;
}

json ReviewApi::queue(const QueueFilter& f) {
    std::lock_guard lock(mutex_);
    if (f.limit < 1) throw ReviewError(400, "limit must be positive");
    refresh_live_checks(store_.db(), schemas_);
    return review_queue(store_.db(), f, schemas_);
}

json ReviewApi::cell(const CellKey& key) {
    std::lock_guard lock(mutex_);
    const LiveDocument d = load(key.document);
    return cell_json(d, find_cell(d, key));
}

json ReviewApi::document(std::int64_t id) {
    std::lock_guard lock(mutex_);
    const LiveDocument d = load(id);
    return {{"document", to_json(document_state(d))}, {"checks", checks_json(d)}};
}

json ReviewApi::changed(const CellKey& key) {
    const LiveDocument d = load(key.document);
    save_live_checks(store_.db(), d);
    return {{"cell", cell_json(d, find_cell(d, key))}, {"checks", checks_json(d)}, {"document", to_json(document_state(d))}};
}

json ReviewApi::correct(const CellKey& key, const json& value, const std::string& reviewer, const std::string& note) {
    std::lock_guard lock(mutex_);
    if (reviewer.empty() || reviewer.size() > 200) throw ReviewError(400, "a reviewer name is needed (at most 200 bytes)");
    if (note.size() > 2000) throw ReviewError(400, "note too long");
    // The correction and the checks it changes, together or not at all.
    Transaction tx(store_.db());
    {
        const LiveDocument d = load(key.document);
        const LiveCell& c = find_cell(d, key);
        const auto v = checked_value(value, value_type_of(d.schema, key.table, key.col));
        store_.db()
            .prepare("INSERT INTO corrections (document_id, table_id, row, col, old_value, new_value, reviewer, note) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
            .bind(1, key.document)
            .bind(2, key.table)
            .bind(3, key.row)
            .bind(4, key.col)
            .bind(5, c.final_value)
            .bind(6, v)
            .bind(7, reviewer)
            .bind(8, note.empty() ? std::optional<std::string>() : std::optional<std::string>(note))
            .run();
    }
    json out = changed(key);
    tx.commit();
    return out;
}

json ReviewApi::undo(const CellKey& key) {
    std::lock_guard lock(mutex_);
    Transaction tx(store_.db());
    {
        const LiveDocument d = load(key.document);
        find_cell(d, key);
        Statement last = store_.db().prepare(
            "SELECT id FROM corrections WHERE document_id = ?1 AND table_id = ?2 AND row = ?3 AND col = ?4 "
            "ORDER BY created_at DESC, id DESC LIMIT 1");
        last.bind(1, key.document).bind(2, key.table).bind(3, key.row).bind(4, key.col);
        if (!last.step()) throw ReviewError(409, "this cell has no correction to undo");
        store_.db().prepare("DELETE FROM corrections WHERE id = ?1").bind(1, last.int64(0)).run();
    }
    json out = changed(key);
    tx.commit();
    return out;
}

json ReviewApi::page(std::int64_t document, int page) {
    std::lock_guard lock(mutex_);
    const LiveDocument d = load(document);
    const auto [image, scale] = render(document, page, 100);
    const auto failing = failing_cells(d.checks);
    json cells = json::array();
    for (const auto& c : d.cells) {
        const BoundCell& b = c.cell;
        if (b.page != page || !b.bbox) continue;
        const std::string id = cell_id(c.table, b.row, b.col);
        cells.push_back({{"table", c.table}, {"row", b.row}, {"col", b.col},
                         {"value", optional_number(c.final_value)},
                         {"bbox", {b.bbox->x0, b.bbox->y0, b.bbox->x1, b.bbox->y1}},
                         {"bbox_estimated", c.box_estimated},
                         {"state", state_of(b.needs_review, c.corrected, failing.count(id) > 0)},
                         {"left", left_to_review(failing, id, b.needs_review, c.corrected)}});
    }
    return {{"document", to_json(document_state(d))}, {"page", page}, {"width", image.cols / scale},
            {"height", image.rows / scale}, {"cells", cells}};
}

std::filesystem::path ReviewApi::source_file(std::int64_t document, std::string& input_type) {
    Database& db = store_.db();
    std::string sha;
    std::vector<std::filesystem::path> candidates;
    {
        Statement s = db.prepare("SELECT path, sha256, input_type FROM documents WHERE id = ?1 AND status = 'done'");
        s.bind(1, document);
        if (!s.step()) throw ReviewError(404, "no such document");
        candidates.emplace_back(s.text(0));
        sha = s.text(1);
        input_type = s.text(2);
    }
    if (auto it = verified_.find(document); it != verified_.end()) return it->second;
    Statement p = db.prepare("SELECT path FROM document_paths WHERE document_id = ?1 ORDER BY path");
    p.bind(1, document);
    while (p.step()) candidates.emplace_back(p.text(0));
    for (const auto& c : candidates) {
        std::error_code ec;
        if (input_type == "pdf") {
            if (!std::filesystem::is_regular_file(c, ec)) continue;
            // Only the very file that was extracted: a path now naming other
            // content is not served.
            try {
                if (sha256_file(c) != sha) continue;
            } catch (const std::exception&) {
                continue;
            }
        } else if (!std::filesystem::is_directory(c, ec) && !std::filesystem::is_regular_file(c, ec)) {
            continue;
        }
        verified_[document] = c;
        return c;
    }
    throw ReviewError(404, "the source document is no longer where it was found");
}

std::pair<cv::Mat, double> ReviewApi::render(std::int64_t document, int page, double dpi) {
    for (const auto& r : rendered_)
        if (r.document == document && r.page == page && r.dpi == dpi) return {r.image, r.scale};
    std::string input_type;
    const auto file = source_file(document, input_type);
    cv::Mat image;
    double scale = dpi / 72.0;
    if (input_type == "pdf") {
        const PdfDocument pdf = PdfDocument::open(file, kMaxPages);
        if (page < 1 || page > pdf.page_count()) throw ReviewError(404, "no such page");
        image = pdf.render_scan(page, dpi);
    } else {
        auto pages = load_page_images(file, kMaxPages);
        if (page < 1 || page > int(pages.size())) throw ReviewError(404, "no such page");
        image = pages[size_t(page - 1)].gray;
        scale = pages[size_t(page - 1)].dpi / 72.0;
    }
    if (image.empty()) throw ReviewError(404, "the page could not be rendered");
    rendered_.push_back(Rendered{document, page, dpi, image, scale});
    if (rendered_.size() > kRenderCache) rendered_.erase(rendered_.begin());
    return {image, scale};
}

std::string ReviewApi::cell_png(const CellKey& key) {
    std::lock_guard lock(mutex_);
    const LiveDocument d = load(key.document);
    const BoundCell& c = find_cell(d, key).cell;
    if (!c.bbox || c.page < 1) throw ReviewError(404, "this cell was not found on any page");
    const auto [image, scale] = render(key.document, c.page, 200);
    const Box b = *c.bbox;
    // The cell with its neighbours, so that a misplaced reading shows.
    const double mx = std::max(24.0, b.width() * 0.8), my = std::max(10.0, b.height() * 0.6);
    cv::Rect r(int((b.x0 - mx) * scale), int((b.y0 - my) * scale), int((b.width() + 2 * mx) * scale),
               int((b.height() + 2 * my) * scale));
    r &= cv::Rect(0, 0, image.cols, image.rows);
    if (r.width <= 0 || r.height <= 0) throw ReviewError(404, "the cell lies outside its page");
    cv::Mat crop;
    cv::cvtColor(image(r), crop, cv::COLOR_GRAY2BGR);
    const cv::Rect cell(int(b.x0 * scale) - r.x, int(b.y0 * scale) - r.y, int(b.width() * scale), int(b.height() * scale));
    cv::rectangle(crop, cell, cv::Scalar(40, 40, 220), 2);
    return png(crop);
}

std::string ReviewApi::page_png(std::int64_t document, int page, double dpi) {
    std::lock_guard lock(mutex_);
    load(document);  // a done document of the store, or 404
    return png(render(document, page, dpi).first);
}

}  // namespace nianbao

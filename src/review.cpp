#include "src/review.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "preprocess/page_image.h"
#include "preprocess/pdf_document.h"
#include "src/file_hash.h"
#include "tables/checks.h"

namespace nianbao {

using nlohmann::json;

bool is_identifier(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

namespace {

constexpr int kMaxPages = 1000;
constexpr size_t kRenderCache = 6;

// Counts as integers (10, not 10.0), like extract's JSON.
json optional_number(const std::optional<double>& v) {
    if (!v) return nullptr;
    if (*v == std::floor(*v) && std::fabs(*v) < 9e15) return json(static_cast<std::int64_t>(*v));
    return json(*v);
}

std::string cell_id(const std::string& table, const std::string& row, const std::string& col) {
    return table + "." + row + "." + col;
}

std::string joined(const std::string& group, const std::string& label) {
    return group.empty() ? label : group + " · " + label;
}

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

}  // namespace

ReviewApi::ReviewApi(const std::filesystem::path& db_file, std::vector<Schema> schemas)
    : store_(db_file), schemas_(std::move(schemas)) {}

std::vector<std::int64_t> ReviewApi::done_documents() {
    std::vector<std::int64_t> ids;
    Statement s = store_.db().prepare("SELECT id FROM documents WHERE status = 'done' ORDER BY id");
    while (s.step()) ids.push_back(s.int64(0));
    return ids;
}

ReviewApi::LiveDocument ReviewApi::load(std::int64_t id) {
    Database& db = store_.db();
    LiveDocument d;
    {
        Statement s = db.prepare(
            "SELECT path, COALESCE(agency, ''), year, COALESCE(template, ''), input_type, status FROM documents WHERE id = ?1");
        s.bind(1, id);
        if (!s.step() || s.text(5) != "done") throw ReviewError(404, "no such document");
        d.id = id;
        d.name = std::filesystem::path(s.text(0)).filename().string();
        d.agency = s.text(1);
        if (!s.is_null(2)) d.year = s.integer(2);
        d.template_id = s.text(3);
        d.input_type = s.text(4);
        for (const auto& schema : schemas_)
            if (schema.id == d.template_id) d.schema = &schema;
    }
    Statement c = db.prepare(
        "SELECT v.table_id, v.row, v.col, t.ord, v.ord, v.value, v.empty, v.text, v.confidence, v.source, "
        "COALESCE(v.page, 0), v.x0, v.y0, v.x1, v.y1, v.needs_review, COALESCE(v.note, ''), v.corrected, v.final_value "
        "FROM cell_values v JOIN tables t ON t.document_id = v.document_id AND t.table_id = v.table_id "
        "WHERE v.document_id = ?1 ORDER BY t.ord, v.ord");
    c.bind(1, id);
    while (c.step()) {
        LiveCell x;
        x.table = c.text(0);
        x.row = c.text(1);
        x.col = c.text(2);
        x.table_ord = c.integer(3);
        x.ord = c.integer(4);
        x.value = c.optional_real(5);
        x.empty = c.int64(6) != 0;
        x.text = c.text(7);
        x.confidence = c.real(8);
        x.source = c.text(9);
        x.page = c.integer(10);
        if (!c.is_null(11)) x.bbox = Box{c.real(11), c.real(12), c.real(13), c.real(14)};
        x.needs_review = c.int64(15) != 0;
        x.note = c.text(16);
        x.corrected = c.int64(17) != 0;
        x.final_value = x.corrected ? c.optional_real(18) : x.value;
        d.cells.push_back(std::move(x));
    }
    // The template's rules again, on the corrected values.
    const Extraction ex = load_extraction(db, id, true, schemas_);
    if (d.schema) {
        d.checks = run_table_checks(*d.schema, ex.tables);
        d.check_live.assign(d.checks.size(), true);
    }
    for (const auto& k : ex.checks) {
        // Stored checks stand where they cannot be evaluated again: the
        // narrative ones (the prose is not stored), or every one when the
        // schema is unknown to this nianbao.
        if (d.schema && k.rule.rfind("narrative.", 0) != 0) continue;
        d.checks.push_back(k);
        d.check_live.push_back(false);
    }
    return d;
}

const ReviewApi::LiveCell& ReviewApi::find_cell(const LiveDocument& d, const CellKey& key) {
    for (const auto& c : d.cells)
        if (c.table == key.table && c.row == key.row && c.col == key.col) return c;
    throw ReviewError(404, "no such cell");
}

namespace {

std::set<std::string> failing_cells(const std::vector<CheckResult>& checks) {
    std::set<std::string> out;
    for (const auto& k : checks)
        if (k.status == "fail") out.insert(k.cells.begin(), k.cells.end());
    return out;
}

bool left_to_review(const std::set<std::string>& failing, const std::string& id, bool needs_review, bool corrected) {
    return !corrected && (needs_review || failing.count(id));
}

}  // namespace

json ReviewApi::checks_json(const LiveDocument& d) {
    json out = json::array();
    for (size_t i = 0; i < d.checks.size(); ++i) {
        const auto& k = d.checks[i];
        out.push_back({{"rule", k.rule}, {"row", k.row}, {"col", k.col}, {"status", k.status},
                       {"cells", k.cells}, {"message", k.message}, {"live", bool(d.check_live[i])}});
    }
    return out;
}

json ReviewApi::document_json(const LiveDocument& d) {
    const auto failing = failing_cells(d.checks);
    int failing_checks = 0, left = 0, corrected = 0;
    for (const auto& k : d.checks) failing_checks += k.status == "fail";
    for (const auto& c : d.cells) {
        left += left_to_review(failing, cell_id(c.table, c.row, c.col), c.needs_review, c.corrected);
        corrected += c.corrected;
    }
    return {{"id", d.id},
            {"name", d.name},
            {"agency", d.agency},
            {"year", d.year ? json(*d.year) : json(nullptr)},
            {"template", d.template_id},
            {"failing_checks", failing_checks},
            {"left", left},
            {"corrected", corrected},
            // every check passes and every flagged cell has been reviewed
            {"done", failing_checks == 0 && left == 0}};
}

json ReviewApi::cell_json(const LiveDocument& d, const LiveCell& c) {
    const std::string id = cell_id(c.table, c.row, c.col);
    const auto failing = failing_cells(d.checks);
    json j = {{"document", {{"id", d.id}, {"name", d.name}, {"agency", d.agency},
                            {"year", d.year ? json(*d.year) : json(nullptr)}}},
              {"table", c.table},
              {"row", c.row},
              {"col", c.col},
              {"value", optional_number(c.final_value)},
              {"extracted_value", optional_number(c.value)},
              {"empty", c.empty},
              {"text", c.text},
              {"confidence", c.confidence},
              {"source", c.source},
              {"note", c.note},
              {"page", c.page},
              {"bbox", c.bbox ? json{c.bbox->x0, c.bbox->y0, c.bbox->x1, c.bbox->y1} : json(nullptr)},
              {"needs_review", c.needs_review},
              {"corrected", c.corrected},
              {"state", state_of(c.needs_review, c.corrected, failing.count(id) > 0)},
              {"table_title", ""},
              {"row_label", c.row},
              {"col_label", c.col},
              {"section", ""},
              {"value_type", "count"}};
    if (d.schema) {
        if (const SchemaTable* t = d.schema->table(c.table)) {
            j["table_title"] = t->title;
            if (const SchemaRow* r = t->row(c.row)) {
                j["row_label"] = joined(r->group, r->label);
                j["section"] = r->section;
            }
            if (const SchemaColumn* col = t->column(c.col)) {
                j["col_label"] = joined(col->group, col->label);
                j["value_type"] = col->type == ValueType::decimal ? "decimal"
                                  : col->type == ValueType::signed_count ? "signed_count" : "count";
            }
        }
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
    h.bind(1, d.id).bind(2, c.table).bind(3, c.row).bind(4, c.col);
    while (h.step())
        history.push_back({{"id", h.int64(0)}, {"old_value", optional_number(h.optional_real(1))},
                           {"new_value", optional_number(h.optional_real(2))}, {"reviewer", h.text(3)},
                           {"note", h.text(4)}, {"created_at", h.text(5)}});
    j["corrections"] = history;
    return j;
}

json ReviewApi::queue(const QueueFilter& f) {
    std::lock_guard lock(mutex_);
    struct Item {
        json j;
        size_t doc_rank;
        bool failing;
        double confidence;
        int table_ord, ord;
    };
    std::vector<json> docs;
    std::vector<LiveDocument> live;
    for (const auto id : done_documents()) {
        if (f.document && *f.document != id) continue;
        LiveDocument d = load(id);
        if (f.year && d.year != f.year) continue;
        if (!f.agency.empty() && d.agency.find(f.agency) == std::string::npos) continue;
        live.push_back(std::move(d));
    }
    // Documents with failing checks first, then those with most left.
    std::vector<json> doc_json;
    for (const auto& d : live) doc_json.push_back(document_json(d));
    std::vector<size_t> order(live.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const int fa = doc_json[a]["failing_checks"], fb = doc_json[b]["failing_checks"];
        if ((fa > 0) != (fb > 0)) return fa > 0;
        return int(doc_json[a]["left"]) > int(doc_json[b]["left"]);
    });
    std::vector<Item> items;
    int failing_total = 0, done_total = 0;
    for (size_t rank = 0; rank < order.size(); ++rank) {
        const LiveDocument& d = live[order[rank]];
        const json& dj = doc_json[order[rank]];
        docs.push_back(dj);
        failing_total += int(dj["failing_checks"]);
        done_total += bool(dj["done"]);
        const auto failing = failing_cells(d.checks);
        std::set<std::string> of_rule;
        if (!f.check.empty())
            for (const auto& k : d.checks)
                if (k.rule == f.check) of_rule.insert(k.cells.begin(), k.cells.end());
        for (const auto& c : d.cells) {
            const std::string id = cell_id(c.table, c.row, c.col);
            if (!left_to_review(failing, id, c.needs_review, c.corrected)) continue;
            if (!f.table.empty() && c.table != f.table) continue;
            if (!f.check.empty() && !of_rule.count(id)) continue;
            json j = {{"document", d.id},   {"table", c.table},
                      {"row", c.row},       {"col", c.col},
                      {"value", optional_number(c.final_value)},
                      {"confidence", c.confidence},
                      {"failing", failing.count(id) > 0},
                      {"row_label", c.row}, {"col_label", c.col}};
            if (d.schema)
                if (const SchemaTable* t = d.schema->table(c.table)) {
                    if (const SchemaRow* r = t->row(c.row)) j["row_label"] = joined(r->group, r->label);
                    if (const SchemaColumn* col = t->column(c.col)) j["col_label"] = joined(col->group, col->label);
                }
            items.push_back(Item{std::move(j), rank, failing.count(id) > 0, c.confidence, c.table_ord, c.ord});
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.doc_rank != b.doc_rank) return a.doc_rank < b.doc_rank;
        if (a.failing != b.failing) return a.failing;
        if (a.confidence != b.confidence) return a.confidence < b.confidence;
        if (a.table_ord != b.table_ord) return a.table_ord < b.table_ord;
        return a.ord < b.ord;
    });
    json out_items = json::array();
    for (auto& i : items) out_items.push_back(std::move(i.j));
    return {{"documents", docs},
            {"items", out_items},
            {"left", {{"cells", out_items.size()},
                      {"documents", int(docs.size()) - done_total},
                      {"failing_checks", failing_total}}}};
}

json ReviewApi::cell(const CellKey& key) {
    std::lock_guard lock(mutex_);
    const LiveDocument d = load(key.document);
    return cell_json(d, find_cell(d, key));
}

json ReviewApi::document(std::int64_t id) {
    std::lock_guard lock(mutex_);
    const LiveDocument d = load(id);
    return {{"document", document_json(d)}, {"checks", checks_json(d)}};
}

namespace {

std::optional<double> checked_value(const json& value, const std::string& type) {
    if (value.is_null()) return std::nullopt;
    if (!value.is_number()) throw ReviewError(400, "value must be a number or null");
    const double v = value.get<double>();
    if (!std::isfinite(v) || std::fabs(v) > 1e12) throw ReviewError(400, "value out of range");
    if (type != "decimal" && v != std::floor(v)) throw ReviewError(400, "this column holds whole numbers");
    if (type == "count" && v < 0) throw ReviewError(400, "this column holds no negative numbers");
    return v;
}

}  // namespace

json ReviewApi::correct(const CellKey& key, const json& value, const std::string& reviewer, const std::string& note) {
    std::lock_guard lock(mutex_);
    if (reviewer.empty() || reviewer.size() > 200) throw ReviewError(400, "a reviewer name is needed (at most 200 bytes)");
    if (note.size() > 2000) throw ReviewError(400, "note too long");
    {
        const LiveDocument d = load(key.document);
        const LiveCell& c = find_cell(d, key);
        const json before = cell_json(d, c);
        const auto v = checked_value(value, before["value_type"]);
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
    const LiveDocument d = load(key.document);
    return {{"cell", cell_json(d, find_cell(d, key))}, {"checks", checks_json(d)}, {"document", document_json(d)}};
}

json ReviewApi::undo(const CellKey& key) {
    std::lock_guard lock(mutex_);
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
    const LiveDocument d = load(key.document);
    return {{"cell", cell_json(d, find_cell(d, key))}, {"checks", checks_json(d)}, {"document", document_json(d)}};
}

json ReviewApi::page(std::int64_t document, int page) {
    std::lock_guard lock(mutex_);
    const LiveDocument d = load(document);
    const auto [image, scale] = render(document, page, 100);
    const auto failing = failing_cells(d.checks);
    json cells = json::array();
    for (const auto& c : d.cells) {
        if (c.page != page || !c.bbox) continue;
        const std::string id = cell_id(c.table, c.row, c.col);
        cells.push_back({{"table", c.table}, {"row", c.row}, {"col", c.col},
                         {"value", optional_number(c.final_value)},
                         {"bbox", {c.bbox->x0, c.bbox->y0, c.bbox->x1, c.bbox->y1}},
                         {"state", state_of(c.needs_review, c.corrected, failing.count(id) > 0)},
                         {"left", left_to_review(failing, id, c.needs_review, c.corrected)}});
    }
    return {{"document", document_json(d)}, {"page", page}, {"width", image.cols / scale},
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
        image = pdf.render_gray(page, dpi, true);
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
    const LiveCell& c = find_cell(d, key);
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

#include "src/store.h"

#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

#include "src/store_cells.h"
#include "src/store_schema.h"
#include "tables/label_text.h"

namespace nianbao {

using nlohmann::json;

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string agency_key(const std::string& agency) {
    if (agency.empty()) return "";
    static const LabelText text;  // building the ICU transforms is slow: once
    return text.normalize(agency);
}

Store::Store(const std::filesystem::path& file) : db_(file) { migrate_store(db_); }

StoredDocument Store::add(const DocumentInput& in) {
    Transaction tx(db_);
    const std::string now = utc_now();
    db_.prepare(
           "INSERT INTO documents (sha256, path, input_type, pages, status, tool_version, updated_at) "
           "VALUES (?1, ?2, ?3, ?4, 'queued', ?5, ?6) ON CONFLICT(sha256) DO NOTHING")
        .bind(1, in.sha256)
        .bind(2, in.path.string())
        .bind(3, in.input_type)
        .bind(4, in.pages)
        .bind(5, NIANBAO_VERSION)
        .bind(6, now)
        .run();
    Statement q = db_.prepare("SELECT id, sha256, path, input_type, COALESCE(pages, 0), status FROM documents WHERE sha256 = ?1");
    q.bind(1, in.sha256);
    if (!q.step()) throw StoreError("document " + in.sha256 + " vanished after insert");
    StoredDocument d{q.int64(0), q.text(1), q.text(2), q.text(3), q.integer(4), q.text(5)};
    // A path whose file changed since the last run now names the new content.
    Statement path = db_.prepare("INSERT INTO document_paths (path, document_id) VALUES (?1, ?2) "
                                 "ON CONFLICT(path) DO UPDATE SET document_id = excluded.document_id");
    path.bind(1, in.path.string()).bind(2, d.id).run();
    for (const auto& p : in.other_paths) path.bind(1, p.string()).bind(2, d.id).run();
    tx.commit();
    return d;
}

void Store::mark_running(std::int64_t id, const std::string& started_at) {
    db_.prepare("UPDATE documents SET status = 'running', started_at = ?2, updated_at = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, started_at)
        .bind(3, utc_now())
        .run();
}

void Store::requeue(std::int64_t id) {
    db_.prepare("UPDATE documents SET status = 'queued', updated_at = ?2 WHERE id = ?1").bind(1, id).bind(2, utc_now()).run();
}

namespace {

// The results of an earlier run go before new ones are written (the cells
// and tables follow their document's rows through ON DELETE CASCADE only when
// the document is deleted, which it never is here). The review's live checks
// were computed on the old cells: they go too, and are computed again from
// the new cells and the kept corrections when the document is next reviewed.
void delete_results(Database& db, std::int64_t id) {
    for (const char* sql : {"DELETE FROM cells WHERE document_id = ?1", "DELETE FROM tables WHERE document_id = ?1",
                            "DELETE FROM checks WHERE document_id = ?1", "DELETE FROM narrative_claims WHERE document_id = ?1",
                            "DELETE FROM live_checks WHERE document_id = ?1"})
        db.prepare(sql).bind(1, id).run();
}

std::optional<std::string> non_empty(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}

}  // namespace

void Store::save_done(std::int64_t id, const Extraction& ex, const RunTiming& timing) {
    Transaction tx(db_);
    delete_results(db_, id);

    Statement table = db_.prepare(
        "INSERT INTO tables (document_id, table_id, ord, variant, pages, problems) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    Statement cell = db_.prepare(
        "INSERT INTO cells (document_id, table_id, row, col, ord, value, empty, text, confidence, source, page, "
        "x0, y0, x1, y1, needs_review, note, alternatives) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14, ?15, ?16, ?17, ?18)");
    int table_ord = 0;
    for (const auto& t : ex.tables) {
        table.bind(1, id).bind(2, t.id).bind(3, table_ord++).bind(4, non_empty(t.variant));
        table.bind(5, json(t.pages).dump()).bind(6, json(t.problems).dump()).run();
        int ord = 0;
        for (const auto& c : t.cells) {
            cell.bind(1, id).bind(2, t.id).bind(3, c.row).bind(4, c.col).bind(5, ord++).bind(6, c.value);
            cell.bind(7, c.empty ? 1 : 0).bind(8, c.text).bind(9, c.confidence).bind(10, c.source);
            if (c.page > 0) cell.bind(11, c.page);
            if (c.bbox) cell.bind(12, c.bbox->x0).bind(13, c.bbox->y0).bind(14, c.bbox->x1).bind(15, c.bbox->y1);
            cell.bind(16, c.needs_review ? 1 : 0).bind(17, non_empty(c.note));
            if (!c.alternatives.empty()) cell.bind(18, json(c.alternatives).dump());
            cell.run();
        }
    }
    Statement check = db_.prepare(
        "INSERT INTO checks (document_id, ord, rule, row, col, status, cells, message) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    int check_ord = 0;
    for (const auto& c : ex.checks) {
        check.bind(1, id).bind(2, check_ord++).bind(3, c.rule).bind(4, non_empty(c.row)).bind(5, non_empty(c.col));
        check.bind(6, c.status).bind(7, json(c.cells).dump()).bind(8, c.message).run();
    }
    Statement claim = db_.prepare("INSERT INTO narrative_claims (document_id, ord, rule, value, quote) VALUES (?1, ?2, ?3, ?4, ?5)");
    int claim_ord = 0;
    for (const auto& c : ex.narrative) claim.bind(1, id).bind(2, claim_ord++).bind(3, c.rule).bind(4, c.value).bind(5, c.quote).run();

    db_.prepare(
           "UPDATE documents SET pages = ?2, kind = ?3, agency = ?4, agency_key = ?5, year = ?6, template = ?7, "
           "warnings = ?8, status = 'done', failure = NULL, error = NULL, exit_code = 0, started_at = ?9, "
           "finished_at = ?10, seconds = ?11, tool_version = ?12, updated_at = ?13 WHERE id = ?1")
        .bind(1, id)
        .bind(2, ex.input.pages)
        .bind(3, non_empty(ex.input.kind))
        .bind(4, non_empty(ex.report.agency))
        .bind(5, non_empty(agency_key(ex.report.agency)))
        .bind(6, ex.report.year)
        .bind(7, non_empty(ex.schema.id))
        .bind(8, json(ex.warnings).dump())
        .bind(9, timing.started_at)
        .bind(10, timing.finished_at)
        .bind(11, timing.seconds)
        .bind(12, NIANBAO_VERSION)
        .bind(13, utc_now())
        .run();
    tx.commit();
}

void Store::save_failed(std::int64_t id, const RunFailure& f, const RunTiming& timing) {
    Transaction tx(db_);
    delete_results(db_, id);
    db_.prepare(
           "UPDATE documents SET status = 'failed', failure = ?2, error = ?3, exit_code = ?4, kind = NULL, "
           "agency = NULL, agency_key = NULL, year = NULL, template = NULL, warnings = NULL, started_at = ?5, "
           "finished_at = ?6, seconds = ?7, tool_version = ?8, updated_at = ?9 WHERE id = ?1")
        .bind(1, id)
        .bind(2, f.failure)
        .bind(3, f.error)
        .bind(4, f.exit_code)
        .bind(5, timing.started_at)
        .bind(6, timing.finished_at)
        .bind(7, timing.seconds)
        .bind(8, NIANBAO_VERSION)
        .bind(9, utc_now())
        .run();
    tx.commit();
}

Extraction load_extraction(Database& db, std::int64_t id, bool apply_corrections, const std::vector<Schema>& schemas,
                           std::vector<StoredCell>* cells) {
    Extraction ex;
    {
        Statement d = db.prepare(
            "SELECT path, sha256, COALESCE(pages, 0), COALESCE(kind, ''), COALESCE(agency, ''), year, "
            "COALESCE(template, ''), COALESCE(warnings, '[]') FROM documents WHERE id = ?1");
        d.bind(1, id);
        if (!d.step()) throw StoreError("no document " + std::to_string(id) + " in " + db.file().string());
        ex.input = InputInfo{d.text(0), d.text(1), d.integer(2), d.text(3)};
        ex.report.agency = d.text(4);
        if (!d.is_null(5)) ex.report.year = d.integer(5);
        ex.schema.id = d.text(6);
        for (const auto& s : schemas)
            if (s.id == ex.schema.id) ex.schema = s;
        ex.warnings = json::parse(d.text(7)).get<std::vector<std::string>>();
    }
    Statement t = db.prepare("SELECT table_id, COALESCE(variant, ''), pages, problems FROM tables WHERE document_id = ?1 ORDER BY ord");
    t.bind(1, id);
    while (t.step()) {
        BoundTable bt;
        bt.id = t.text(0);
        bt.variant = t.text(1);
        bt.pages = json::parse(t.text(2)).get<std::vector<int>>();
        bt.problems = json::parse(t.text(3)).get<std::vector<std::string>>();
        ex.tables.push_back(std::move(bt));
    }
    std::vector<StoredCell> stored = load_stored_cells(db, id);
    for (const auto& c : stored)
        for (auto& bt : ex.tables)
            if (bt.id == c.table) bt.cells.push_back(apply_corrections ? corrected_cell(c) : c.cell);
    if (cells) *cells = std::move(stored);
    Statement k = db.prepare(
        "SELECT rule, COALESCE(row, ''), COALESCE(col, ''), status, cells, message FROM checks "
        "WHERE document_id = ?1 ORDER BY ord");
    k.bind(1, id);
    while (k.step())
        ex.checks.push_back(CheckResult{k.text(0), k.text(1), k.text(2), k.text(3),
                                        json::parse(k.text(4)).get<std::vector<std::string>>(), k.text(5)});
    Statement n = db.prepare("SELECT rule, value, quote FROM narrative_claims WHERE document_id = ?1 ORDER BY ord");
    n.bind(1, id);
    while (n.step()) ex.narrative.push_back(NarrativeClaim{n.text(0), n.optional_real(1), n.text(2)});
    return ex;
}

}  // namespace nianbao

#include "src/review_live.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "src/review_error.h"
#include "src/review_place.h"
#include "src/store.h"
#include "tables/checks.h"
#include "tables/narrative_checks.h"

namespace nianbao {

using nlohmann::json;

std::string cell_id(const std::string& table, const std::string& row, const std::string& col) {
    return table + "." + row + "." + col;
}

std::set<std::string> failing_cells(const std::vector<CheckResult>& checks) {
    std::set<std::string> out;
    for (const auto& k : checks)
        if (k.status == "fail") out.insert(k.cells.begin(), k.cells.end());
    return out;
}

bool left_to_review(const std::set<std::string>& failing, const std::string& id, bool needs_review, bool corrected) {
    return !corrected && (needs_review || failing.count(id));
}

json optional_number(const std::optional<double>& v) {
    if (!v) return nullptr;
    if (*v == std::floor(*v) && std::fabs(*v) < 9e15) return json(static_cast<std::int64_t>(*v));
    return json(*v);
}

namespace {

std::string joined(const std::string& group, const std::string& label) {
    return group.empty() ? label : group + " · " + label;
}

}  // namespace

std::string row_label(const Schema* schema, const std::string& table, const std::string& row) {
    if (schema)
        if (const SchemaTable* t = schema->table(table))
            if (const SchemaRow* r = t->row(row)) return joined(r->group, r->label);
    return row;
}

std::string col_label(const Schema* schema, const std::string& table, const std::string& col) {
    if (schema)
        if (const SchemaTable* t = schema->table(table))
            if (const SchemaColumn* c = t->column(col)) return joined(c->group, c->label);
    return col;
}

LiveDocument load_live_document(Database& db, std::int64_t id, const std::vector<Schema>& schemas) {
    LiveDocument d;
    {
        Statement s = db.prepare("SELECT input_type, status FROM documents WHERE id = ?1");
        s.bind(1, id);
        if (!s.step() || s.text(1) != "done") throw ReviewError(404, "no such document");
        d.input_type = s.text(0);
    }
    std::vector<StoredCell> stored;
    const Extraction ex = load_extraction(db, id, true, schemas, &stored);
    d.id = id;
    d.name = std::filesystem::path(ex.input.path).filename().string();
    d.agency = ex.report.agency;
    d.year = ex.report.year;
    d.template_id = ex.schema.id;
    for (const auto& s : schemas)
        if (s.id == d.template_id) d.schema = &s;
    for (auto& s : stored) d.cells.push_back(LiveCell{std::move(s), false});
    estimate_places(d.cells, d.schema);

    std::set<std::string> claimed;
    if (d.schema) {
        d.checks = run_table_checks(*d.schema, ex.tables);
        const auto narrative = check_narrative_claims(*d.schema, ex.narrative, ex.tables);
        d.checks.insert(d.checks.end(), narrative.begin(), narrative.end());
        d.check_live.assign(d.checks.size(), true);
        for (const auto& c : ex.narrative) claimed.insert(c.rule);
    }
    for (const auto& k : ex.checks) {
        // Stored checks stand where they cannot be evaluated again: narrative
        // ones without the prose's claim (extracted by an older nianbao), or
        // every one when the schema is unknown to this nianbao.
        if (d.schema && (k.rule.rfind("narrative.", 0) != 0 || claimed.count(k.rule))) continue;
        d.checks.push_back(k);
        d.check_live.push_back(false);
    }
    return d;
}

void save_live_checks(Database& db, const LiveDocument& d) {
    db.prepare("DELETE FROM live_checks WHERE document_id = ?1").bind(1, d.id).run();
    Statement ins = db.prepare(
        "INSERT INTO live_checks (document_id, ord, rule, row, col, status, cells, message, live) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (size_t i = 0; i < d.checks.size(); ++i) {
        const auto& k = d.checks[i];
        ins.bind(1, d.id).bind(2, int(i)).bind(3, k.rule);
        if (!k.row.empty()) ins.bind(4, k.row);
        if (!k.col.empty()) ins.bind(5, k.col);
        ins.bind(6, k.status).bind(7, json(k.cells).dump()).bind(8, k.message).bind(9, d.check_live[i] ? 1 : 0).run();
    }
}

void refresh_live_checks(Database& db, const std::vector<Schema>& schemas) {
    std::vector<std::int64_t> stale;
    {
        Statement s = db.prepare(
            "SELECT DISTINCT k.document_id FROM corrections k JOIN documents d ON d.id = k.document_id "
            "WHERE d.status = 'done' AND NOT EXISTS (SELECT 1 FROM live_checks l WHERE l.document_id = k.document_id)");
        while (s.step()) stale.push_back(s.int64(0));
    }
    if (stale.empty()) return;
    Transaction tx(db);
    for (const auto id : stale) save_live_checks(db, load_live_document(db, id, schemas));
    tx.commit();
}

DocumentState document_state(const LiveDocument& d) {
    DocumentState s;
    s.id = d.id;
    s.name = d.name;
    s.agency = d.agency;
    s.template_id = d.template_id;
    s.year = d.year;
    const auto failing = failing_cells(d.checks);
    std::set<std::string> left;
    for (const auto& c : d.cells) {
        const std::string id = cell_id(c.table, c.cell.row, c.cell.col);
        if (left_to_review(failing, id, c.cell.needs_review, c.corrected)) left.insert(id);
        s.corrected += c.corrected;
    }
    s.left = int(left.size());
    for (const auto& k : d.checks) {
        if (k.status != "fail") continue;
        ++s.failing_checks;
        s.failing_open += std::any_of(k.cells.begin(), k.cells.end(), [&](const std::string& id) { return left.count(id) > 0; });
    }
    return s;
}

json to_json(const DocumentState& s) {
    return {{"id", s.id},
            {"name", s.name},
            {"agency", s.agency},
            {"year", s.year ? json(*s.year) : json(nullptr)},
            {"template", s.template_id},
            {"failing_checks", s.failing_checks},
            {"failing_open", s.failing_open},
            {"left", s.left},
            {"corrected", s.corrected},
            {"done", s.done()}};
}

}  // namespace nianbao

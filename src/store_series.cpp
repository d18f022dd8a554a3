#include "src/store_series.h"

#include <charconv>
#include <cmath>
#include <map>
#include <optional>

namespace nianbao {

namespace {

// 3, not 3.0: the values are counts.
std::string number_text(const std::optional<double>& v) {
    if (!v) return "none";
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);
    return ec == std::errc() ? std::string(buf, end) : "?";
}

// requests.<row> of one document, column -> value (with corrections).
std::map<std::string, std::optional<double>> row_values(Database& db, std::int64_t doc, const char* row) {
    Statement s = db.prepare(
        "SELECT col, final_value FROM cell_values WHERE document_id = ?1 AND table_id = 'requests' AND row = ?2 ORDER BY ord");
    s.bind(1, doc).bind(2, row);
    std::map<std::string, std::optional<double>> out;
    while (s.step()) out[s.text(0)] = s.optional_real(1);
    return out;
}

}  // namespace

std::vector<SeriesCheck> compute_series_checks(Database& db) {
    Statement pairs = db.prepare(
        "SELECT cur.agency_key, cur.year, cur.id, prev.id FROM documents cur "
        "JOIN documents prev ON prev.agency_key = cur.agency_key AND prev.year = cur.year - 1 "
        "WHERE cur.status = 'done' AND prev.status = 'done' AND cur.agency_key IS NOT NULL "
        "ORDER BY cur.agency_key, cur.year, cur.id, prev.id");
    std::vector<SeriesCheck> out;
    while (pairs.step()) {
        const std::int64_t cur = pairs.int64(2), prev = pairs.int64(3);
        const auto over = row_values(db, cur, "carried_over");
        const auto forward = row_values(db, prev, "carried_forward");
        for (const auto& [col, now] : over) {
            const auto it = forward.find(col);
            if (it == forward.end()) continue;  // a column one template lacks
            SeriesCheck c;
            c.agency_key = pairs.text(0);
            c.year = pairs.integer(1);
            c.document_id = cur;
            c.previous_document_id = prev;
            c.col = col;
            const std::optional<double>& before = it->second;
            const std::string says = std::to_string(c.year) + " carried_over " + number_text(now) + ", " +
                                     std::to_string(c.year - 1) + " carried_forward " + number_text(before);
            if (!now || !before) c.status = "skipped";
            else c.status = std::fabs(*now - *before) < 1e-9 ? "pass" : "fail";
            c.message = says;
            out.push_back(std::move(c));
        }
    }
    return out;
}

void save_series_checks(Database& db, const std::vector<SeriesCheck>& checks) {
    Transaction tx(db);
    db.exec("DELETE FROM series_checks");
    Statement ins = db.prepare(
        "INSERT INTO series_checks (rule, agency_key, year, document_id, previous_document_id, col, status, message) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const auto& c : checks)
        ins.bind(1, c.rule).bind(2, c.agency_key).bind(3, c.year).bind(4, c.document_id).bind(5, c.previous_document_id)
            .bind(6, c.col).bind(7, c.status).bind(8, c.message).run();
    tx.commit();
}

}  // namespace nianbao

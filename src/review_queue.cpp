#include "src/review_queue.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "src/review_live.h"

namespace nianbao {

using nlohmann::json;

namespace {

// Shared by the three queries: the documents asked for (?1 document, ?2
// year, ?3 agency substring) and their checks now (?4 a rule asked for):
// failing ones and those of the rule, from live_checks where the review
// wrote them, else as extracted. Ids are [a-z0-9_]+, so that a cell id
// table.row.col splits at its two dots.
const char* kWith = R"sql(
WITH docs AS (
    SELECT id FROM documents
    WHERE status = 'done' AND (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR year = ?2)
      AND (?3 = '' OR instr(COALESCE(agency, ''), ?3) > 0)),
now AS (
    SELECT document_id, rule, status, cells FROM live_checks
    WHERE document_id IN (SELECT id FROM docs) AND (status = 'fail' OR rule = ?4)
    UNION ALL
    SELECT document_id, rule, status, cells FROM checks c
    WHERE document_id IN (SELECT id FROM docs) AND (status = 'fail' OR rule = ?4)
      AND NOT EXISTS (SELECT 1 FROM live_checks l WHERE l.document_id = c.document_id)),
named AS (
    SELECT k.document_id, j.value AS id, max(k.status = 'fail') AS failing, max(k.rule = ?4) AS of_rule
    FROM now k, json_each(k.cells) j GROUP BY 1, 2),
split AS (
    SELECT document_id, substr(id, 1, instr(id, '.') - 1) AS table_id, substr(id, instr(id, '.') + 1) AS rest,
           failing, of_rule FROM named),
marked AS (
    SELECT document_id, table_id, substr(rest, 1, instr(rest, '.') - 1) AS row, substr(rest, instr(rest, '.') + 1) AS col,
           failing, of_rule FROM split)
)sql";

Statement prepare(Database& db, const std::string& select, const QueueFilter& f) {
    Statement s = db.prepare(std::string(kWith) + select);
    s.bind(1, f.document).bind(2, f.year).bind(3, f.agency).bind(4, f.check);
    return s;
}

struct Item {
    std::int64_t document;
    std::string table, row, col;
    std::optional<double> value;
    double confidence;
    int table_ord, ord;
    bool failing, of_rule;
};

}  // namespace

json review_queue(Database& db, const QueueFilter& f, const std::vector<Schema>& schemas) {
    std::map<std::int64_t, DocumentState> docs;
    std::map<std::int64_t, const Schema*> schema_of;
    {
        Statement s = prepare(db,
            "SELECT d.id, d.path, COALESCE(d.agency, ''), d.year, COALESCE(d.template, ''), "
            "(SELECT count(*) FROM (SELECT DISTINCT table_id, row, col FROM corrections k WHERE k.document_id = d.id)) "
            "FROM documents d WHERE d.id IN (SELECT id FROM docs)", f);
        while (s.step()) {
            DocumentState d;
            d.id = s.int64(0);
            d.name = std::filesystem::path(s.text(1)).filename().string();
            d.agency = s.text(2);
            if (!s.is_null(3)) d.year = s.integer(3);
            d.template_id = s.text(4);
            d.corrected = s.integer(5);
            schema_of[d.id] = nullptr;
            for (const auto& sc : schemas)
                if (sc.id == d.template_id) schema_of[d.id] = &sc;
            const std::int64_t id = d.id;
            docs.emplace(id, std::move(d));
        }
    }
    // Every cell left: flagged or in a failing check, and never reviewed.
    std::vector<Item> items;
    std::map<std::int64_t, std::set<std::string>> left;
    {
        Statement s = prepare(db, R"sql(,
candidates AS (
    SELECT document_id, table_id, row, col FROM cells WHERE needs_review = 1 AND document_id IN (SELECT id FROM docs)
    UNION
    SELECT document_id, table_id, row, col FROM marked WHERE failing)
SELECT c.document_id, c.table_id, c.row, c.col, c.value, c.confidence, t.ord, c.ord,
       COALESCE(m.failing, 0), COALESCE(m.of_rule, 0)
FROM candidates x
JOIN cells c ON c.document_id = x.document_id AND c.table_id = x.table_id AND c.row = x.row AND c.col = x.col
JOIN tables t ON t.document_id = c.document_id AND t.table_id = c.table_id
LEFT JOIN marked m ON m.document_id = c.document_id AND m.table_id = c.table_id AND m.row = c.row AND m.col = c.col
WHERE NOT EXISTS (SELECT 1 FROM corrections k
                  WHERE k.document_id = c.document_id AND k.table_id = c.table_id AND k.row = c.row AND k.col = c.col)
)sql", f);
        while (s.step()) {
            Item it{s.int64(0), s.text(1), s.text(2), s.text(3), s.optional_real(4), s.real(5),
                    s.integer(6), s.integer(7), s.int64(8) != 0, s.int64(9) != 0};
            left[it.document].insert(cell_id(it.table, it.row, it.col));
            items.push_back(std::move(it));
        }
    }
    // The failing checks: open while one of their cells is left.
    {
        Statement s = prepare(db, "SELECT document_id, cells FROM now WHERE status = 'fail'", f);
        while (s.step()) {
            const auto d = docs.find(s.int64(0));
            if (d == docs.end()) continue;
            ++d->second.failing_checks;
            const auto& l = left[d->first];
            const auto cells = json::parse(s.text(1)).get<std::vector<std::string>>();
            d->second.failing_open += std::any_of(cells.begin(), cells.end(), [&](const std::string& c) { return l.count(c) > 0; });
        }
    }
    for (auto& [id, d] : docs) d.left = int(left[id].size());

    // Documents not done first, those with failing checks first, then by most left.
    std::vector<const DocumentState*> order;
    for (const auto& [id, d] : docs) order.push_back(&d);
    std::stable_sort(order.begin(), order.end(), [](const DocumentState* a, const DocumentState* b) {
        if (a->done() != b->done()) return !a->done();
        if ((a->failing_checks > 0) != (b->failing_checks > 0)) return a->failing_checks > 0;
        return a->left > b->left;
    });
    std::map<std::int64_t, size_t> rank;
    json out_docs = json::array();
    int failing_total = 0, open_total = 0, not_done = 0;
    for (const DocumentState* d : order) {
        const size_t place = rank.size();
        rank[d->id] = place;
        out_docs.push_back(to_json(*d));
        failing_total += d->failing_checks;
        open_total += d->failing_open;
        not_done += !d->done();
    }

    std::erase_if(items, [&](const Item& it) {
        return (!f.table.empty() && it.table != f.table) || (!f.check.empty() && !it.of_rule);
    });
    std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
        const size_t ra = rank[a.document], rb = rank[b.document];
        if (ra != rb) return ra < rb;
        if (a.failing != b.failing) return a.failing;
        if (a.confidence != b.confidence) return a.confidence < b.confidence;
        if (a.table_ord != b.table_ord) return a.table_ord < b.table_ord;
        return a.ord < b.ord;
    });
    json out_items = json::array();
    for (const auto& it : items) {
        if (int(out_items.size()) >= f.limit) break;
        const Schema* schema = schema_of[it.document];
        out_items.push_back({{"document", it.document},
                             {"table", it.table},
                             {"row", it.row},
                             {"col", it.col},
                             {"value", optional_number(it.value)},
                             {"confidence", it.confidence},
                             {"failing", it.failing},
                             {"row_label", row_label(schema, it.table, it.row)},
                             {"col_label", col_label(schema, it.table, it.col)}});
    }
    return {{"documents", out_docs},
            {"items", out_items},
            {"left", {{"cells", items.size()},
                      {"documents", not_done},
                      {"failing_checks", failing_total},
                      {"failing_open", open_total}}}};
}

}  // namespace nianbao

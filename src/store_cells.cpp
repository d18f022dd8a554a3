#include "src/store_cells.h"

#include <nlohmann/json.hpp>

namespace nianbao {

using nlohmann::json;

std::vector<StoredCell> load_stored_cells(Database& db, std::int64_t document_id) {
    Statement c = db.prepare(
        "SELECT v.table_id, t.ord, v.ord, v.row, v.col, v.value, v.empty, v.text, v.confidence, v.source, "
        "COALESCE(v.page, 0), v.x0, v.y0, v.x1, v.y1, v.needs_review, COALESCE(v.note, ''), "
        "COALESCE(v.alternatives, '[]'), v.corrected, v.final_value, "
        "(SELECT reviewer FROM corrections k WHERE k.document_id = v.document_id AND k.table_id = v.table_id "
        " AND k.row = v.row AND k.col = v.col ORDER BY created_at DESC, id DESC LIMIT 1) "
        "FROM cell_values v JOIN tables t ON t.document_id = v.document_id AND t.table_id = v.table_id "
        "WHERE v.document_id = ?1 ORDER BY t.ord, v.ord");
    c.bind(1, document_id);
    std::vector<StoredCell> out;
    while (c.step()) {
        StoredCell s;
        s.table = c.text(0);
        s.table_ord = c.integer(1);
        s.ord = c.integer(2);
        BoundCell& b = s.cell;
        b.row = c.text(3);
        b.col = c.text(4);
        b.value = c.optional_real(5);
        b.empty = c.int64(6) != 0;
        b.text = c.text(7);
        b.confidence = c.real(8);
        b.source = c.text(9);
        b.page = c.integer(10);
        if (!c.is_null(11)) b.bbox = Box{c.real(11), c.real(12), c.real(13), c.real(14)};
        b.needs_review = c.int64(15) != 0;
        b.note = c.text(16);
        b.alternatives = json::parse(c.text(17)).get<std::vector<std::string>>();
        s.corrected = c.int64(18) != 0;
        s.final_value = s.corrected ? c.optional_real(19) : b.value;
        s.reviewer = c.text(20);
        out.push_back(std::move(s));
    }
    return out;
}

BoundCell corrected_cell(const StoredCell& c) {
    BoundCell b = c.cell;
    if (!c.corrected) return b;
    // The reviewer's word replaces the reading; the original stays in the
    // database and in the note.
    b.value = c.final_value;
    b.empty = !b.value.has_value();
    b.needs_review = false;
    b.note = "corrected by " + c.reviewer + " (read: " + (c.cell.value ? json(*c.cell.value).dump() : "none") + ")";
    return b;
}

}  // namespace nianbao

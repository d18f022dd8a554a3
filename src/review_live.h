#pragma once
// One stored document as the reviewer sees it now: its cells with their
// corrections, and its checks evaluated again on the corrected values — the
// template's rules and, from the stored claims of the prose, the narrative
// ones. The review rules live here too: which cells are left to review and
// when a document is done (docs/review.md).

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/store_cells.h"
#include "src/store_sqlite.h"
#include "tables/check_result.h"
#include "tables/schema.h"

namespace nianbao {

struct LiveCell : StoredCell {
    // A cell not found has no box; its place is estimated from the found
    // cells around it (src/review_place.h), so that the reviewer sees where
    // to look.
    bool box_estimated = false;
};

struct LiveDocument {
    std::int64_t id = 0;
    std::string name, agency, template_id, input_type;
    std::optional<int> year;
    const Schema* schema = nullptr;     // nullptr: a template this nianbao does not know
    std::vector<LiveCell> cells;
    std::vector<CheckResult> checks;
    std::vector<bool> check_live;       // false: shown as extracted (could not be evaluated again)
};

// Throws ReviewError(404) unless `id` is a done document of the store.
LiveDocument load_live_document(Database& db, std::int64_t id, const std::vector<Schema>& schemas);

// Replaces the document's rows of live_checks with its checks now, so that
// the queue reads the checks without loading the document.
void save_live_checks(Database& db, const LiveDocument& d);

// Documents with corrections but no live checks (extracted again since, or
// corrected by an older nianbao) get them: the queue's answer relies on them.
void refresh_live_checks(Database& db, const std::vector<Schema>& schemas);

std::string cell_id(const std::string& table, const std::string& row, const std::string& col);
// Every cell of a failing check, as table.row.col.
std::set<std::string> failing_cells(const std::vector<CheckResult>& checks);
// The review rule: a cell is left to review while it is not reviewed
// (accepted or corrected) and it is flagged or covered by a failing check.
bool left_to_review(const std::set<std::string>& failing, const std::string& id, bool needs_review, bool corrected);

// What the queue and the page show of a document. It is done when no cell is
// left to review: every flagged cell and every cell of a failing check has
// been accepted or corrected. A check that still fails then fails on what
// the reviewer confirmed is printed (the report's own error).
struct DocumentState {
    std::int64_t id = 0;
    std::string name, agency, template_id;
    std::optional<int> year;
    int failing_checks = 0;  // failing now
    int failing_open = 0;    // of which a cell is still to review
    int left = 0;            // cells left to review
    int corrected = 0;       // cells with a correction (an acceptance included)
    bool done() const { return left == 0; }
};

DocumentState document_state(const LiveDocument& d);
nlohmann::json to_json(const DocumentState& s);

// The schema's wording of a row or column (with its group), or the id.
std::string row_label(const Schema* schema, const std::string& table, const std::string& row);
std::string col_label(const Schema* schema, const std::string& table, const std::string& col);

// Counts as integers (10, not 10.0), like extract's JSON.
nlohmann::json optional_number(const std::optional<double>& v);

}  // namespace nianbao

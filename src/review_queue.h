#pragma once
// The review queue straight from SQLite: the flagged cells and the cells of
// failing checks (the review's live checks where a document has been
// corrected, else the extracted ones), not yet reviewed, with the documents'
// counts, in three queries whatever the number of documents; no document is
// loaded. The rules are those of src/review_live.h, which the tests hold the
// two to.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/store_sqlite.h"
#include "tables/schema.h"

namespace nianbao {

struct QueueFilter {
    std::optional<std::int64_t> document;
    std::string table;   // "" = any
    std::optional<int> year;
    std::string agency;  // substring of the agency, "" = any
    std::string check;   // rule id: only cells covered by this rule
    int limit = 1000;    // items answered at most (the counts cover them all)
};

// {documents: [DocumentState…], items: [{document, table, row, col, value,
// confidence, failing, row_label, col_label}], left: {cells, documents,
// failing_checks, failing_open}}. Documents not done first (those with
// failing checks first, then by most left), then the done ones; the items
// by their document's place, failing first, then by ascending confidence.
// Expects refresh_live_checks to have run.
nlohmann::json review_queue(Database& db, const QueueFilter& filter, const std::vector<Schema>& schemas);

}  // namespace nianbao

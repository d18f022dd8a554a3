#pragma once
// A stored document's cells read back from `cell_values` (the extracted
// reading, whether a reviewer corrected it and to what): the one reader of
// those rows, for load_extraction (export) and for the review server.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/store_sqlite.h"
#include "tables/bound_table.h"

namespace nianbao {

struct StoredCell {
    std::string table;                  // table id
    int table_ord = 0;                  // the table's place in the document
    int ord = 0;                        // the cell's place in its table
    BoundCell cell;                     // as extracted, alternatives included
    bool corrected = false;
    std::optional<double> final_value;  // the latest correction's value, else the extracted one
    std::string reviewer;               // who made the latest correction ("" when none)
};

// Every cell of the document, in table order then schema order.
std::vector<StoredCell> load_stored_cells(Database& db, std::int64_t document_id);

// The cell as the reviewer left it: the corrected value, not flagged, and a
// note naming the reviewer and the value read. Uncorrected cells as they are.
BoundCell corrected_cell(const StoredCell& c);

}  // namespace nianbao

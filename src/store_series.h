#pragma once
// The checks across reports: series.carry says that what a body carried
// forward at the end of one year (requests.carried_forward) is what it
// carried over into the next (requests.carried_over), column by column.
// Bodies are matched on documents.agency_key (see agency_key in store.h).

#include <cstdint>
#include <string>
#include <vector>

#include "src/store_sqlite.h"

namespace nianbao {

struct SeriesCheck {
    std::string rule = "series.carry";
    std::string agency_key;
    int year = 0;                          // the later year
    std::int64_t document_id = 0;          // the later report
    std::int64_t previous_document_id = 0; // the year before's
    std::string col;
    std::string status;                    // pass | fail | skipped
    std::string message;
};

// Every pair of done documents of the same body in consecutive years (a body
// with two reports for a year pairs each), on values with corrections
// applied. A cell without a number (unread or printed blank) skips the column,
// as the in-report rules do.
std::vector<SeriesCheck> compute_series_checks(Database& db);

// Replaces the series_checks table with `checks`, in one transaction.
void save_series_checks(Database& db, const std::vector<SeriesCheck>& checks);

}  // namespace nianbao

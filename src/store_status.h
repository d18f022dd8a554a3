#pragma once
// What `nianbao status` prints, and what a batch prints when it ends: counts
// by status, the failures with their reasons, the cells flagged for review,
// the failing checks within and across reports.

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "src/store_series.h"
#include "src/store_sqlite.h"

namespace nianbao {

struct StoreStatus {
    struct Failure {
        std::string path, failure, error;
    };
    struct FailingCheck {
        std::string path, rule, row, col, message;
    };
    std::map<std::string, int> documents;  // status -> count
    std::map<std::string, int> failure_counts;  // failure class -> count
    std::vector<Failure> failures;
    int flagged_cells = 0;           // needs_review, not corrected
    int documents_with_flags = 0;
    int corrections = 0;
    std::vector<FailingCheck> failing_checks;  // within reports
    std::vector<SeriesCheck> series;            // across reports (all statuses)
};

StoreStatus read_status(Database& db);

// At most `max_lines` failures and as many failing checks are listed; the
// counts are always complete.
void print_status(const StoreStatus& status, std::ostream& out, size_t max_lines = 20);

}  // namespace nianbao

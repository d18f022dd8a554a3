#pragma once

#include <string>
#include <vector>

namespace nianbao {

// One evaluated instance of a rule: a rule applied per row yields one result
// per row, named by `row`; per column, by `col`.
struct CheckResult {
    std::string rule;    // e.g. requests.balance, narrative.reconsideration
    std::string row;     // "" unless the rule is evaluated per row
    std::string col;     // "" unless the rule is evaluated per column
    std::string status;  // pass | fail | skipped
    std::vector<std::string> cells;  // table.row.col of every cell it covers
    std::string message;
};

}  // namespace nianbao

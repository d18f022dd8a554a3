#pragma once
// Numbers the report's prose states (申请…N件, 行政复议N件, 未发生…行政诉讼)
// compared with its own tables. Two steps, so that the statements found can
// be stored and the comparison made again after a reviewer corrects a cell
// (the prose itself is not kept).

#include <optional>
#include <string>
#include <vector>

#include "tables/bound_table.h"
#include "tables/check_result.h"
#include "tables/schema.h"

namespace nianbao {

// What the prose says for one narrative rule of the schema.
struct NarrativeClaim {
    std::string rule;              // e.g. narrative.reconsideration
    std::optional<double> value;   // nullopt: the prose states no figure
    std::string quote;             // the words that say it ("" when none)
};

// One claim per narrative rule of the schema, in the schema's order.
// `prose` is the normalised text of the report outside its tables.
std::vector<NarrativeClaim> find_narrative_claims(const Schema& schema, const std::string& prose);

// The claims compared with the tables' cells: one result per claim whose
// rule the schema has.
std::vector<CheckResult> check_narrative_claims(const Schema& schema, const std::vector<NarrativeClaim>& claims,
                                                const std::vector<BoundTable>& tables);

}  // namespace nianbao

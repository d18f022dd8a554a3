#pragma once
// Numbers the report's prose states (申请…N件, 行政复议N件, 未发生…行政诉讼)
// compared with its own tables.

#include <string>
#include <vector>

#include "tables/bound_table.h"
#include "tables/check_result.h"
#include "tables/schema.h"

namespace nianbao {

// `prose` is the normalised text of the report outside its tables.
std::vector<CheckResult> run_narrative_checks(const Schema& schema, const std::string& prose,
                                              const std::vector<BoundTable>& tables);

}  // namespace nianbao

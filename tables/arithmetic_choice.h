#pragma once
// When OCR is unsure of a value and the template's arithmetic fails, the
// engine's own second choice may be the one that balances. Taking it is a
// decision made with the arithmetic, so the cell says so in its source and
// stays flagged for review; a number the engine never proposed is never used.

#include <vector>

#include "tables/bound_table.h"
#include "tables/schema.h"

namespace nianbao {

// Returns how many cells were re-decided.
int choose_by_arithmetic(const Schema& schema, std::vector<BoundTable>& tables);

}  // namespace nianbao

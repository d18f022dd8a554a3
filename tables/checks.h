#pragma once
// The template's arithmetic (勾稽关系), evaluated as the schema states it.

#include <vector>

#include "tables/bound_table.h"
#include "tables/check_result.h"
#include "tables/schema.h"

namespace nianbao {

// One result per rule instance: per column or per row of the table, over the
// rows and columns the document actually prints.
std::vector<CheckResult> run_table_checks(const Schema& schema, const std::vector<BoundTable>& tables);

// Marks every cell covered by a failing check as needing review.
void flag_failing_cells(const std::vector<CheckResult>& checks, std::vector<BoundTable>& tables);

// Marks every OCR-read number whose checks were all skipped (a blank, missing
// or unreadable cell in each): on a scan, the arithmetic is what confirms a
// reading, and a reading nothing confirmed may be wrong with high confidence
// (a seal's stroke read as a digit). Cells no rule covers are left as OCR
// says.
void flag_unconfirmed_ocr_cells(const std::vector<CheckResult>& checks, std::vector<BoundTable>& tables);

}  // namespace nianbao

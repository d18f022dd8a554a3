#pragma once
// Labels OCR garbled past the fuzzy match and that order could not place:
// 行政复放 for 行政复议, or 维持 for 结果维持 when a faxed cell's first line
// read as nothing. Such a label is named when it can stand for one schema
// wording only — a loose likeness clearly ahead of every other wording, or
// the head or tail of exactly one — and only where it stands as the label
// of a number. Its cells go to review.

#include <vector>

#include "tables/schema.h"
#include "tables/snap_cells.h"

namespace nianbao {

// After the placement by order; names columns first, then rows (the appeals
// table's row labels stand above its column headers).
void name_loosely(const Table& t, const SchemaTable& st, std::vector<CellInfo>& info, const SchemaSnapper& snapper,
                  size_t table_index);

}  // namespace nianbao

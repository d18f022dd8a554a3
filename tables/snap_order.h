#pragma once
// Labels that OCR garbled ('AS' for （一）予以公开, 目然入 for 自然人) named by
// the labels around them. The template prints its rows top to bottom and its
// columns left to right in a fixed order, so a run of unrecognised labels
// between two recognised ones stands for the schema entries between those —
// when the counts agree, and only one layout fits. Only tables whose row
// labels stand to the left of their values (tables 2 and 3) are placed so;
// in table 4, whose rows head blocks of columns, a block header split in two
// by a stray rule (行政复 | 议) is one label for the order.
//
// A label that resembles its placed wording too little (under half its
// characters) gets `CellInfo::placed`, which puts its cells up for review.

#include <vector>

#include "tables/schema.h"
#include "tables/snap_cells.h"

namespace nianbao {

void place_rows_by_order(const Table& t, const SchemaTable& st, std::vector<CellInfo>& info,
                         const SchemaSnapper& snapper, size_t table_index);

// After the rows: which columns a header may stand for follows from the rows
// of the numbers under it (table 2's sections print different columns).
void place_columns_by_order(const Table& t, const SchemaTable& st, std::vector<CellInfo>& info,
                            const SchemaSnapper& snapper, size_t table_index);

}  // namespace nianbao

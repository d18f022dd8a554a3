#pragma once
// Tables that run over a page break come back as one table.

#include <functional>
#include <vector>

#include "tables/table.h"

namespace nianbao {

// `fragments` in page order, top to bottom within a page. A fragment at the
// top of a page continues the table at the bottom of the previous page when
// both have the same left and right edges, the new fragment does not open
// with a header of its own (`opens_with_header`), and it has no stacked
// header unless that table's first fragment has one too (a header repeated,
// however garbled: the table's first page names the columns). A repeated
// header that is recognised starts a table that the schema snapper merges by
// meaning instead. `is_value` tells a number cell.
std::vector<Table> join_fragments(const std::vector<TableFragment>& fragments,
                                  const std::function<bool(const TableFragment&)>& opens_with_header,
                                  const std::function<bool(const TextCell&)>& is_value);

// The cells of a fragment that stand above its first value cell: where a
// header would be. A blank cell away from the left edge counts as a value
// cell: a report that leaves zeros blank may have no number on a page, and
// then every label would count as head — （七）总计 names the 总计 column.
std::vector<const TextCell*> head_cells(const TableFragment& f, const std::function<bool(const TextCell&)>& is_value);

// Whether text stands over the fragment's numbers (above the first, right of
// the leftmost) in two rows at least: a table's own header of stacked column
// labels, however garbled (a photocopy's 自然 人 read as nothing any schema
// knows). A table's rest
// carried over from the page before opens with a row label and its values;
// a block title or a line of column labels spans one row.
bool has_stacked_header(const TableFragment& f, const std::function<bool(const TextCell&)>& is_value);

}  // namespace nianbao

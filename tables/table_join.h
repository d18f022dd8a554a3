#pragma once
// Tables that run over a page break come back as one table.

#include <functional>
#include <vector>

#include "tables/table.h"

namespace nianbao {

// `fragments` in page order, top to bottom within a page. A fragment at the
// top of a page continues the table at the bottom of the previous page when
// both have the same left and right edges and the new fragment does not open
// with a header of its own (`opens_with_header`); a repeated header starts a
// table that the schema snapper merges by meaning instead.
std::vector<Table> join_fragments(const std::vector<TableFragment>& fragments,
                                  const std::function<bool(const TableFragment&)>& opens_with_header);

// The cells of a fragment that stand above its first value cell: where a
// header would be. A blank cell away from the left edge counts as a value
// cell: a report that leaves zeros blank may have no number on a page, and
// then every label would count as head — （七）总计 names the 总计 column.
std::vector<const TextCell*> head_cells(const TableFragment& f, const std::function<bool(const TextCell&)>& is_value);

}  // namespace nianbao

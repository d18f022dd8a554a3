#include "tables/table_join.h"

#include <algorithm>
#include <cmath>

namespace nianbao {
namespace {

constexpr double edge_tolerance_pt = 8.0;
// A number cell holds a line of 8 pt text at least; a smaller blank region is
// a corner a repaired rule cut off, not a place for a value.
constexpr double min_value_cell_pt = 10.0;

Table start_table(const TableFragment& f) {
    Table t;
    t.pages = {f.page};
    t.cells = f.cells;
    return t;
}

void append(Table& t, const TableFragment& f) {
    double bottom = 0;
    for (const auto& c : t.cells) bottom = std::max(bottom, c.at.y1);
    const double dy = bottom - f.box.y0;
    for (TextCell c : f.cells) {
        c.at = c.box.shifted(0, dy);
        t.cells.push_back(std::move(c));
    }
    t.pages.push_back(f.page);
}

}  // namespace

std::vector<const TextCell*> head_cells(const TableFragment& f, const std::function<bool(const TextCell&)>& is_value) {
    const auto blank = [](const std::string& s) { return s.find_first_not_of(" \n\t") == std::string::npos; };
    double first_value_top = f.box.y1;
    for (const auto& c : f.cells)
        if (is_value(c) || (blank(c.text) && c.box.x0 > f.box.x0 + edge_tolerance_pt &&
                            c.box.height() >= min_value_cell_pt && c.box.width() >= min_value_cell_pt))
            first_value_top = std::min(first_value_top, c.box.y0);
    std::vector<const TextCell*> out;
    for (const auto& c : f.cells)
        if (c.box.y1 <= first_value_top + 2.0) out.push_back(&c);
    return out;
}

std::vector<Table> join_fragments(const std::vector<TableFragment>& fragments,
                                  const std::function<bool(const TableFragment&)>& opens_with_header) {
    std::vector<Table> tables;
    for (size_t i = 0; i < fragments.size(); ++i) {
        const TableFragment& f = fragments[i];
        const bool first_on_page = i == 0 || fragments[i - 1].page != f.page;
        const TableFragment* prev = i > 0 ? &fragments[i - 1] : nullptr;
        const bool continues = first_on_page && prev && prev->page == f.page - 1 &&
                               std::abs(prev->box.x0 - f.box.x0) < edge_tolerance_pt &&
                               std::abs(prev->box.x1 - f.box.x1) < edge_tolerance_pt && !opens_with_header(f);
        if (continues) append(tables.back(), f);
        else tables.push_back(start_table(f));
    }
    return tables;
}

}  // namespace nianbao

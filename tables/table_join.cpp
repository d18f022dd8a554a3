#include "tables/table_join.h"

#include <algorithm>
#include <cmath>

namespace nianbao {
namespace {

constexpr double edge_tolerance_pt = 8.0;
// A number cell holds a line of 8 pt text at least; a smaller blank region is
// a corner a repaired rule cut off, not a place for a value.
constexpr double min_value_cell_pt = 10.0;

bool blank(const std::string& s) { return s.find_first_not_of(" \n\t") == std::string::npos; }

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

bool has_stacked_header(const TableFragment& f, const std::function<bool(const TextCell&)>& is_value) {
    // Where the numbers are: from the leftmost across, and down from the
    // first row of them. A garbled piece of a header may read as a number
    // (法人 as 3), alone in its row; a row of values has more, unless every
    // row has one.
    std::vector<const TextCell*> numbers;
    for (const auto& c : f.cells)
        if (is_value(c)) numbers.push_back(&c);
    if (numbers.empty()) return false;
    double values_from = f.box.x1, first_value_top = f.box.y1, first_row_top = f.box.y1;
    for (const TextCell* n : numbers) {
        values_from = std::min(values_from, n->box.x0);
        first_value_top = std::min(first_value_top, n->box.y0);
        for (const TextCell* m : numbers)
            if (m != n && std::abs(m->box.y0 - n->box.y0) <= edge_tolerance_pt)
                first_row_top = std::min(first_row_top, n->box.y0);
    }
    if (first_row_top < f.box.y1) first_value_top = first_row_top;
    std::vector<double> tops;
    for (const auto& c : f.cells)
        if (c.box.x0 >= values_from - edge_tolerance_pt && c.box.y1 <= first_value_top + 2.0 && !blank(c.text))
            tops.push_back(c.box.y0);
    std::sort(tops.begin(), tops.end());
    int rows = 0;
    for (size_t i = 0; i < tops.size(); ++i) rows += i == 0 || tops[i] - tops[i - 1] > edge_tolerance_pt;
    return rows >= 2;
}

std::vector<Table> join_fragments(const std::vector<TableFragment>& fragments,
                                  const std::function<bool(const TableFragment&)>& opens_with_header,
                                  const std::function<bool(const TextCell&)>& is_value) {
    std::vector<Table> tables;
    bool stacked = false;  // the last table's first fragment has a stacked header
    for (size_t i = 0; i < fragments.size(); ++i) {
        const TableFragment& f = fragments[i];
        const bool first_on_page = i == 0 || fragments[i - 1].page != f.page;
        const TableFragment* prev = i > 0 ? &fragments[i - 1] : nullptr;
        const bool own_stacked = has_stacked_header(f, is_value);
        const bool continues = first_on_page && prev && prev->page == f.page - 1 &&
                               std::abs(prev->box.x0 - f.box.x0) < edge_tolerance_pt &&
                               std::abs(prev->box.x1 - f.box.x1) < edge_tolerance_pt && !opens_with_header(f) &&
                               (stacked || !own_stacked);
        if (continues) {
            append(tables.back(), f);
        } else {
            tables.push_back(start_table(f));
            stacked = own_stacked;
        }
    }
    return tables;
}

}  // namespace nianbao

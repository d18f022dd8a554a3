#include "src/review_place.h"

#include <algorithm>
#include <map>

namespace nianbao {
namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

bool found(const LiveCell& o, const std::string& table) {
    return o.table == table && o.cell.bbox && o.cell.page > 0 && !o.box_estimated;
}

// Where a row of a table printed row under row lies: the page holding most
// of its found cells and their median top and bottom.
struct Span {
    int page;
    double from, to;
};

std::optional<Span> row_span(const std::vector<LiveCell>& cells, const std::string& table, const std::string& row) {
    std::map<int, std::vector<const Box*>> by_page;
    for (const auto& o : cells)
        if (found(o, table) && o.cell.row == row) by_page[o.cell.page].push_back(&*o.cell.bbox);
    if (by_page.empty()) return std::nullopt;
    const auto most = std::max_element(by_page.begin(), by_page.end(),
                                       [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
    std::vector<double> y0, y1;
    for (const Box* b : most->second) {
        y0.push_back(b->y0);
        y1.push_back(b->y1);
    }
    return Span{most->first, median(y0), median(y1)};
}

// A row none of whose cells was found (OCR misread its label): between the
// nearest found rows above and below it on one page, the gap shared evenly
// among the rows missing there, or under (over) the one found neighbour, as
// high as it.
std::optional<Span> missing_row_span(const std::vector<LiveCell>& cells, const std::string& table, const std::string& row) {
    std::vector<std::string> rows;  // the table's rows in order
    for (const auto& o : cells)
        if (o.table == table && (rows.empty() || rows.back() != o.cell.row)) rows.push_back(o.cell.row);
    const auto at = std::find(rows.begin(), rows.end(), row) - rows.begin();
    std::optional<Span> above, below;
    std::ptrdiff_t a = at, b = at;
    while (!above && --a >= 0) above = row_span(cells, table, rows[size_t(a)]);
    while (!below && ++b < std::ptrdiff_t(rows.size())) below = row_span(cells, table, rows[size_t(b)]);
    if (above && below && above->page != below->page) below.reset();
    if (above && below) {
        const double h = (below->from - above->to) / double(b - a - 1);
        return Span{above->page, above->to + h * double(at - a - 1), above->to + h * double(at - a)};
    }
    if (above) {
        const double h = above->to - above->from;
        return Span{above->page, above->to + h * double(at - a - 1), above->to + h * double(at - a)};
    }
    if (below) {
        const double h = below->to - below->from;
        return Span{below->page, below->from - h * double(b - at), below->from - h * double(b - at - 1)};
    }
    return std::nullopt;
}

// A missing cell's box in a table printed row under row: its row's height
// (found, or estimated from the rows around it), its column's width among
// the found cells of that page (or of any page: a table continued on the
// next page keeps its columns).
std::optional<std::pair<int, Box>> from_row_and_column(const std::vector<LiveCell>& cells, const LiveCell& c) {
    auto row = row_span(cells, c.table, c.cell.row);
    if (!row) row = missing_row_span(cells, c.table, c.cell.row);
    if (!row) return std::nullopt;
    std::map<int, std::vector<double>> x0, x1;
    for (const auto& o : cells)
        if (found(o, c.table) && o.cell.col == c.cell.col) {
            x0[o.cell.page].push_back(o.cell.bbox->x0);
            x1[o.cell.page].push_back(o.cell.bbox->x1);
        }
    if (x0.empty()) return std::nullopt;
    const int page = x0.count(row->page) ? row->page : x0.begin()->first;
    return std::pair{row->page, Box{median(x0[page]), row->from, median(x1[page]), row->to}};
}

// A missing cell's box in a table printed on one line (appeals: its rows
// side by side): the gap between the nearest found cells before and after
// it in the table's order, shared evenly among the missing cells in it, or
// beside the one found neighbour, as wide as it.
std::optional<std::pair<int, Box>> between_neighbours(const std::vector<LiveCell>& cells, const LiveCell& c) {
    const LiveCell* before = nullptr;
    const LiveCell* after = nullptr;
    for (const auto& o : cells) {
        if (!found(o, c.table)) continue;
        if (o.ord < c.ord && (!before || o.ord > before->ord)) before = &o;
        if (o.ord > c.ord && (!after || o.ord < after->ord)) after = &o;
    }
    if (before && after && before->cell.page != after->cell.page) after = nullptr;
    if (!before && !after) return std::nullopt;
    const LiveCell& near = before ? *before : *after;
    const Box& n = *near.cell.bbox;
    Box b{0, n.y0, 0, n.y1};
    if (before && after) {
        const double w = (after->cell.bbox->x0 - before->cell.bbox->x1) / (after->ord - before->ord - 1);
        b.x0 = before->cell.bbox->x1 + w * (c.ord - before->ord - 1);
        b.x1 = b.x0 + w;
    } else if (before) {
        b.x0 = n.x1 + n.width() * (c.ord - before->ord - 1);
        b.x1 = b.x0 + n.width();
    } else {
        b.x1 = n.x0 - n.width() * (after->ord - c.ord - 1);
        b.x0 = b.x1 - n.width();
    }
    return std::pair{near.cell.page, b};
}

}  // namespace

void estimate_places(std::vector<LiveCell>& cells, const Schema* schema) {
    for (auto& c : cells) {
        if (c.cell.bbox) continue;
        const SchemaTable* t = schema ? schema->table(c.table) : nullptr;
        const auto place = t && t->row_axis == Axis::above ? between_neighbours(cells, c) : from_row_and_column(cells, c);
        if (!place) continue;
        c.cell.page = place->first;
        c.cell.bbox = place->second;
        c.box_estimated = true;
    }
}

}  // namespace nianbao

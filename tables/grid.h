#pragma once
// From ruling lines to tables of cells. A cell is a region of the page that
// the rules enclose, so merged (spanning) cells come out whole, with no need
// to reconstruct row and column spans from line positions.

#include <vector>

#include "tables/geometry.h"
#include "tables/lines.h"

namespace nianbao {

struct TableGrid {
    Box box;                 // pixels
    std::vector<Box> cells;  // pixels, top-to-bottom then left-to-right
};

struct GridOptions {
    int min_table_width_px = 60;
    int min_table_height_px = 20;
    int min_cell_px = 5;  // thinner regions are the gap inside a doubled rule, or a rule seen twice
    double min_cell_fill = 0.75;  // share of its bounding box a cell's region fills at least

    static GridOptions for_dpi(double dpi) { return {int(dpi * 0.6), int(dpi * 0.2), int(dpi * 0.08), 0.75}; }
};

std::vector<TableGrid> find_tables(const LineMasks& lines, const GridOptions& opt);

}  // namespace nianbao

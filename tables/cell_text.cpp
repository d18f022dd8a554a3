#include "tables/cell_text.h"

#include <algorithm>
#include <limits>

namespace nianbao {

std::string assemble_text(std::vector<Glyph> glyphs) {
    std::sort(glyphs.begin(), glyphs.end(), [](const Glyph& a, const Glyph& b) { return a.box.cy() < b.box.cy(); });
    std::vector<std::vector<Glyph>> lines;
    double line_cy = 0, line_h = 0;
    for (auto& g : glyphs) {
        // Same line while the centre stays within half a glyph's size.
        if (lines.empty() || g.box.cy() - line_cy > 0.5 * std::max(line_h, g.size())) {
            lines.emplace_back();
            line_cy = g.box.cy();
            line_h = g.size();
        }
        lines.back().push_back(std::move(g));
    }
    std::string out;
    for (auto& line : lines) {
        std::sort(line.begin(), line.end(), [](const Glyph& a, const Glyph& b) { return a.box.x0 < b.box.x0; });
        if (!out.empty()) out += '\n';
        for (const auto& g : line) out += g.text;
    }
    return out;
}

std::vector<TableFragment> fill_cells(const std::vector<TableGrid>& grids, double px_to_pt, const PageText& text,
                                      std::vector<bool>& in_table) {
    std::vector<TableFragment> fragments;
    struct Slot { size_t table, cell; double area; };
    std::vector<Slot> slots;
    for (size_t t = 0; t < grids.size(); ++t) {
        TableFragment f;
        f.page = text.page;
        f.box = grids[t].box.scaled(px_to_pt);
        for (size_t c = 0; c < grids[t].cells.size(); ++c) {
            TextCell cell;
            cell.page = text.page;
            cell.box = grids[t].cells[c].scaled(px_to_pt);
            cell.at = cell.box;
            f.cells.push_back(cell);
            slots.push_back({t, c, cell.box.width() * cell.box.height()});
        }
        fragments.push_back(std::move(f));
    }

    std::vector<std::vector<std::vector<Glyph>>> glyphs(fragments.size());
    for (size_t t = 0; t < fragments.size(); ++t) glyphs[t].resize(fragments[t].cells.size());
    in_table.assign(text.glyphs.size(), false);
    for (size_t i = 0; i < text.glyphs.size(); ++i) {
        const Glyph& g = text.glyphs[i];
        const Slot* best = nullptr;
        for (const Slot& s : slots)
            if (fragments[s.table].cells[s.cell].box.contains(g.box.cx(), g.box.cy()) && (!best || s.area < best->area))
                best = &s;
        if (!best) continue;
        glyphs[best->table][best->cell].push_back(g);
        in_table[i] = true;
    }
    for (size_t t = 0; t < fragments.size(); ++t)
        for (size_t c = 0; c < fragments[t].cells.size(); ++c) fragments[t].cells[c].text = assemble_text(glyphs[t][c]);
    return fragments;
}

}  // namespace nianbao

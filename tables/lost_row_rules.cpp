#include "tables/lost_row_rules.h"

#include <algorithm>
#include <set>

namespace nianbao {

std::vector<double> lost_row_rules(const Box& cell, const std::vector<Box>& table, const std::vector<cv::Rect>& lines,
                                   double dpi) {
    // Rules are a few pixels thick and cells' edges lie on either side of them.
    const double tol = dpi / 50;
    std::vector<double> edges;
    for (const Box& b : table) {
        const bool same_column = std::min(b.x1, cell.x1) - std::max(b.x0, cell.x0) > tol;
        const bool beside = std::min(b.y1, cell.y1) - std::max(b.y0, cell.y0) > tol;
        if (same_column || !beside) continue;
        for (double y : {b.y0, b.y1})
            if (y > cell.y0 + 2 * tol && y < cell.y1 - 2 * tol) edges.push_back(y);
    }
    std::sort(edges.begin(), edges.end());
    // The two edges of one rule (the cells above and below it) are one cut.
    std::vector<double> cuts;
    for (size_t i = 0; i < edges.size();) {
        size_t j = i;
        double sum = 0;
        while (j < edges.size() && edges[j] - edges[i] <= 2 * tol) sum += edges[j++];
        cuts.push_back(sum / double(j - i));
        i = j;
    }
    if (cuts.empty()) return {};
    std::set<size_t> rows;
    for (const cv::Rect& line : lines) {
        size_t row = 0;
        for (double y : cuts) {
            if (line.y < y && line.y + line.height > y) return {};  // across a cut
            row += line.y >= y;
        }
        rows.insert(row);
    }
    return rows.size() >= 2 ? cuts : std::vector<double>{};
}

}  // namespace nianbao

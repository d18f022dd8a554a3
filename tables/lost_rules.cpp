#include "tables/lost_rules.h"

#include <algorithm>
#include <set>

namespace nianbao {
namespace {

struct Span {
    double lo, hi;
};
// A box's span along the axis it is cut on, and along the other.
Span along(const Box& b, Across a) { return a == Across::rows ? Span{b.y0, b.y1} : Span{b.x0, b.x1}; }
Span sideways(const Box& b, Across a) { return a == Across::rows ? Span{b.x0, b.x1} : Span{b.y0, b.y1}; }
double overlap(Span p, Span q) { return std::min(p.hi, q.hi) - std::max(p.lo, q.lo); }

}  // namespace

std::vector<double> lost_rules(const Box& cell, const std::vector<Box>& table, const std::vector<cv::Rect>& ink,
                               double dpi, Across a) {
    // Rules are a few pixels thick and cells' edges lie on either side of them.
    const double tol = dpi / 50;
    const Span c = along(cell, a);
    std::vector<double> edges;
    for (const Box& b : table) {
        // Beside it for rows (another column, the same rows); above or below
        // it for columns (another row, the same columns).
        const bool same_line = overlap(sideways(b, a), sideways(cell, a)) > tol;
        const bool reaching = overlap(along(b, a), c) > tol;
        if (same_line || !reaching) continue;
        for (double e : {along(b, a).lo, along(b, a).hi})
            if (e > c.lo + 2 * tol && e < c.hi - 2 * tol) edges.push_back(e);
    }
    std::sort(edges.begin(), edges.end());
    // The two edges of one rule (the cells on either side of it) are one cut.
    std::vector<double> cuts;
    for (size_t i = 0; i < edges.size();) {
        size_t j = i;
        double sum = 0;
        while (j < edges.size() && edges[j] - edges[i] <= 2 * tol) sum += edges[j++];
        cuts.push_back(sum / double(j - i));
        i = j;
    }
    if (cuts.empty()) return {};
    std::set<size_t> parts;
    for (const cv::Rect& r : ink) {
        const Span s = a == Across::rows ? Span{double(r.y), double(r.br().y)} : Span{double(r.x), double(r.br().x)};
        size_t part = 0;
        for (double e : cuts) {
            if (s.lo < e && s.hi > e) return {};  // across a cut
            part += s.lo >= e;
        }
        parts.insert(part);
    }
    return parts.size() >= 2 ? cuts : std::vector<double>{};
}

}  // namespace nianbao

#pragma once
// Boxes in PDF points with the origin at the top-left of the page: the unit
// every output reports, whatever resolution a page was rendered at.

#include <algorithm>

namespace nianbao {

struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

    double width() const { return x1 - x0; }
    double height() const { return y1 - y0; }
    double cx() const { return (x0 + x1) / 2; }
    double cy() const { return (y0 + y1) / 2; }
    bool contains(double x, double y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
    Box scaled(double f) const { return {x0 * f, y0 * f, x1 * f, y1 * f}; }
    Box shifted(double dx, double dy) const { return {x0 + dx, y0 + dy, x1 + dx, y1 + dy}; }
};

inline Box united(const Box& a, const Box& b) {
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

}  // namespace nianbao

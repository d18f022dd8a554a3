#include "tables/snap_cells.h"

#include <algorithm>

namespace nianbao {
namespace {

constexpr double touch_pt = 2.0;  // cells sharing a rule overlap by about this much

bool beside_left(const TextCell& d, const TextCell& v) {
    return d.at.x1 <= v.at.x0 + touch_pt && d.at.y0 - 1 <= v.at.cy() && v.at.cy() <= d.at.y1 + 1;
}

bool above(const TextCell& d, const TextCell& v) {
    return d.at.y1 <= v.at.y0 + touch_pt && d.at.x0 - 1 <= v.at.cx() && v.at.cx() <= d.at.x1 + 1;
}

}  // namespace

std::vector<size_t> neighbours(const Table& t, size_t v, bool left) {
    std::vector<size_t> out;
    for (size_t i = 0; i < t.cells.size(); ++i)
        if (i != v && (left ? beside_left(t.cells[i], t.cells[v]) : above(t.cells[i], t.cells[v]))) out.push_back(i);
    std::sort(out.begin(), out.end(), [&](size_t a, size_t b) {
        return left ? t.cells[a].at.x1 > t.cells[b].at.x1 : t.cells[a].at.y1 > t.cells[b].at.y1;
    });
    return out;
}

std::string han_only(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if (len == 3 && b >= 0xE4 && b <= 0xE9) out.append(s, i, len);
        i += len;
    }
    return out;
}

std::string one_line(std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

}  // namespace nianbao

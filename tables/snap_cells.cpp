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

bool among_values(const Table& t, const std::vector<CellInfo>& info, size_t d, bool left) {
    // The nearest cells before and after it in its column (or row) that are
    // not blank — a report may print its zeros as blanks — and whether
    // either is a number. Only the nearest: a table joined from two (table
    // 3 and 4 on one page) has numbers under the first one's labels.
    const Box& a = t.cells[d].at;
    const auto along = [&](const Box& b) { return left ? std::pair{b.y0, b.y1} : std::pair{b.x0, b.x1}; };
    const auto [a0, a1] = along(a);
    int before = -1, after = -1;
    for (size_t i = 0; i < t.cells.size(); ++i) {
        if (i == d || info[i].parsed.kind == ParsedValue::empty) continue;
        const Box& b = t.cells[i].at;
        // In one column, as wide as it (a number cell merged across the
        // labels' column lost its rules, and says nothing).
        const double wa = left ? a.width() : a.height(), wb = left ? b.width() : b.height();
        const bool in_line = (left ? b.x0 < a.cx() && a.cx() < b.x1 : b.y0 < a.cy() && a.cy() < b.y1) &&
                             std::max(wa, wb) <= 1.5 * std::min(wa, wb);
        if (!in_line) continue;
        const auto [b0, b1] = along(b);
        if (b1 <= a0 + touch_pt && (before < 0 || b1 > along(t.cells[size_t(before)].at).second)) before = int(i);
        if (b0 >= a1 - touch_pt && (after < 0 || b0 < along(t.cells[size_t(after)].at).first)) after = int(i);
    }
    const auto is_number = [&](int i) { return i >= 0 && info[size_t(i)].parsed.kind == ParsedValue::number; };
    // In its row, only a number before it tells: a row label has its
    // numbers after it.
    return is_number(before) || (left && is_number(after));
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

#include "tables/snap_loose.h"

#include <algorithm>
#include <set>

#include "tables/label_text.h"

namespace nianbao {
namespace {

constexpr double loose_floor = 0.7;   // the fuzzy match asks 0.8
constexpr double loose_margin = 0.1;  // ahead of the next wording by this much

double likeness(const std::string& key, const std::string& wording) {
    if (code_points(key) < 4 || code_points(wording) < 4) return 0;  // short labels differ by one character
    return std::max(similarity(key, wording), similarity(han_only(key), han_only(wording)));
}

// The key is the head or the tail of the wording, and at least half of it.
bool part_of(const std::string& key, const std::string& wording) {
    const size_t k = code_points(key), w = code_points(wording);
    return k >= 2 && k < w && 2 * k >= w && (wording.starts_with(key) || wording.ends_with(key));
}

// The one entry of `items` (wordings per entry) the key can stand for, or -1.
int loose_entry(const std::vector<std::vector<std::string>>& items, const std::string& key) {
    double best = 0, second = 0;
    int at = -1;
    std::set<int> parts;
    for (size_t i = 0; i < items.size(); ++i) {
        double s = 0;
        for (const auto& w : items[i]) {
            s = std::max(s, likeness(key, w));
            if (part_of(key, w)) parts.insert(int(i));
        }
        if (s > best) {
            second = best;
            best = s;
            at = int(i);
        } else {
            second = std::max(second, s);
        }
    }
    if (best >= loose_floor && best - second >= loose_margin) return at;
    return parts.size() == 1 ? *parts.begin() : -1;
}

bool unnamed_text(const CellInfo& ci) {
    return ci.parsed.kind == ParsedValue::text && ci.row.index < 0 && ci.col.index < 0 && !ci.key.empty();
}

// The cells standing as a number's label on one side: the first text cell
// above it (columns), or on its row side past any column header (rows).
std::set<size_t> label_cells(const Table& t, const SchemaTable& st, const std::vector<CellInfo>& info, bool rows) {
    std::set<size_t> out;
    const bool left = rows && st.row_axis == Axis::left;
    for (size_t v = 0; v < t.cells.size(); ++v) {
        if (info[v].parsed.kind != ParsedValue::number) continue;
        for (size_t d : neighbours(t, v, left)) {
            if (info[d].parsed.kind != ParsedValue::text || among_values(t, info, d, left)) continue;
            if (rows && !left && info[d].col.index >= 0) continue;
            if (unnamed_text(info[d])) out.insert(d);
            break;
        }
    }
    return out;
}

}  // namespace

void name_loosely(const Table& t, const SchemaTable& st, std::vector<CellInfo>& info, const SchemaSnapper& snapper,
                  size_t table_index) {
    for (const bool rows : {false, true}) {
        const size_t count = rows ? st.rows.size() : st.columns.size();
        std::vector<std::vector<std::string>> items;
        for (size_t i = 0; i < count; ++i)
            items.push_back(rows ? snapper.wordings_of_row(table_index, i) : snapper.wordings_of_column(table_index, i));
        std::set<int> claimed;  // a row is printed once: one named already is not named again
        if (rows)
            for (const auto& ci : info)
                if (ci.row.index >= 0) claimed.insert(ci.row.index);
        for (size_t d : label_cells(t, st, info, rows)) {
            const int e = loose_entry(items, info[d].key);
            if (e < 0 || claimed.count(e)) continue;
            (rows ? info[d].row : info[d].col) = {e, loose_floor};
            if (rows) claimed.insert(e);
            info[d].placed = std::string(rows ? "row" : "column") + " label read as '" + one_line(t.cells[d].text) +
                             "'; taken for '" + (rows ? st.rows[size_t(e)].label : st.columns[size_t(e)].label) +
                             "', the one wording it resembles";
        }
    }
}

}  // namespace nianbao

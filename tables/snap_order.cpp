#include "tables/snap_order.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "tables/label_text.h"

namespace nianbao {
namespace {

constexpr double sure_placement = 0.5;
constexpr double band_pt = 3.0;  // header cells of one header row end on the same rule

struct Placement {
    size_t label;  // position in the sorted labels
    int entry;     // row or column index of the schema table
};

// A run of unnamed labels [from, to), with the entries its neighbours
// name (-1 where the run starts or ends the labels).
struct UnnamedRun {
    size_t from, to;
    int before, after;
};

std::vector<UnnamedRun> unnamed_runs(const std::vector<int>& entry) {
    std::vector<UnnamedRun> runs;
    for (size_t k = 0; k < entry.size();) {
        if (entry[k] >= 0) { ++k; continue; }
        size_t end = k;
        while (end < entry.size() && entry[end] < 0) ++end;
        runs.push_back({k, end, k > 0 ? entry[k - 1] : -1, end < entry.size() ? entry[end] : -1});
        k = end;
    }
    return runs;
}

// The entries of `order` between a run's named neighbours that no label
// claims; none when the order lacks a neighbour or has them the other way.
std::optional<std::vector<int>> unclaimed_between(const std::vector<int>& order, const UnnamedRun& run,
                                                  const std::set<int>& claimed) {
    const auto at = [&](int e) { return std::find(order.begin(), order.end(), e); };
    if ((run.before >= 0 && at(run.before) == order.end()) || (run.after >= 0 && at(run.after) == order.end()))
        return std::nullopt;
    const auto from = run.before >= 0 ? at(run.before) + 1 : order.begin();
    const auto to = run.after >= 0 ? at(run.after) : order.end();
    if (from > to) return std::nullopt;
    std::vector<int> between;
    for (auto it = from; it != to; ++it)
        if (!claimed.count(*it)) between.push_back(*it);
    return between;
}

// `labels` sorted along the axis, `entry` the schema row or column each
// names (-1: none). Each run of unnamed labels gets the unclaimed entries
// between its named neighbours, when exactly one of `orders` (the schema's
// entries in printed order, per layout) has as many there as the run is
// long and `allowed` admits them.
std::vector<Placement> place_runs(const std::vector<int>& entry, const std::vector<std::vector<int>>& orders,
                                  const std::function<bool(size_t, int)>& allowed) {
    std::vector<Placement> out;
    const std::set<int> claimed(entry.begin(), entry.end());
    for (const auto& [k, end, before, after] : unnamed_runs(entry)) {
        std::vector<std::vector<int>> fits;
        for (const auto& order : orders) {
            const auto gap = unclaimed_between(order, {k, end, before, after}, claimed);
            if (!gap || gap->size() != end - k) continue;
            const std::vector<int>& between = *gap;
            bool ok = true;
            for (size_t i = k; i < end && ok; ++i) ok = allowed(i, between[i - k]);
            if (ok && std::find(fits.begin(), fits.end(), between) == fits.end()) fits.push_back(between);
        }
        // A run at the top or bottom has one neighbour to go by: short runs only.
        const bool bounded = (before >= 0 && after >= 0) || end - k <= 2;
        if (fits.size() == 1 && bounded)
            for (size_t i = k; i < end; ++i) out.push_back({i, fits[0][i - k]});
    }
    return out;
}

double best_similarity(const std::string& key, const std::vector<std::string>& wordings) {
    double best = 0;
    for (const auto& w : wordings) best = std::max(best, similarity(han_only(key), han_only(w)));
    return best;
}

// The labels of a run laid on candidate entries in order, one entry each,
// for the largest total likeness (`like[label][candidate]`); -inf where no
// such laying exists. `banned`: a (label, candidate) pair left out.
double best_laying(const std::vector<std::vector<double>>& like, std::vector<size_t>* laid,
                   std::pair<size_t, size_t> banned = {SIZE_MAX, SIZE_MAX}) {
    const size_t n = like.size(), m = like.empty() ? 0 : like[0].size();
    constexpr double none = -1e9;
    std::vector<std::vector<double>> f(n + 1, std::vector<double>(m + 1, none));
    for (size_t j = 0; j <= m; ++j) f[0][j] = 0;
    for (size_t i = 1; i <= n; ++i)
        for (size_t j = i; j <= m; ++j) {
            f[i][j] = f[i][j - 1];
            if (f[i - 1][j - 1] > none && std::make_pair(i - 1, j - 1) != banned)
                f[i][j] = std::max(f[i][j], f[i - 1][j - 1] + like[i - 1][j - 1]);
        }
    if (laid && f[n][m] > none) {
        laid->assign(n, 0);
        for (size_t i = n, j = m; i > 0; --j)
            if (f[i][j] != f[i][j - 1]) laid->at(--i) = j - 1;
    }
    return f[n][m];
}

// Runs of unnamed labels between named ones, the unclaimed entries between
// those perhaps more than the labels (a row left blank has no label among
// the labels of numbers): each label takes the entry that the likeliest
// laying in order gives it, when every laying that moves it is less likely
// by `laying_margin` — within the layout whose laying is likeliest, and
// against the other layouts' likeliest layings.
constexpr double laying_margin = 0.15;

std::vector<Placement> lay_runs(const std::vector<int>& entry, const std::vector<std::vector<int>>& orders,
                                const std::set<int>& claimed, const std::function<double(size_t, int)>& likeness) {
    struct Laying {
        double total;
        std::vector<int> entries;  // one per label of the run
        std::vector<bool> sure;    // no laying that moves the label is nearly as likely
    };
    // Layouts exclude each other: one without a row some label names is not this table's.
    std::vector<const std::vector<int>*> layouts;
    for (const auto& order : orders)
        if (std::all_of(claimed.begin(), claimed.end(),
                        [&](int e) { return std::find(order.begin(), order.end(), e) != order.end(); }))
            layouts.push_back(&order);
    std::vector<Placement> out;
    for (const auto& [k, end, before, after] : unnamed_runs(entry)) {
        std::vector<Laying> layings;
        for (const std::vector<int>* order : layouts) {
            const auto gap = unclaimed_between(*order, {k, end, before, after}, claimed);
            if (!gap || gap->size() < end - k) continue;
            const std::vector<int>& between = *gap;
            std::vector<std::vector<double>> like;
            for (size_t i = k; i < end; ++i) {
                like.emplace_back();
                for (int e : between) like.back().push_back(likeness(i, e));
            }
            std::vector<size_t> laid;
            Laying l{best_laying(like, &laid), {}, {}};
            for (size_t i = 0; i < laid.size(); ++i) {
                l.entries.push_back(between[laid[i]]);
                l.sure.push_back(l.total - best_laying(like, nullptr, {i, laid[i]}) >= laying_margin);
            }
            layings.push_back(std::move(l));
        }
        if (!layings.empty()) {
            const auto best = std::max_element(layings.begin(), layings.end(),
                                               [](const Laying& a, const Laying& b) { return a.total < b.total; });
            for (size_t i = 0; i < best->entries.size(); ++i) {
                bool sure = best->sure[i];
                for (const Laying& other : layings)
                    if (other.entries[i] != best->entries[i] && best->total - other.total < laying_margin) sure = false;
                if (sure) out.push_back({k + i, best->entries[i]});
            }
        }
    }
    return out;
}

// Labels named by order: their match, and a note when the label says too
// little (likeness under `sure`).
void apply(const Table& t, std::vector<CellInfo>& info, const std::vector<size_t>& labels,
           const std::vector<Placement>& placed, bool rows, const SchemaSnapper& snapper, size_t table_index,
           double sure = sure_placement) {
    for (const Placement& p : placed) {
        CellInfo& ci = info[labels[p.label]];
        const auto& wordings = rows ? snapper.wordings_of_row(table_index, size_t(p.entry))
                                    : snapper.wordings_of_column(table_index, size_t(p.entry));
        const double s = best_similarity(ci.key, wordings);
        (rows ? ci.row : ci.col) = {p.entry, s};
        if (s < sure)
            ci.placed = std::string(rows ? "row" : "column") + " label read as '" + one_line(t.cells[labels[p.label]].text) +
                        "'; named by the order of the labels around it";
    }
}

// The schema row or column (`axis`) each label names, -1 for none.
std::vector<int> entries_of(const std::vector<size_t>& labels, const std::vector<CellInfo>& info,
                            SchemaSnapper::Match CellInfo::*axis) {
    std::vector<int> out;
    for (size_t l : labels) out.push_back((info[l].*axis).index);
    return out;
}

// The first text cell from `v` towards its label, past blank and number
// cells and misread values.
int label_of(const Table& t, const std::vector<CellInfo>& info, size_t v, bool left) {
    for (size_t d : neighbours(t, v, left))
        if (info[d].parsed.kind == ParsedValue::text && !among_values(t, info, d, left)) return int(d);
    return -1;
}

// Table 4's row labels: above each number under a recognised column
// header, the first cell past it, left to right. Only the numbers in the
// line of those whose label is named count: a table recovered together
// with table 3 has other numbers under headers that table 4 also prints,
// such as 总计.
std::vector<size_t> block_labels(const Table& t, const std::vector<CellInfo>& info) {
    std::vector<std::pair<size_t, size_t>> label_of_number;
    for (size_t v = 0; v < t.cells.size(); ++v) {
        if (info[v].parsed.kind != ParsedValue::number) continue;
        bool under_header = false;
        for (size_t d : neighbours(t, v, false)) {
            if (!under_header) {
                if (info[d].parsed.kind != ParsedValue::text || among_values(t, info, d, false)) continue;
                if (info[d].col.index < 0) break;  // another table's number, or a garbled header
                under_header = true;
                continue;
            }
            // Above the column headers a number is no value: a piece of
            // the block header misread (行政复议 split as 4 | j收复议).
            if (info[d].parsed.kind == ParsedValue::empty || info[d].col.index >= 0) continue;
            label_of_number.push_back({v, d});
            break;
        }
    }
    std::vector<size_t> labels;
    for (const auto& [v, d] : label_of_number) {
        const Box& a = t.cells[v].at;
        const bool in_line = std::any_of(label_of_number.begin(), label_of_number.end(), [&](const auto& other) {
            const Box& b = t.cells[other.first].at;
            return info[other.second].row.index >= 0 && std::abs(a.cy() - b.cy()) < std::min(a.height(), b.height()) / 2;
        });
        if (in_line && std::find(labels.begin(), labels.end(), d) == labels.end()) labels.push_back(d);
    }
    std::sort(labels.begin(), labels.end(), [&](size_t a, size_t b) { return t.cells[a].at.cx() < t.cells[b].at.cx(); });
    return labels;
}

// The columns named by the headers under block header piece `h`.
std::set<int> columns_under(const Table& t, const std::vector<CellInfo>& info, size_t h) {
    const Box& p = t.cells[h].at;
    std::set<int> cols;
    for (size_t c = 0; c < t.cells.size(); ++c) {
        const Box& b = t.cells[c].at;
        if (info[c].col.index >= 0 && b.y0 > p.y1 - band_pt && b.cx() > p.x0 && b.cx() < p.x1) cols.insert(info[c].col.index);
    }
    return cols;
}

// The labels (left to right) grouped into the block headers they are
// pieces of: cells side by side are one header when neither is named, or
// when together they name the row of one of them, better than it alone
// does (复议后起 | 诉) or heading other columns than it. Two headers of
// their own touch as well.
std::vector<std::vector<size_t>> block_headers(const Table& t, const std::vector<CellInfo>& info,
                                               const std::vector<size_t>& labels, const SchemaSnapper& snapper,
                                               size_t table_index) {
    const auto one_header = [&](size_t a, size_t b) {
        const Box &p = t.cells[a].at, &q = t.cells[b].at;
        if (std::abs(p.y0 - q.y0) >= band_pt || std::abs(p.y1 - q.y1) >= band_pt || q.x0 - p.x1 >= band_pt) return false;
        const auto &ra = info[a].row, &rb = info[b].row;
        if (ra.index < 0 && rb.index < 0) return true;
        if (ra.index >= 0 && rb.index >= 0) return false;
        const auto& named = ra.index >= 0 ? ra : rb;
        const auto together = snapper.match_row(table_index, info[a].key + info[b].key);
        if (together.index == named.index && together.score > named.score) return true;
        // However garbled the piece (复议后起 | 下加, the 诉 misread), it is
        // cut from its neighbour when it is the narrower and the columns
        // under the two are others: two blocks of their own are as wide and
        // head the same columns (garbled headers can hide that, not width).
        const double named_width = (ra.index >= 0 ? p : q).width(), other_width = (ra.index >= 0 ? q : p).width();
        if (other_width > 0.8 * named_width) return false;
        const auto cols_a = columns_under(t, info, a), cols_b = columns_under(t, info, b);
        if (cols_a.empty() || cols_b.empty()) return false;
        return std::none_of(cols_a.begin(), cols_a.end(), [&](int c) { return cols_b.count(c) > 0; });
    };
    std::vector<std::vector<size_t>> groups;
    for (size_t l : labels) {
        if (!groups.empty() && one_header(groups.back().back(), l)) groups.back().push_back(l);
        else groups.push_back({l});
    }
    return groups;
}

// Table 4's rows head blocks of columns: a block header takes the row of
// its one named piece; unnamed ones are placed by order.
void place_row_blocks_by_order(const Table& t, const SchemaTable& st, std::vector<CellInfo>& info,
                               const SchemaSnapper& snapper, size_t table_index) {
    const auto groups = block_headers(t, info, block_labels(t, info), snapper, table_index);
    std::vector<int> entry;
    for (const auto& g : groups) {
        int e = -1;
        for (size_t c : g) e = std::max(e, info[c].row.index);
        entry.push_back(e);
    }
    std::vector<int> order;
    for (const SchemaRow* r : st.rows_in("")) order.push_back(int(r - st.rows.data()));
    // Order names the unnamed headers when most are named, or when there
    // are as many headers as the template has blocks (彼复议, _未 + 二直接起诉,
    // 复议后起诉: one named of three, and each of the others has one place).
    const auto named = size_t(std::count_if(entry.begin(), entry.end(), [](int e) { return e >= 0; }));
    if (named < 1 || (named * 2 < groups.size() && groups.size() != order.size())) return;
    std::vector<Placement> placed;
    for (size_t g = 0; g < groups.size(); ++g)
        if (entry[g] >= 0) placed.push_back({g, entry[g]});
    for (const Placement& p : place_runs(entry, {order}, [](size_t, int) { return true; })) placed.push_back(p);
    for (const Placement& p : placed)
        for (size_t c : groups[p.label]) {
            if (info[c].row.index >= 0) continue;
            info[c].row = {p.entry, best_similarity(info[c].key, snapper.wordings_of_row(table_index, size_t(p.entry)))};
            info[c].placed = "row label read as '" + one_line(t.cells[c].text) + "'; named by " +
                             (groups[p.label].size() > 1 && entry[p.label] >= 0 ? "the label it was split from"
                                                                                 : "the order of the labels around it");
        }
}

}  // namespace

void place_rows_by_order(const Table& t, const SchemaTable& st, std::vector<CellInfo>& info,
                         const SchemaSnapper& snapper, size_t table_index) {
    if (st.row_axis == Axis::above) {
        place_row_blocks_by_order(t, st, info, snapper, table_index);
        return;
    }
    std::vector<size_t> labels;
    for (size_t v = 0; v < t.cells.size(); ++v) {
        if (info[v].parsed.kind != ParsedValue::number) continue;
        const int l = label_of(t, info, v, true);
        if (l >= 0 && std::find(labels.begin(), labels.end(), size_t(l)) == labels.end()) labels.push_back(size_t(l));
    }
    std::sort(labels.begin(), labels.end(), [&](size_t a, size_t b) { return t.cells[a].at.cy() < t.cells[b].at.cy(); });
    const std::vector<int> entry = entries_of(labels, info, &CellInfo::row);
    const auto named = size_t(std::count_if(entry.begin(), entry.end(), [](int e) { return e >= 0; }));
    if (named < 2) return;
    std::vector<std::vector<int>> orders;
    std::vector<std::string> layouts{""};
    for (const auto& v : st.variants) layouts.push_back(v.id);
    for (const auto& layout : layouts) {
        std::vector<int> order;
        for (const SchemaRow* r : st.rows_in(layout)) order.push_back(int(r - st.rows.data()));
        orders.push_back(std::move(order));
    }
    // A label takes the place that order and its likeness to the wordings
    // give it: a fax's page of garbled labels (2这有现成信息而此另行制他)
    // has too few named ones to go by order alone. Only in a table that is
    // mostly this schema table: most labels named or like one of its
    // wordings by `liked`.
    constexpr double liked = 0.4;
    const auto likeness = [&](size_t l, int e) {
        return best_similarity(info[labels[l]].key, snapper.wordings_of_row(table_index, size_t(e)));
    };
    size_t resembling = 0;
    for (size_t l = 0; l < labels.size(); ++l) {
        bool like = entry[l] >= 0;
        for (size_t e = 0; e < st.rows.size() && !like; ++e) like = likeness(l, int(e)) >= liked;
        resembling += like;
    }
    if (resembling * 2 < labels.size()) return;
    std::set<int> claimed;  // the rows named by labels, of blank rows too
    for (size_t v = 0; v < t.cells.size(); ++v) {
        if (info[v].parsed.kind == ParsedValue::text) continue;
        const int l = label_of(t, info, v, true);
        if (l >= 0 && info[size_t(l)].row.index >= 0) claimed.insert(info[size_t(l)].row.index);
    }
    // A label laid by likeness chose among several rows: always in review.
    apply(t, info, labels, lay_runs(entry, orders, claimed, likeness), true, snapper, table_index,
          std::numeric_limits<double>::infinity());
    // What is left, by order alone where only one layout has as many
    // entries as a run has labels; only where most labels are named.
    if (named * 2 >= labels.size())
        apply(t, info, labels, place_runs(entries_of(labels, info, &CellInfo::row), orders, [](size_t, int) { return true; }),
              true, snapper, table_index);
}

void place_columns_by_order(const Table& t, const SchemaTable& st, std::vector<CellInfo>& info,
                            const SchemaSnapper& snapper, size_t table_index) {
    if (st.row_axis != Axis::left) return;
    // Header cells with the rows of the numbers under them.
    std::map<size_t, std::set<int>> rows_under;
    for (size_t v = 0; v < t.cells.size(); ++v) {
        if (info[v].parsed.kind != ParsedValue::number) continue;
        const int h = label_of(t, info, v, false);
        if (h < 0) continue;
        auto& rows = rows_under[size_t(h)];
        for (size_t d : neighbours(t, v, true))
            if (info[d].row.index >= 0) {
                rows.insert(info[d].row.index);
                break;
            }
    }
    // One header row at a time: its cells end on the same rule.
    std::vector<std::vector<size_t>> bands;
    for (const auto& [h, rows] : rows_under) {
        auto band = std::find_if(bands.begin(), bands.end(), [&](const std::vector<size_t>& b) {
            return std::abs(t.cells[b[0]].at.y1 - t.cells[h].at.y1) < band_pt;
        });
        if (band == bands.end()) bands.push_back({h});
        else band->push_back(h);
    }
    std::vector<int> order;
    for (size_t c = 0; c < st.columns.size(); ++c) order.push_back(int(c));
    for (auto& band : bands) {
        std::sort(band.begin(), band.end(), [&](size_t a, size_t b) { return t.cells[a].at.cx() < t.cells[b].at.cx(); });
        const std::vector<int> entry = entries_of(band, info, &CellInfo::col);
        const auto named = size_t(std::count_if(entry.begin(), entry.end(), [](int e) { return e >= 0; }));
        if (named < 1 || named * 2 < band.size()) continue;
        // A header may stand for a column only if every known row under it has that column.
        const auto allowed = [&](size_t i, int col) {
            const auto& rows = rows_under[band[i]];
            if (rows.empty()) return false;
            for (int r : rows) {
                const auto cols = st.columns_of(st.rows[size_t(r)]);
                if (std::none_of(cols.begin(), cols.end(), [&](const SchemaColumn* c) { return c == &st.columns[size_t(col)]; }))
                    return false;
            }
            return true;
        };
        apply(t, info, band, place_runs(entry, {order}, allowed), false, snapper, table_index);
    }
}

}  // namespace nianbao

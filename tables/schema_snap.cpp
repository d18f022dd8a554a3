#include "tables/schema_snap.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "tables/cell_value.h"
#include "tables/snap_cells.h"
#include "tables/snap_loose.h"
#include "tables/snap_order.h"

namespace nianbao {
namespace {

constexpr double fuzzy_floor = 0.8;  // below this two wordings mean different things

double wording_score(const std::string& key, const std::string& wording) {
    if (key == wording) return 1.0;
    // Short wordings too, when only marks that are no characters were added
    // (a photocopy's 自然 人- for 自然人): the characters are the meaning.
    if (const std::string han = han_only(wording); code_points(han) >= 2 && han_only(key) == han) return 0.97;
    const size_t kw = code_points(wording), kk = code_points(key);
    // A label merged with its group's label, e.g. 本年度办理结果(一)予以公开,
    // or one whose explanation in brackets was misread: 部分公开(区分处理…
    if (kw >= 4 && key.size() > wording.size() && key.ends_with(wording)) return 0.95;
    if (kw >= 4 && key.size() > wording.size() && key.starts_with(wording)) return 0.9;
    // Fuzzy only for long labels: short ones (规章, 其他) differ in meaning by one character.
    if (kw >= 4 && kk >= 4) {
        const double s = std::max(similarity(key, wording), similarity(han_only(key), han_only(wording)));
        if (s >= fuzzy_floor) return s;
    }
    return 0.0;
}

SchemaSnapper::Match best_of(const std::vector<std::vector<std::string>>& items, const std::string& key) {
    SchemaSnapper::Match best;
    double second = 0;
    if (key.empty()) return best;
    for (size_t i = 0; i < items.size(); ++i) {
        double s = 0;
        for (const auto& w : items[i]) s = std::max(s, wording_score(key, w));
        if (s > best.score) {
            second = best.score;
            best = {int(i), s};
        } else {
            second = std::max(second, s);
        }
    }
    // A tie between two meanings is no match: report it rather than guess.
    if (best.index >= 0 && best.score - second < 0.05) return {};
    return best;
}

struct Hit {
    const TextCell* cell;
    ParsedValue parsed;
    int row, col;
    std::string doubt;  // its row or column was named by order, on a weak label
};

struct TableSnap {
    std::vector<Hit> hits;
    std::vector<std::pair<const TextCell*, std::string>> problems;  // the number cell each is about
};

std::string page_ref(const TextCell& c) { return "page " + std::to_string(c.page); }


}  // namespace

SchemaSnapper::SchemaSnapper(const Schema& schema, const LabelText& text) : schema_(schema), text_(text) {
    for (const auto& t : schema.tables) {
        Wordings w;
        for (const auto& r : t.rows) {
            std::vector<std::string> keys{text.key(r.label)};
            for (const auto& alt : r.wordings) keys.push_back(text.key(alt));
            w.rows.push_back(std::move(keys));
        }
        for (const auto& c : t.columns) {
            std::vector<std::string> keys{text.key(c.label)};
            for (const auto& alt : c.wordings) keys.push_back(text.key(alt));
            w.columns.push_back(std::move(keys));
        }
        wordings_.push_back(std::move(w));
    }
}

SchemaSnapper::Match SchemaSnapper::match_row(size_t table, const std::string& key) const {
    return best_of(wordings_[table].rows, key);
}

SchemaSnapper::Match SchemaSnapper::match_column(size_t table, const std::string& key) const {
    return best_of(wordings_[table].columns, key);
}

bool SchemaSnapper::is_column_header(const std::string& cell_text) const {
    const std::string key = text_.key(cell_text);
    for (size_t t = 0; t < wordings_.size(); ++t) {
        const Match m = match_column(t, key);
        if (m.index >= 0 && m.score == 1.0) return true;
        // The appeals table's rows head its columns on paper.
        if (schema_.tables[t].row_axis == Axis::above && match_row(t, key).score == 1.0) return true;
    }
    return false;
}

namespace {

constexpr double max_span = 1.6;  // a value cell this much wider than its header spans two columns
constexpr size_t min_second_table_hits = 5;  // fewer is the odd cell whose labels also fit another table

// A table whose row labels stand above its columns (table 4) prints all its
// numbers in one line, rows and columns in the template's order. When the
// cells of that line take exactly as many places as the template has — a
// cell twice as wide as most takes two: the rule between them faded — and
// the numbers whose labels were read sit where that order puts them (three
// at least, and more than sit elsewhere), a cell whose labels were garbled
// past reading (a photocopy's 结果/维持 in two short lines), ran together
// with a neighbour's (妃计|结果结果 over three cells), or named another place
// (a faded rule between the headers 未经复议直接起诉 and 复议后起诉 gave the
// first group's 总计 to the second, and each header after it to its
// neighbour) is named by its place, in review. A cell across two places
// holds two numbers run together: digit by digit when it reads as two
// digits (0 0 as 00 or 70), in review, and otherwise neither.
void place_line_by_order(const Table& t, const SchemaTable& st, const std::vector<CellInfo>& info, TableSnap& out) {
    std::vector<std::pair<int, int>> places;
    for (const SchemaRow* r : st.rows_in(""))
        for (const SchemaColumn* c : st.columns_of(*r))
            places.push_back({int(r - st.rows.data()), int(c - st.columns.data())});
    // The line where most numbers named so far stand (the table may hold
    // the end of table 3 too, on the page before).
    const auto beside = [](const Box& a, const Box& b) { return std::abs(a.cy() - b.cy()) <= b.height() / 2; };
    const TextCell* first = nullptr;
    size_t most = 0;
    for (const Hit& h : out.hits) {
        if (h.parsed.kind != ParsedValue::number) continue;
        const auto n = size_t(std::count_if(out.hits.begin(), out.hits.end(), [&](const Hit& o) {
            return o.parsed.kind == ParsedValue::number && o.cell->page == h.cell->page && beside(o.cell->at, h.cell->at);
        }));
        if (n > most) most = n, first = h.cell;
    }
    if (most < 3) return;
    // The line: every cell beside those numbers no taller than two of them
    // (blank cells, and cells read as text: two numbers run together).
    std::vector<size_t> line, numbers;
    for (size_t v = 0; v < t.cells.size(); ++v) {
        const Box& b = t.cells[v].at;
        if (t.cells[v].page != first->page || !beside(b, first->at) || b.height() > 2 * first->at.height()) continue;
        line.push_back(v);
        if (info[v].parsed.kind == ParsedValue::number) numbers.push_back(v);
    }
    std::sort(line.begin(), line.end(), [&](size_t a, size_t b) { return t.cells[a].at.cx() < t.cells[b].at.cx(); });
    std::vector<double> widths;
    for (size_t v : numbers) widths.push_back(t.cells[v].at.width());
    std::nth_element(widths.begin(), widths.begin() + long(widths.size() / 2), widths.end());
    const double unit = widths[widths.size() / 2];
    std::vector<size_t> place_of, span;
    size_t taken = 0;
    for (size_t v : line) {
        place_of.push_back(taken);
        span.push_back(std::max<size_t>(1, size_t(std::lround(t.cells[v].at.width() / unit))));
        taken += span.back();
    }
    if (taken != places.size()) return;
    std::map<const TextCell*, size_t> hit_of;
    for (size_t h = 0; h < out.hits.size(); ++h) hit_of[out.hits[h].cell] = h;
    int agreeing = 0, elsewhere = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        const auto it = hit_of.find(&t.cells[line[i]]);
        if (span[i] != 1 || info[line[i]].parsed.kind != ParsedValue::number || it == hit_of.end()) continue;
        const Hit& h = out.hits[it->second];
        (std::pair{h.row, h.col} == places[place_of[i]] ? agreeing : elsewhere) += 1;
    }
    if (agreeing < 3 || elsewhere >= agreeing) return;
    std::set<size_t> dropped;  // hits of cells across two places
    std::set<const TextCell*> split;  // those read digit by digit
    for (size_t i = 0; i < line.size(); ++i) {
        const TextCell* cell = &t.cells[line[i]];
        const auto it = hit_of.find(cell);
        if (span[i] != 1) {
            if (it != hit_of.end()) dropped.insert(it->second);
            // As many digits as places, and nothing else but a mark or two:
            // one number a place, run together (0 0 read as 00), in review.
            std::string digits;
            for (char ch : cell->text)
                if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
            if (digits.size() != span[i] || cell->text.size() > digits.size() + 2) continue;
            for (size_t k = 0; k < span[i]; ++k) {
                const auto [row, col] = places[place_of[i] + k];
                out.hits.push_back({cell, parse_value(std::string(1, digits[k])), row, col,
                                    "one of " + std::to_string(span[i]) + " numbers read together ('" + one_line(cell->text) +
                                        "') in a cell across as many places of the line of numbers"});
            }
            split.insert(cell);
            std::erase_if(out.problems, [&](const auto& p) { return p.first == cell; });
            continue;
        }
        if (info[line[i]].parsed.kind == ParsedValue::text) continue;
        const auto [row, col] = places[place_of[i]];
        if (it == hit_of.end()) {
            out.hits.push_back({cell, info[line[i]].parsed, row, col, "its labels were not read; named by its place in the line of numbers"});
        } else if (Hit& h = out.hits[it->second]; std::pair{h.row, h.col} != places[place_of[i]]) {
            h.row = row;
            h.col = col;
            h.doubt = "its labels name another place; named by its place in the line of numbers";
        }
        std::erase_if(out.problems, [&](const auto& p) { return p.first == cell; });
    }
    for (auto h = dropped.rbegin(); h != dropped.rend(); ++h) {
        if (!split.count(out.hits[*h].cell))
            out.problems.push_back({out.hits[*h].cell, st.id + ": a cell across two places of the line of numbers, left out (" +
                                                       page_ref(*out.hits[*h].cell) + "): '" + one_line(out.hits[*h].cell->text) + "'"});
        out.hits.erase(out.hits.begin() + long(*h));
    }
}

// A row label that stands beside two rows of numbers lost the rule between
// them; when it holds a line of text per row, the line beside the number
// is that row's label (5.属于三类内部事务信息 over 6.属于四类过程性信息).
// Its row, or -1.
int row_of_line(const TextCell& label, const TextCell& value, const std::function<int(const std::string&)>& row_of) {
    std::vector<std::string> lines;
    std::istringstream in(label.text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    if (lines.size() < 2) return -1;
    const double at = (value.at.cy() - label.at.y0) / label.at.height();
    const auto k = size_t(std::clamp(int(at * double(lines.size())), 0, int(lines.size()) - 1));
    return row_of(lines[k]);
}

TableSnap snap_one(const Table& t, const SchemaTable& st, const std::vector<CellInfo>& info,
                   const std::function<int(const std::string&)>& row_of) {
    TableSnap out;
    for (size_t v = 0; v < t.cells.size(); ++v) {
        const CellInfo& ci = info[v];
        if (ci.parsed.kind == ParsedValue::text || ci.row.index >= 0 || ci.col.index >= 0) continue;
        const auto left = neighbours(t, v, true), up = neighbours(t, v, false);
        const auto& row_side = st.row_axis == Axis::left ? left : up;
        int row = -1, col = -1;
        std::string doubt;
        for (size_t d : row_side)
            if (info[d].row.index >= 0) {
                row = info[d].row.index;
                doubt = info[d].placed;
                // A label beside two rows of values lost the rule between
                // them: which of the two it names is in doubt (规章 over
                // 行政规范性文件 read as one label, the 0s of 规章 taken
                // for the other's) — told by its lines when it has one per
                // row, and in review either way.
                if (st.row_axis == Axis::left && t.cells[d].at.height() > max_span * t.cells[v].at.height()) {
                    const int line_row = row_of_line(t.cells[d], t.cells[v], row_of);
                    if (line_row >= 0) row = line_row;
                    if (doubt.empty()) doubt = "the cell is lower than its row's label: a rule between rows may be missing";
                }
                break;
            }
        for (size_t d : up)
            if (info[d].col.index >= 0) {
                col = info[d].col.index;
                if (doubt.empty()) doubt = info[d].placed;
                // A value cell wider than its column's header took in its
                // neighbour: the rule between them was lost (591 and 1 read as 5911).
                if (doubt.empty() && t.cells[v].at.width() > max_span * t.cells[d].at.width())
                    doubt = "the cell is wider than its column: a rule between cells may be missing";
                break;
            }

        const bool is_number = ci.parsed.kind == ParsedValue::number;
        if (row < 0 || col < 0) {
            if (!is_number) continue;  // blank cells of the header block
            // Name the label that failed to match, so a user can add the wording.
            std::string label;
            for (size_t d : (row < 0 ? row_side : up))
                if (!info[d].key.empty() && info[d].parsed.kind == ParsedValue::text) { label = t.cells[d].text; break; }
            const std::string what = row < 0 ? "row" : "column";
            const std::string msg = st.id + ": " + what + " not recognised (" + page_ref(t.cells[v]) + "): '" +
                                    one_line(label) + "'";
            out.problems.push_back({&t.cells[v], msg});
            continue;
        }
        const SchemaRow& r = st.rows[size_t(row)];
        const auto cols = st.columns_of(r);
        if (std::none_of(cols.begin(), cols.end(), [&](const SchemaColumn* c) { return c->id == st.columns[size_t(col)].id; })) {
            if (is_number) out.problems.push_back({&t.cells[v], st.id + ": row " + r.id + " has no column " +
                                                                   st.columns[size_t(col)].id + " (" + page_ref(t.cells[v]) + ")"});
            continue;
        }
        out.hits.push_back({&t.cells[v], ci.parsed, row, col, doubt});
    }
    if (st.row_axis == Axis::above) place_line_by_order(t, st, info, out);
    return out;
}

// The layout variant the document prints: a variant's own rows found and none
// of the rows it replaces.
std::string detect_variant(const SchemaTable& st, const std::set<int>& rows_found, std::vector<std::string>& problems) {
    for (const auto& v : st.variants) {
        bool own = false, replaced = false;
        for (size_t r = 0; r < st.rows.size(); ++r) {
            if (!rows_found.count(int(r))) continue;
            if (st.rows[r].variant == v.id) own = true;
            if (std::find(v.replaces.begin(), v.replaces.end(), st.rows[r].id) != v.replaces.end()) replaced = true;
        }
        if (own && replaced) problems.push_back(st.id + ": both layouts of " + v.id + " found; using the template's");
        if (own && !replaced) return v.id;
    }
    return "";
}

// "01", "007": no report prints a count so, but a stray mark beside a 0
// (the dashes of a faded rule inside the cell) reads as a digit.
bool leading_zero(const std::string& text) {
    const size_t first = text.find_first_of("0123456789");
    return first != std::string::npos && text[first] == '0' && first + 1 < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[first + 1]));
}

// Below this a recognised value is only a guess; the figure is tuned on the
// benchmark (scripts/bench) so that wrong values do not pass unflagged.
constexpr double trusted_ocr_confidence = 0.90;

void fill_value(BoundCell& b, const Hit& h, const SchemaColumn& col) {
    b.text = h.cell->text;
    b.confidence = h.cell->confidence;
    b.source = h.cell->source;
    b.page = h.cell->page;
    b.bbox = h.cell->box;
    b.alternatives = h.cell->alternatives;
    b.needs_review = false;
    const bool ocr = h.cell->source != "text-layer";
    if (h.parsed.kind == ParsedValue::empty) {
        b.empty = true;
        // A scan's blank may be a faded number.
        if (ocr) {
            b.needs_review = true;
            b.note = h.cell->doubt.empty() ? "blank in the scan" : "blank in the scan: " + h.cell->doubt;
        }
        return;
    }
    if (ocr && b.confidence < trusted_ocr_confidence) {
        b.needs_review = true;
        b.note = h.cell->doubt.empty() ? "OCR confidence " + std::to_string(int(b.confidence * 100)) + "%"
                                       : h.cell->doubt;
        for (const auto& alt : h.cell->alternatives) b.note += "; or '" + alt + "'";
    }
    // An amount (万元, printed with two decimals as a rule) read from a scan
    // without its point: a point lost between two digits makes 21332.15
    // read as 2133215, and no check covers the amounts.
    if (ocr && !b.needs_review && col.type == ValueType::decimal && h.cell->text.find('.') == std::string::npos &&
        *h.parsed.value >= 100) {
        b.needs_review = true;
        b.note = "an amount read without a decimal point: a point may have been lost";
    }
    // Digits on two lines of one cell: two rows whose rule was lost, read
    // as one number (2 over 0 as 20).
    if (ocr && !b.needs_review && h.cell->text.find('\n') != std::string::npos) {
        b.needs_review = true;
        b.note = "read on more than one line: the cell may span rows whose rule was lost";
    }
    if (ocr && !b.needs_review && leading_zero(h.cell->text)) {
        b.needs_review = true;
        b.note = "read '" + one_line(h.cell->text) + "': a count has no leading zero; a mark beside it may be read as a digit";
    }
    b.value = h.parsed.value;
    const double v = *h.parsed.value;
    if (col.type != ValueType::decimal && !h.parsed.integral) {
        b.note = "a count with a fraction";
    } else if (col.type != ValueType::signed_count && v < 0) {
        if (ocr) {
            // A speck or a dash of a rule before the digits reads as a minus
            // (a photocopy's 1109 as -1109): the digits are the number.
            b.value = -v;
            b.note = "read '" + one_line(h.cell->text) + "': the template has no negative number here; the minus taken for a mark";
        } else {
            b.note = "a negative number where the template has none";
        }
    } else {
        return;
    }
    b.needs_review = true;
}

// A scanned row with some cells found and others not, or with a place two
// cells claim, lost rules inside it: a number found there may hold a
// neighbour's digits or come from the row below, and table 2 has no
// arithmetic to catch it. Its OCR-read cells go to review.
void flag_broken_row(std::vector<BoundCell>& cells, size_t row_size, bool claimed_twice) {
    const auto row = cells.end() - std::ptrdiff_t(row_size);
    const bool lost = std::any_of(row, cells.end(), [](const BoundCell& c) { return !c.found(); });
    if (!lost && !claimed_twice) return;
    for (auto it = row; it != cells.end(); ++it)
        if (!it->needs_review && it->read_by_ocr()) {
            it->needs_review = true;
            it->note = lost ? "other cells of its row were not found: the row's rules may be broken"
                            : "another cell of its row was found twice: the row's rules may be broken";
        }
}

}  // namespace

Snap SchemaSnapper::snap(const std::vector<Table>& tables) const {
    // Which schema table each recovered table is: the one that names most
    // of its cells (and another one too, when it names enough of the rest).
    std::vector<std::vector<Hit>> hits(schema_.tables.size());
    std::vector<std::vector<std::string>> problems(schema_.tables.size());
    for (const Table& t : tables) {
        std::vector<CellInfo> base(t.cells.size());
        for (size_t i = 0; i < t.cells.size(); ++i) {
            base[i].key = text_.key(t.cells[i].text);
            base[i].parsed = parse_value(text_.normalize(t.cells[i].text));
        }
        std::vector<TableSnap> snaps;
        for (size_t s = 0; s < schema_.tables.size(); ++s) {
            std::vector<CellInfo> info = base;
            for (auto& ci : info) {
                if (ci.parsed.kind != ParsedValue::text) continue;
                ci.row = match_row(s, ci.key);
                ci.col = match_column(s, ci.key);
            }
            place_rows_by_order(t, schema_.tables[s], info, *this, s);
            place_columns_by_order(t, schema_.tables[s], info, *this, s);
            name_loosely(t, schema_.tables[s], info, *this, s);
            // The labels named loosely are neighbours that order can go by:
            // a fax's page of garbled labels has too few recognised ones.
            place_rows_by_order(t, schema_.tables[s], info, *this, s);
            place_columns_by_order(t, schema_.tables[s], info, *this, s);
            const auto row_of = [&](const std::string& line) { return match_row(s, text_.key(line)).index; };
            snaps.push_back(snap_one(t, schema_.tables[s], info, row_of));
        }
        std::vector<size_t> order(snaps.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return snaps[a].hits.size() > snaps[b].hits.size(); });
        if (snaps[order[0]].hits.empty()) continue;  // some other table of the report
        const size_t best = order[0];
        hits[best].insert(hits[best].end(), snaps[best].hits.begin(), snaps[best].hits.end());
        // Two statutory tables may come as one when the rules between them
        // were bridged (a photocopy's table 4 under table 3, the title row
        // between them boxed in): cells the best table left unnamed that
        // another names, enough of them, are that table's.
        std::set<const TextCell*> used;
        for (const Hit& h : snaps[best].hits) used.insert(h.cell);
        for (size_t k = 1; k < order.size(); ++k) {
            std::vector<Hit> rest;
            for (const Hit& h : snaps[order[k]].hits)
                if (!used.count(h.cell)) rest.push_back(h);
            if (rest.size() < min_second_table_hits) continue;
            for (const Hit& h : rest) used.insert(h.cell);
            auto& into = hits[order[k]];
            into.insert(into.end(), rest.begin(), rest.end());
        }
        // The best table's problems, but for cells another table named.
        std::set<std::string> reported;
        for (const auto& [cell, msg] : snaps[best].problems)
            if (!used.count(cell) && reported.insert(msg).second) problems[best].push_back(msg);
    }

    Snap out;
    for (size_t s = 0; s < schema_.tables.size(); ++s) {
        const SchemaTable& st = schema_.tables[s];
        BoundTable bt;
        bt.id = st.id;
        bt.problems = problems[s];
        std::map<std::pair<int, int>, const Hit*> first;
        std::set<std::pair<int, int>> twice;
        std::set<int> rows_found;
        std::set<int> pages;
        for (const Hit& h : hits[s]) {
            auto [it, fresh] = first.emplace(std::pair{h.row, h.col}, &h);
            if (!fresh) {
                twice.insert({h.row, h.col});
                bt.problems.push_back(st.id + "." + st.rows[size_t(h.row)].id + "." + st.columns[size_t(h.col)].id +
                                      " found twice (" + page_ref(*it->second->cell) + ", " + page_ref(*h.cell) +
                                      "); the first is kept");
                continue;
            }
            rows_found.insert(h.row);
            pages.insert(h.cell->page);
        }
        bt.variant = detect_variant(st, rows_found, bt.problems);
        bt.pages.assign(pages.begin(), pages.end());
        for (const SchemaRow* r : st.rows_in(bt.variant)) {
            const int ri = int(r - st.rows.data());
            bool claimed_twice = false;
            for (const SchemaColumn* c : st.columns_of(*r)) {
                BoundCell b;
                b.row = r->id;
                b.col = c->id;
                const auto it = first.find({ri, int(c - st.columns.data())});
                if (it == first.end()) {
                    b.note = "not found in the document";
                } else {
                    fill_value(b, *it->second, *c);
                    ++out.cells_found;
                    if (!it->second->doubt.empty()) {
                        b.needs_review = true;
                        b.note = it->second->doubt;
                    }
                    // Two cells claim this place: a rule between cells was
                    // lost, and which number belongs here is not known.
                    if (twice.count(it->first)) {
                        claimed_twice = true;
                        b.needs_review = true;
                        b.note = "found twice; a rule between cells may be missing";
                    }
                }
                bt.cells.push_back(std::move(b));
            }
            flag_broken_row(bt.cells, st.columns_of(*r).size(), claimed_twice);
        }
        out.tables.push_back(std::move(bt));
    }
    return out;
}

}  // namespace nianbao

#include "tables/checks.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace nianbao {
namespace {

const BoundTable* find_table(const std::vector<BoundTable>& tables, const std::string& id) {
    for (const auto& t : tables)
        if (t.id == id) return &t;
    return nullptr;
}

std::string format_number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

// The row ids a side of the rule names: a fixed list, or every printed row
// from one id up to (not including) another.
std::vector<std::string> rows_between(const SchemaTable& st, const BoundTable& bt, const std::string& from,
                                      const std::string& to) {
    std::vector<std::string> out;
    bool inside = false;
    for (const SchemaRow* r : st.rows_in(bt.variant)) {
        if (r->id == from) inside = true;
        if (r->id == to) break;
        if (inside) out.push_back(r->id);
    }
    return out;
}

struct Side {
    double sum = 0;
    std::vector<std::string> terms;  // "row.col=value" for the message
};

CheckResult evaluate(const SchemaRule& rule, const BoundTable& bt, const std::vector<std::pair<std::string, std::string>>& left,
                     const std::vector<std::pair<std::string, std::string>>& right) {
    CheckResult r;
    r.rule = rule.id;
    std::vector<std::string> missing;
    Side sides[2];
    const std::vector<std::pair<std::string, std::string>>* lists[2] = {&left, &right};
    for (int s = 0; s < 2; ++s) {
        for (const auto& [row, col] : *lists[s]) {
            r.cells.push_back(bt.id + "." + row + "." + col);
            const BoundCell* c = bt.find(row, col);
            if (!c || !c->value) {
                missing.push_back(row + "." + col + (c && c->empty ? " (blank)" : " (unread)"));
                continue;
            }
            sides[s].sum += *c->value;
            sides[s].terms.push_back(format_number(*c->value));
        }
    }
    if (!missing.empty()) {
        r.status = "skipped";
        r.message = "no number in " + missing.front() + (missing.size() > 1 ? " and " + std::to_string(missing.size() - 1) + " more" : "");
        return r;
    }
    auto describe = [](const Side& s) {
        std::string out;
        for (const auto& t : s.terms) out += (out.empty() ? "" : " + ") + t;
        return out;
    };
    const bool equal = std::abs(sides[0].sum - sides[1].sum) < 0.005;
    r.status = equal ? "pass" : "fail";
    r.message = describe(sides[0]) + (equal ? " = " : " ≠ ") + describe(sides[1]) + " (" + format_number(sides[0].sum) +
                (equal ? " = " : " vs ") + format_number(sides[1].sum) + ")";
    return r;
}

}  // namespace

std::vector<CheckResult> run_table_checks(const Schema& schema, const std::vector<BoundTable>& tables) {
    std::vector<CheckResult> out;
    for (const SchemaRule& rule : schema.rules) {
        const SchemaTable* st = schema.table(rule.table);
        const BoundTable* bt = find_table(tables, rule.table);
        if (!st || !bt) continue;
        std::vector<std::string> right = rule.right;
        if (!rule.right_rows_between.empty())
            right = rows_between(*st, *bt, rule.right_rows_between[0], rule.right_rows_between[1]);
        if (rule.per == RulePer::column) {
            for (const SchemaColumn& c : st->columns) {
                std::vector<std::pair<std::string, std::string>> l, r;
                for (const auto& row : rule.left) l.emplace_back(row, c.id);
                for (const auto& row : right) r.emplace_back(row, c.id);
                CheckResult res = evaluate(rule, *bt, l, r);
                res.col = c.id;
                out.push_back(std::move(res));
            }
        } else {
            for (const SchemaRow* row : st->rows_in(bt->variant)) {
                std::vector<std::pair<std::string, std::string>> l, r;
                for (const auto& col : rule.left) l.emplace_back(row->id, col);
                for (const auto& col : right) r.emplace_back(row->id, col);
                CheckResult res = evaluate(rule, *bt, l, r);
                res.row = row->id;
                out.push_back(std::move(res));
            }
        }
    }
    return out;
}

namespace {

BoundCell* cell_named(std::vector<BoundTable>& tables, const std::string& id) {
    for (auto& t : tables) {
        if (!id.starts_with(t.id + ".")) continue;
        const std::string rest = id.substr(t.id.size() + 1);
        const auto dot = rest.find('.');
        return t.find(rest.substr(0, dot), rest.substr(dot + 1));
    }
    return nullptr;
}

}  // namespace

void flag_failing_cells(const std::vector<CheckResult>& checks, std::vector<BoundTable>& tables) {
    for (const auto& check : checks) {
        if (check.status != "fail") continue;
        for (const auto& id : check.cells)
            if (BoundCell* c = cell_named(tables, id)) {
                c->needs_review = true;
                if (c->note.empty()) c->note = "covered by failing check " + check.rule;
            }
    }
}

void flag_unconfirmed_ocr_cells(const std::vector<CheckResult>& checks, std::vector<BoundTable>& tables) {
    std::map<std::string, std::pair<int, int>> covered;  // cell id → (checks covering it, of which passed)
    for (const auto& check : checks) {
        if (check.rule.starts_with("narrative.")) continue;
        for (const auto& id : check.cells) {
            auto& [all, passed] = covered[id];
            ++all;
            passed += check.status == "pass";
        }
    }
    for (const auto& [id, counts] : covered) {
        if (counts.second > 0) continue;
        BoundCell* c = cell_named(tables, id);
        if (!c || c->needs_review || !c->value || !c->read_by_ocr()) continue;
        c->needs_review = true;
        c->note = "no check could confirm it: other cells of its row and column are unread";
    }
}

}  // namespace nianbao

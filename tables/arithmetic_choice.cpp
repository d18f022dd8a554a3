#include "tables/arithmetic_choice.h"

#include <algorithm>

#include "tables/cell_value.h"
#include "tables/checks.h"

namespace nianbao {
namespace {

int failures(const std::vector<CheckResult>& checks) {
    return int(std::count_if(checks.begin(), checks.end(), [](const CheckResult& c) { return c.status == "fail"; }));
}

// Did a check that passed before fail after?
bool breaks_any(const std::vector<CheckResult>& before, const std::vector<CheckResult>& after) {
    for (size_t i = 0; i < before.size() && i < after.size(); ++i)
        if (before[i].status == "pass" && after[i].status == "fail") return true;
    return false;
}

bool covers_failing(const std::vector<CheckResult>& checks, const std::string& id) {
    for (const auto& c : checks)
        if (c.status == "fail" && std::find(c.cells.begin(), c.cells.end(), id) != c.cells.end()) return true;
    return false;
}

std::string digits_only(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != '\n' && c != ' ') out += c;
    return out;
}

// Takes the first alternative of `cell` that leaves fewer of `checks` (the
// tables' checks as they stand) failing and none failing that passed: two
// misread cells of one row are each re-decided in turn. On success `checks`
// are those of the tables as changed.
bool balance_with_alternative(const Schema& schema, std::vector<BoundTable>& tables, const std::string& id,
                              BoundCell& cell, std::vector<CheckResult>& checks) {
    if (!covers_failing(checks, id)) return false;
    const double original = *cell.value;
    for (const auto& alt : cell.alternatives) {
        const ParsedValue p = parse_value(digits_only(alt));
        if (p.kind != ParsedValue::number || *p.value == original) continue;
        cell.value = p.value;
        auto after = run_table_checks(schema, tables);
        if (failures(after) < failures(checks) && !breaks_any(checks, after)) {
            cell.source = "ocr+arithmetic";
            cell.needs_review = true;
            cell.note = "OCR read '" + cell.text + "'; its alternative '" + alt +
                        "' is the one the template's arithmetic agrees with";
            checks = std::move(after);
            return true;
        }
        cell.value = original;
    }
    return false;
}

}  // namespace

int choose_by_arithmetic(const Schema& schema, std::vector<BoundTable>& tables) {
    int changed = 0;
    // Each pass fixes at most one cell per failing rule; a few passes settle
    // it. The cells OCR was unsure of are tried first; a confident reading's
    // alternative only when none of them balances a check (a photocopy's 0
    // read as 6 at full confidence, with 0 for its alternative).
    std::vector<CheckResult> checks = run_table_checks(schema, tables);
    for (int pass = 0; pass < 6; ++pass) {
        int now = 0;
        for (const bool unsure : {true, false}) {
            for (auto& t : tables)
                for (auto& cell : t.cells)
                    if (cell.source == "ocr" && cell.needs_review == unsure && !cell.alternatives.empty() && cell.value)
                        now += balance_with_alternative(schema, tables, t.id + "." + cell.row + "." + cell.col, cell,
                                                        checks);
            if (now > 0) break;
        }
        if (now == 0) break;
        changed += now;
    }
    return changed;
}

}  // namespace nianbao

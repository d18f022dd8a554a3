#pragma once
// An extraction compared with a truth file (format of fixtures/README.md),
// cell by cell and check by check, with the definitions of
// scripts/benchmark/score.py, so that a test's figures and the benchmark's
// mean the same thing.

#include <cmath>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "src/extraction.h"

namespace nianbao {

struct CellScore {
    int cells = 0;          // every truth cell: the denominator
    int right = 0;          // exact value; null where the truth is null
    int silent = 0;         // a wrong number without needs_review: the figure that must stay 0
    int flagged_wrong = 0;  // a wrong number with needs_review
    int not_read = 0;       // no number (or no cell) where the truth has one
    int not_read_unflagged = 0;  // of not_read: a cell given as blank without needs_review
    std::string silent_list, wrong_list;

    double accuracy() const { return cells ? double(right) / cells : 0.0; }
};

// Integers equal, money equal to the cent; null only equals null.
inline bool same_value(const std::optional<double>& got, const nlohmann::json& want) {
    if (want.is_null() || !got) return want.is_null() && !got;
    return std::abs(*got - want.get<double>()) < 0.005;
}

inline CellScore score_cells(const Extraction& ex, const nlohmann::json& truth) {
    CellScore s;
    for (const auto& [id, want] : truth.at("cells").items()) {
        ++s.cells;
        // Ids are table.row.col; none of the three holds a dot.
        const size_t a = id.find('.'), b = id.find('.', a + 1);
        const BoundTable* table = ex.table(id.substr(0, a));
        const BoundCell* cell = table ? table->find(id.substr(a + 1, b - a - 1), id.substr(b + 1)) : nullptr;
        if (cell && same_value(cell->value, want)) {
            ++s.right;
            continue;
        }
        const std::string got = cell ? "'" + cell->text + "'" + (cell->needs_review ? " (flagged)" : "") : "no cell";
        s.wrong_list += " " + id + "=" + got;
        if (!cell || !cell->value) {
            ++s.not_read;
            if (cell && !cell->needs_review) ++s.not_read_unflagged;
        } else if (cell->needs_review) {
            ++s.flagged_wrong;
        } else {
            ++s.silent;
            s.silent_list += " " + id + "='" + cell->text + "' (truth " + want.dump() + ")";
        }
    }
    return s;
}

// Does a failing check answer this expected failure? {"rule": "narrative"}
// names any narrative rule; row and col narrow it when given.
inline bool answers(const CheckResult& c, const nlohmann::json& expected) {
    const std::string rule = expected.at("rule");
    const bool rule_ok = c.rule == rule || c.rule.starts_with(rule + ".");
    return rule_ok && (!expected.contains("row") || expected.at("row") == c.row) &&
           (!expected.contains("col") || expected.at("col") == c.col);
}

}  // namespace nianbao

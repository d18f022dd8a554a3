#pragma once
// The schema-bound result: every cell of a statutory table under its stable
// ids (../shared/spec/statutory-tables.md), whether or not it could be read.

#include <optional>
#include <string>
#include <vector>

#include "tables/geometry.h"

namespace nianbao {

struct BoundCell {
    std::string row;
    std::string col;
    std::optional<double> value;  // nullopt: empty, missing or unreadable
    bool empty = false;           // printed blank or dash: explicitly no number, not 0
    std::string text;             // the cell's text as found
    double confidence = 0.0;
    std::string source;           // "text-layer"; "" when the cell was not found
    int page = 0;                 // 1-based; 0 when not found
    std::optional<Box> bbox;      // PDF points, origin top-left
    bool needs_review = true;
    std::string note;             // why it needs review, when it does
    std::vector<std::string> alternatives;  // other readings OCR considered

    bool found() const { return !source.empty(); }
    bool read_by_ocr() const { return source.starts_with("ocr"); }  // "ocr" or "ocr+arithmetic"
};

struct BoundTable {
    std::string id;
    std::string variant;               // "" or a schema variant id, e.g. single_other_processing
    std::vector<int> pages;            // 1-based, ascending
    std::vector<BoundCell> cells;      // schema order: rows, then columns
    std::vector<std::string> problems; // rows or columns that could not be matched, duplicates

    const BoundCell* find(const std::string& row, const std::string& col) const {
        for (const auto& c : cells)
            if (c.row == row && c.col == col) return &c;
        return nullptr;
    }
    BoundCell* find(const std::string& row, const std::string& col) {
        return const_cast<BoundCell*>(static_cast<const BoundTable*>(this)->find(row, col));
    }
};

}  // namespace nianbao

#pragma once
// What schema snapping knows of each cell of a recovered table while it
// works, and how cells stand to one another. Shared by the label matching
// (schema_snap.cpp) and the placement by order (snap_order.cpp).

#include <string>
#include <vector>

#include "tables/cell_value.h"
#include "tables/schema_snap.h"
#include "tables/table.h"

namespace nianbao {

struct CellInfo {
    std::string key;  // the cell's text as a label key
    ParsedValue parsed;
    SchemaSnapper::Match row, col;  // what the cell names, if it is a label
    std::string placed;             // why a label that matched no wording was given a row or column
};

// Cells standing left of (or above) cell `v`, nearest first.
std::vector<size_t> neighbours(const Table& t, size_t v, bool left);

// Whether cell `d` stands among the values: in a column of numbers
// (`left`: it would be a row label), or after a number in its row (a
// column header). A misread value there (a photocopied 0 read as 中) is no
// label, and taken for one it breaks the order of the real ones.
bool among_values(const Table& t, const std::vector<CellInfo>& info, size_t d, bool left);

// The Han characters of a label: OCR turns quotes, dots and brackets into
// stray marks and reads the 3 of "3." with the label, which would sink an
// otherwise clear fuzzy match.
std::string han_only(const std::string& s);

// Line breaks as spaces, for messages.
std::string one_line(std::string s);

}  // namespace nianbao

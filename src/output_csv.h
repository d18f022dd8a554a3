#pragma once
// The CSV output: one line per cell, for spreadsheets and quick scripts.

#include <ostream>
#include <string>

#include "src/extraction.h"

namespace nianbao {

// The header line of write_csv, without line ending.
inline constexpr const char* kCsvHeader =
    "table,row,col,value,text,confidence,page,x0,y0,x1,y1,source,needs_review";

// UTF-8 with a byte-order mark (so that Excel reads the Chinese text right),
// RFC 4180: lines end in CRLF, a field holding a comma, a quote, a line break
// or edge spaces is quoted, quotes doubled. Unknown values (no number, page
// 0, no bbox) are empty fields. Tables in schema order, cells in table order.
// Throws std::runtime_error when the stream fails.
void write_csv(const Extraction& extraction, std::ostream& out);

// One CSV field, quoted when RFC 4180 requires it.
std::string csv_field(const std::string& s);

}  // namespace nianbao

#pragma once
// `nianbao export`: the whole database out, with corrections applied and the
// cells that still need review marked. Only documents that are done have
// tables; failures are listed in the XLSX "documents" sheet and by `status`.

#include <filesystem>
#include <ostream>
#include <vector>

#include "src/store_sqlite.h"
#include "tables/schema.h"

namespace nianbao {

// Long format, one line per cell of every done document:
//   document_id,sha256,path,agency,year,template,table,row,col,value,
//   extracted_value,corrected,empty,text,confidence,page,x0,y0,x1,y1,source,
//   needs_review,note
// `value` is the corrected value when a correction exists, `extracted_value`
// what was read. UTF-8 with a byte-order mark, CRLF, RFC 4180 (like extract's CSV).
void export_csv(Database& db, std::ostream& out);

// JSON lines: one line per done document, in the shape of `extract`'s JSON
// (docs/output.md), corrections applied.
void export_jsonl(Database& db, std::ostream& out, const std::vector<Schema>& schemas);

// One sheet per table (proactive, requests, appeals) with one row per report
// and one column per row.col, ready for a pivot table; cells that need review
// filled yellow, corrected cells green. Then "checks" (failing checks within
// and across reports) and "documents" (every document with its status).
// Throws InputError(unreadable) when the file cannot be written.
void export_xlsx(Database& db, const std::filesystem::path& file);

}  // namespace nianbao

#pragma once
// The spreadsheet output: each statutory table laid out like the printed
// template, so that a reviewer can hold it next to the report.

#include <filesystem>

#include "src/extraction.h"

namespace nianbao {

// Writes `file` with these sheets, in order:
//   one per table, named by its id (schema order): title row, merged header
//     block, row labels, numbers as numbers, blank cells blank; a cell that
//     needs review is yellow and carries a comment with its note and text;
//   "checks": every check, one per line, failures in red;
//   "report": input, report identity, schema, pages, problems, warnings.
// Nothing is written unless the whole workbook could be built. Throws
// InputError(ExitCode::unreadable) when the file cannot be created, and
// std::runtime_error naming the file and libxlsxwriter's reason for any
// other failure.
void write_xlsx(const Extraction& extraction, const std::filesystem::path& file);

}  // namespace nianbao

#pragma once
// The JSON output of `nianbao extract`: the project's main contract with
// other tools. Key names and key order are fixed; see write_json below.

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/extraction.h"

namespace nianbao {

// The whole extraction as an ordered JSON object:
//   {"input", "report", "schema", "tables": {<id>: {"pages", "variant",
//    "cells", "problems"}}, "checks", "narrative", "warnings"}
// Count columns print as integers, decimal columns as numbers; a value that
// is not a number is null, and "empty" tells a printed blank from a cell that
// could not be read. Tables appear in schema order.
nlohmann::ordered_json to_json(const Extraction& extraction);

// to_json, indented by two spaces, followed by a newline. Throws
// std::runtime_error when the stream fails.
void write_json(const Extraction& extraction, std::ostream& out);

// The extraction's tables in the order of its schema, then any table the
// schema does not know, in their own order. Every writer lists tables this
// way. Throws std::runtime_error when two tables share an id.
std::vector<const BoundTable*> tables_in_schema_order(const Extraction& extraction);

}  // namespace nianbao

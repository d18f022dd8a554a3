#pragma once
// The batch runs `nianbao extract --format json` in a child process; this
// reads that JSON (docs/output.md) back into the Extraction struct.

#include <string>

#include "src/extraction.h"

namespace nianbao {

// Throws std::runtime_error (naming what is wrong) when `text` is not the
// JSON that write_json produces. Only the schema's id is set.
Extraction parse_extraction_json(const std::string& text);

}  // namespace nianbao

#pragma once
// The one-screen summary `nianbao extract` prints on stderr.

#include <ostream>

#include "src/extraction.h"

namespace nianbao {

// At most about 25 lines: the file, agency and year, schema; per table its
// pages and how many cells were read, printed empty or need review; the
// check counts and the first failing checks with their messages; warnings.
void print_summary(const Extraction& extraction, std::ostream& out);

}  // namespace nianbao

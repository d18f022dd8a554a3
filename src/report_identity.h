#pragma once
// Who issued the report and for which year, read from its title.

#include <string>

#include "src/extraction.h"
#include "tables/label_text.h"

namespace nianbao {

// `first_page` is the first page's text, one printed line per line.
ReportIdentity read_identity(const std::string& first_page, const LabelText& text);

}  // namespace nianbao

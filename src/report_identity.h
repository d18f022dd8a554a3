#pragma once
// Who issued the report and for which year, read from its title.

#include <string>

#include "src/extraction.h"
#include "tables/label_text.h"

namespace nianbao {

// `first_page` is the first page's text, one printed line per line.
ReportIdentity read_identity(const std::string& first_page, const LabelText& text);

// Whether the lines of `first_page` so far settle the identity: the title
// named with its year, by an agency whose name more lines could not
// complete (it starts with its province or city already).
bool identity_settled(const std::string& first_page, const LabelText& text);

}  // namespace nianbao

#pragma once
// What a value cell says: a number, an explicit nothing (blank or dash), or
// text that is neither.

#include <optional>
#include <string>

namespace nianbao {

struct ParsedValue {
    enum Kind { number, empty, text } kind = text;
    std::optional<double> value;
    bool integral = false;
};

// `normalized` is LabelText::normalize() output: NFKC, no whitespace.
ParsedValue parse_value(const std::string& normalized);

}  // namespace nianbao

#include "tables/cell_value.h"

#include <charconv>
#include <regex>

namespace nianbao {

ParsedValue parse_value(const std::string& s) {
    ParsedValue p;
    if (s.empty()) { p.kind = ParsedValue::empty; return p; }
    // Dashes of every width, slashes and 无 are how reports print "nothing".
    static const char* const nothing[] = {"-", "--", "—", "——", "–", "―", "/", "无", "－", "-—"};
    for (const char* n : nothing)
        if (s == n) { p.kind = ParsedValue::empty; return p; }

    std::string digits;
    for (char c : s)
        if (c != ',') digits += c;  // thousands separators
    static const std::regex number(R"(^[+-]?\d+(\.\d+)?$)");
    std::smatch m;
    if (!std::regex_match(digits, m, number)) return p;
    double v = 0;
    const char* begin = digits.data() + (digits[0] == '+' ? 1 : 0);
    if (std::from_chars(begin, digits.data() + digits.size(), v).ec != std::errc()) return p;
    p.kind = ParsedValue::number;
    p.value = v;
    p.integral = !m[1].matched;
    return p;
}

}  // namespace nianbao

#include "src/report_identity.h"

#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace nianbao {
namespace {

// Group `g` of the first match of `pattern` in `text`, or "".
std::string first_group(const std::string& pattern, const std::string& text, int g) {
    UErrorCode status = U_ZERO_ERROR;
    // The matcher keeps a reference to its input: the string must outlive it.
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(text);
    icu::RegexMatcher m(icu::UnicodeString::fromUTF8(pattern), input, 0, status);
    if (U_FAILURE(status)) throw std::runtime_error("bad identity pattern: " + pattern);
    if (!m.find()) return "";
    std::string out;
    return m.group(g, status).toUTF8String(out);
}

std::vector<std::string> lines_of(const std::string& page, const LabelText& text) {
    std::vector<std::string> out;
    std::istringstream in(page);
    for (std::string line; std::getline(in, line);) {
        std::string n = text.normalize(line);
        if (!n.empty()) out.push_back(std::move(n));
    }
    return out;
}

// Code points of `a` and `b` that differ, position by position; -1 when
// their lengths differ.
int differing(const icu::UnicodeString& a, const icu::UnicodeString& b) {
    if (a.countChar32() != b.countChar32()) return -1;
    int n = 0;
    for (int32_t i = 0, j = 0; i < a.length(); i = a.moveIndex32(i, 1), j = b.moveIndex32(j, 1))
        n += a.char32At(i) != b.char32At(j);
    return n;
}

// Titles often drop the city (洪泽区人民政府) that the first paragraph
// names in full (淮安市洪泽区人民政府办公室); prefer the full name. On a
// scan the title's name may carry a misread character the paragraph's does
// not (潜泽区 for 洪泽区): a name there of the same length, a character
// apart at most, is the same name, spelt as the paragraph has it.
std::string qualify(const std::string& agency, const std::string& page) {
    if (agency.empty() || first_group("^[\\p{Han}]{1,6}[省市州盟]", agency, 0).size()) return agency;
    // The city is the few characters before the name, not counting the
    // function word in front of it: 本报告由淮安市洪泽区 → 淮安市.
    const std::string city = "([[\\p{Han}]--[由在是对与和向为经据按从及的请即告]]{1,3}[市州盟])";
    const std::string exact = first_group(city + agency, page, 1);
    if (!exact.empty()) return exact + agency;
    const icu::UnicodeString name = icu::UnicodeString::fromUTF8(agency);
    const int length = name.countChar32();
    if (length < 4) return agency;
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(page);
    icu::RegexMatcher m(icu::UnicodeString::fromUTF8(city + "([\\p{Han}]{" + std::to_string(length) + "})"), input, 0,
                        status);
    if (U_FAILURE(status)) throw std::runtime_error("bad identity pattern for " + agency);
    while (m.find()) {
        const int d = differing(m.group(2, status), name);
        if (d >= 0 && d <= 1) {
            std::string full;
            m.group(1, status).toUTF8String(full);
            m.group(2, status).toUTF8String(full);
            return full;
        }
    }
    return agency;
}

}  // namespace

ReportIdentity read_identity(const std::string& first_page, const LabelText& text) {
    ReportIdentity id;
    const auto lines = lines_of(first_page, text);
    std::string joined;
    for (const auto& l : lines) joined += l;
    // The title is among the first lines, possibly wrapped onto a second one.
    const std::string title = "^(.{0,40}?)(\\d{4})年度?(?:政府)?信息公开(?:工作)?(?:年度)?报告";
    for (size_t i = 0; i < lines.size() && i < 12; ++i) {
        const std::string two = i + 1 < lines.size() ? lines[i] + lines[i + 1] : lines[i];
        const std::string year = first_group(title, two, 2);
        if (year.empty()) continue;
        id.year = std::stoi(year);
        std::string agency = first_group(title, two, 1);
        if (agency.empty() && i > 0 && code_points(lines[i - 1]) <= 30) agency = lines[i - 1];
        if (agency.empty())
            agency = first_group("(?:编制|发布)《?\\d{4}年度?([\\p{Han}]{2,30}?)(?:政府)?信息公开(?:工作)?年度?报告", joined, 1);
        id.agency = qualify(agency, joined);
        break;
    }
    return id;
}

}  // namespace nianbao

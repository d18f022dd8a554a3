#pragma once
// Normalising the words of a table so that labels compare on meaning, not on
// bytes: NFKC (full width to half width), traditional to simplified, no
// spaces or line breaks, 其它 = 其他, 、= ., and no leading enumerators.

#include <memory>
#include <string>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Transliterator;
class Normalizer2;
U_NAMESPACE_END

namespace nianbao {

class LabelText {
public:
    LabelText();  // throws if ICU lacks NFKC or the Hant-Hans transform
    ~LabelText();
    LabelText(const LabelText&) = delete;
    LabelText& operator=(const LabelText&) = delete;

    // NFKC, simplified forms, no whitespace, unified punctuation.
    std::string normalize(const std::string& utf8) const;
    // normalize(), then without leading 一、 （一） 1. (1) markers.
    std::string key(const std::string& utf8) const;

private:
    const icu::Normalizer2* nfkc_;
    std::unique_ptr<icu::Transliterator> to_simplified_;
};

// 2·LCS / (|a| + |b|) over code points: 1 for equal strings, tolerant of a
// few characters lost from a damaged text layer.
double similarity(const std::string& a_utf8, const std::string& b_utf8);

// Number of Unicode code points.
size_t code_points(const std::string& utf8);

}  // namespace nianbao

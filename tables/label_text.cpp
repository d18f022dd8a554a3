#include "tables/label_text.h"

#include <stdexcept>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace nianbao {
namespace {

std::u32string to_u32(const std::string& utf8) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
    std::u32string out;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out.push_back(static_cast<char32_t>(u.char32At(i)));
    return out;
}

bool is_enumerator_digit(char32_t c) {
    return (c >= U'0' && c <= U'9') || std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
}

// Strips markers such as 三、 (一) 1. (1) from the front, repeatedly:
// "三、(一)予以公开" → "予以公开".
icu::UnicodeString strip_enumerators(const icu::UnicodeString& s) {
    icu::UnicodeString rest = s;
    for (;;) {
        int32_t i = 0;
        const bool paren = rest.length() > 0 && rest.charAt(0) == u'(';
        if (paren) ++i;
        int32_t digits = 0;
        while (i < rest.length() && is_enumerator_digit(rest.char32At(i))) { i = rest.moveIndex32(i, 1); ++digits; }
        if (digits == 0 || i >= rest.length()) return rest;
        const char16_t next = rest.charAt(i);
        if (paren ? next == u')' : (next == u'.' || next == u'、')) rest.remove(0, i + 1);
        else return rest;
    }
}

}  // namespace

LabelText::LabelText() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC unavailable: ") + u_errorName(status));
    status = U_ZERO_ERROR;
    to_simplified_.reset(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !to_simplified_)
        throw std::runtime_error(std::string("ICU Hant-Hans transform unavailable: ") + u_errorName(status));
}

LabelText::~LabelText() = default;

std::string LabelText::normalize(const std::string& utf8) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString s = nfkc_->normalize(icu::UnicodeString::fromUTF8(utf8), status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalisation failed: ") + u_errorName(status));
    to_simplified_->transliterate(s);
    icu::UnicodeString out;
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
        const UChar32 c = s.char32At(i);
        if (u_isUWhiteSpace(c)) continue;
        switch (c) {
            case u'．': case u'。': out.append(static_cast<UChar32>(u'.')); break;
            case u'“': case u'”': case u'「': case u'」': out.append(static_cast<UChar32>(u'"')); break;
            case u'〔': case u'［': out.append(static_cast<UChar32>(u'[')); break;
            case u'〕': case u'］': out.append(static_cast<UChar32>(u']')); break;
            default: out.append(c);
        }
    }
    out.findAndReplace(u"其它", u"其他");
    std::string result;
    return out.toUTF8String(result);
}

std::string LabelText::key(const std::string& utf8) const {
    const icu::UnicodeString s = strip_enumerators(icu::UnicodeString::fromUTF8(normalize(utf8)));
    std::string result;
    return s.toUTF8String(result);
}

size_t code_points(const std::string& utf8) { return to_u32(utf8).size(); }

double similarity(const std::string& a_utf8, const std::string& b_utf8) {
    const std::u32string a = to_u32(a_utf8), b = to_u32(b_utf8);
    if (a.empty() && b.empty()) return 1.0;
    if (a.empty() || b.empty()) return 0.0;
    std::vector<size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
        std::swap(prev, cur);
    }
    return 2.0 * static_cast<double>(prev[b.size()]) / static_cast<double>(a.size() + b.size());
}

}  // namespace nianbao

#include "tables/narrative_checks.h"

#include <cmath>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace nianbao {
namespace {

struct Statement {
    double value;
    std::string quote;
};

std::unique_ptr<icu::RegexMatcher> matcher(const std::string& pattern, const icu::UnicodeString& text) {
    UErrorCode status = U_ZERO_ERROR;
    auto m = std::make_unique<icu::RegexMatcher>(icu::UnicodeString::fromUTF8(pattern), text, 0, status);
    if (U_FAILURE(status)) throw std::runtime_error("bad narrative pattern '" + pattern + "': " + u_errorName(status));
    return m;
}

std::string utf8(const icu::UnicodeString& s) {
    std::string out;
    return s.toUTF8String(out);
}

// The first statement in the prose: a number, or a "none" (= 0).
std::optional<Statement> find_statement(const NarrativeRule& rule, const icu::UnicodeString& prose) {
    for (const auto& p : rule.says_number) {
        auto m = matcher(p, prose);
        UErrorCode status = U_ZERO_ERROR;
        if (m->find()) {
            const std::string digits = utf8(m->group(1, status));
            if (U_FAILURE(status)) throw std::runtime_error("narrative pattern '" + p + "' has no group 1");
            return Statement{std::stod(digits), utf8(m->group(status))};
        }
    }
    for (const auto& p : rule.says_none) {
        auto m = matcher(p, prose);
        UErrorCode status = U_ZERO_ERROR;
        if (m->find()) return Statement{0, utf8(m->group(status))};
    }
    return std::nullopt;
}

const BoundCell* find_cell(const std::vector<BoundTable>& tables, const std::string& id) {
    for (const auto& t : tables) {
        if (!id.starts_with(t.id + ".")) continue;
        const std::string rest = id.substr(t.id.size() + 1);
        const auto dot = rest.find('.');
        if (dot == std::string::npos) return nullptr;
        return t.find(rest.substr(0, dot), rest.substr(dot + 1));
    }
    return nullptr;
}

}  // namespace

std::vector<NarrativeClaim> find_narrative_claims(const Schema& schema, const std::string& prose) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(prose);
    std::vector<NarrativeClaim> out;
    for (const auto& rule : schema.narrative) {
        NarrativeClaim c{rule.id, std::nullopt, ""};
        if (const auto said = find_statement(rule, text)) {
            c.value = said->value;
            c.quote = said->quote;
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<CheckResult> check_narrative_claims(const Schema& schema, const std::vector<NarrativeClaim>& claims,
                                                const std::vector<BoundTable>& tables) {
    std::vector<CheckResult> out;
    for (const auto& claim : claims) {
        const NarrativeRule* rule = nullptr;
        for (const auto& r : schema.narrative)
            if (r.id == claim.rule) rule = &r;
        if (!rule) continue;
        CheckResult r;
        r.rule = rule->id;
        r.cells = rule->cells;
        if (!claim.value) {
            r.status = "skipped";
            r.message = "the prose states no figure";
            out.push_back(std::move(r));
            continue;
        }
        double table = 0;
        bool readable = true;
        for (const auto& id : rule->cells) {
            const BoundCell* c = find_cell(tables, id);
            if (!c || !c->value) { readable = false; break; }
            table += *c->value;
        }
        if (!readable) {
            r.status = "skipped";
            r.message = "the prose says '" + claim.quote + "' but the table has no number to compare";
        } else {
            const bool same = std::abs(table - *claim.value) < 0.005;
            r.status = same ? "pass" : "fail";
            std::ostringstream m;
            m << "the prose says '" << claim.quote << "' (" << *claim.value << "); the table says " << table;
            r.message = m.str();
        }
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace nianbao

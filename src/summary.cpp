#include "src/summary.h"

#include <algorithm>
#include <iomanip>
#include <string>
#include <vector>

namespace nianbao {
namespace {

// Enough to read on one screen; the JSON and XLSX outputs list everything.
constexpr size_t kMaxFailuresShown = 10;
constexpr size_t kMaxWarningsShown = 3;

// "3-4, 7" for pages {3, 4, 7}.
std::string page_ranges(const std::vector<int>& pages) {
    std::string out;
    for (size_t i = 0; i < pages.size();) {
        size_t j = i;
        while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
        if (!out.empty()) out += ", ";
        out += std::to_string(pages[i]);
        if (j > i) out += "-" + std::to_string(pages[j]);
        i = j + 1;
    }
    return out;
}

std::string plural(size_t n, const std::string& word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

void print_identity(const Extraction& x, std::ostream& out) {
    out << x.input.path << ": " << plural(static_cast<size_t>(std::max(0, x.input.pages)), "page");
    if (!x.input.kind.empty()) out << ", " << x.input.kind;
    out << '\n';
    out << (x.report.agency.empty() ? "(agency unknown)" : x.report.agency) << ", "
        << (x.report.year ? std::to_string(*x.report.year) : "(year unknown)") << ", schema " << x.schema.id << '\n';
}

void print_table_line(const std::string& id, const BoundTable* t, std::ostream& out) {
    out << "  " << std::left << std::setw(10) << id << std::right;
    if (!t) {
        out << "not found\n";
        return;
    }
    const auto count = [&](auto pred) { return static_cast<size_t>(std::count_if(t->cells.begin(), t->cells.end(), pred)); };
    const size_t read = count([](const BoundCell& c) { return c.value.has_value(); });
    const size_t empty = count([](const BoundCell& c) { return c.empty; });
    const size_t review = count([](const BoundCell& c) { return c.needs_review; });
    out << "pages " << std::left << std::setw(7) << page_ranges(t->pages) << std::right << std::setw(4)
        << t->cells.size() << " cells: " << read << " read, " << empty << " empty, " << review << " to review";
    if (!t->problems.empty()) out << ", " << plural(t->problems.size(), "problem");
    out << '\n';
}

void print_tables(const Extraction& x, std::ostream& out) {
    for (const auto& st : x.schema.tables) print_table_line(st.id, x.table(st.id), out);
    for (const auto& t : x.tables)
        if (!x.schema.table(t.id)) print_table_line(t.id, &t, out);
}

std::string check_where(const CheckResult& c) {
    if (!c.row.empty() && !c.col.empty()) return " (row " + c.row + ", col " + c.col + ")";
    if (!c.row.empty()) return " (row " + c.row + ")";
    if (!c.col.empty()) return " (col " + c.col + ")";
    return "";
}

void print_checks(const Extraction& x, std::ostream& out) {
    const auto with_status = [&](const std::string& s) {
        return static_cast<size_t>(
            std::count_if(x.checks.begin(), x.checks.end(), [&](const CheckResult& c) { return c.status == s; }));
    };
    const size_t pass = with_status("pass"), fail = with_status("fail"), skipped = with_status("skipped");
    out << "checks: " << pass << " pass, " << fail << " fail, " << skipped << " skipped";
    // An unexpected status is a bug upstream; count it rather than drop it.
    if (const size_t other = x.checks.size() - pass - fail - skipped) out << ", " << other << " other";
    out << '\n';

    size_t shown = 0;
    for (const auto& c : x.checks) {
        if (c.status != "fail" || shown == kMaxFailuresShown) continue;
        out << "  ✗ " << c.rule << check_where(c) << (c.message.empty() ? "" : ": " + c.message) << '\n';
        ++shown;
    }
    if (fail > shown) out << "  … and " << fail - shown << " more\n";
}

void print_warnings(const Extraction& x, std::ostream& out) {
    if (x.warnings.empty()) return;
    out << plural(x.warnings.size(), "warning") << ":\n";
    const size_t shown = std::min(x.warnings.size(), kMaxWarningsShown);
    for (size_t i = 0; i < shown; ++i) out << "  " << x.warnings[i] << '\n';
    if (x.warnings.size() > shown) out << "  … and " << x.warnings.size() - shown << " more\n";
}

}  // namespace

void print_summary(const Extraction& extraction, std::ostream& out) {
    print_identity(extraction, out);
    print_tables(extraction, out);
    print_checks(extraction, out);
    print_warnings(extraction, out);
}

}  // namespace nianbao

#include "src/store_status.h"

#include <algorithm>

namespace nianbao {

StoreStatus read_status(Database& db) {
    StoreStatus s;
    Statement counts = db.prepare("SELECT status, count(*) FROM documents GROUP BY status");
    while (counts.step()) s.documents[counts.text(0)] = counts.integer(1);

    Statement failures = db.prepare(
        "SELECT path, COALESCE(failure, ''), COALESCE(error, '') FROM documents WHERE status = 'failed' ORDER BY path");
    while (failures.step()) {
        s.failures.push_back({failures.text(0), failures.text(1), failures.text(2)});
        ++s.failure_counts[failures.text(1)];
    }

    Statement flags = db.prepare(
        "SELECT count(*), count(DISTINCT v.document_id) FROM cell_values v JOIN documents d ON d.id = v.document_id "
        "WHERE d.status = 'done' AND v.needs_review = 1 AND v.corrected = 0");
    flags.step();
    s.flagged_cells = flags.integer(0);
    s.documents_with_flags = flags.integer(1);

    Statement corr = db.prepare("SELECT count(*) FROM corrections");
    corr.step();
    s.corrections = corr.integer(0);

    Statement checks = db.prepare(
        "SELECT d.path, k.rule, COALESCE(k.row, ''), COALESCE(k.col, ''), k.message FROM checks k "
        "JOIN documents d ON d.id = k.document_id WHERE d.status = 'done' AND k.status = 'fail' ORDER BY d.path, k.ord");
    while (checks.step())
        s.failing_checks.push_back({checks.text(0), checks.text(1), checks.text(2), checks.text(3), checks.text(4)});

    s.series = compute_series_checks(db);
    return s;
}

void print_status(const StoreStatus& s, std::ostream& out, size_t max_lines) {
    int total = 0;
    for (const auto& [status, n] : s.documents) total += n;
    out << "documents: " << total;
    for (const char* st : {"done", "failed", "queued", "running"}) {
        const auto it = s.documents.find(st);
        out << ", " << (it == s.documents.end() ? 0 : it->second) << " " << st;
    }
    out << "\n";

    if (!s.failures.empty()) {
        out << "failed:";
        for (const auto& [failure, n] : s.failure_counts) out << " " << failure << " " << n << ";";
        out << "\n";
        for (size_t i = 0; i < s.failures.size() && i < max_lines; ++i)
            out << "  " << s.failures[i].path << ": " << s.failures[i].failure << ": " << s.failures[i].error << "\n";
        if (s.failures.size() > max_lines) out << "  … and " << s.failures.size() - max_lines << " more\n";
    }

    out << "flagged cells (need review): " << s.flagged_cells << " in " << s.documents_with_flags << " documents";
    if (s.corrections > 0) out << "; corrections: " << s.corrections;
    out << "\n";

    out << "failing checks: " << s.failing_checks.size() << "\n";
    for (size_t i = 0; i < s.failing_checks.size() && i < max_lines; ++i) {
        const auto& c = s.failing_checks[i];
        out << "  " << c.path << ": " << c.rule << (c.row.empty() ? "" : " " + c.row) << (c.col.empty() ? "" : " " + c.col)
            << ": " << c.message << "\n";
    }
    if (s.failing_checks.size() > max_lines) out << "  … and " << s.failing_checks.size() - max_lines << " more\n";

    const auto fails = std::count_if(s.series.begin(), s.series.end(), [](const auto& c) { return c.status == "fail"; });
    const auto passes = std::count_if(s.series.begin(), s.series.end(), [](const auto& c) { return c.status == "pass"; });
    out << "series.carry across reports: " << passes << " pass, " << fails << " fail, "
        << (static_cast<long>(s.series.size()) - passes - fails) << " skipped\n";
    size_t shown = 0;
    for (const auto& c : s.series) {
        if (c.status != "fail" || shown++ >= max_lines) continue;
        out << "  " << c.agency_key << " " << c.year - 1 << "→" << c.year << " " << c.col << ": " << c.message << "\n";
    }
}

}  // namespace nianbao

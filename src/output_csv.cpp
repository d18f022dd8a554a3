#include "src/output_csv.h"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "src/output_json.h"

namespace nianbao {
namespace {

constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";
constexpr const char* kLineEnd = "\r\n";  // RFC 4180

// The shortest text that reads back as the same double: 3 for 3.0, 7730.28
// for 7730.28. Counts therefore print as integers without needing the schema.
std::string number_text(double v) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc()) throw std::runtime_error("cannot format number for CSV");
    return std::string(buf, end);
}

// Same rounding as the JSON output, so that both show the same box.
std::string coordinate_text(double v) { return number_text(std::round(v * 100.0) / 100.0); }

std::string join_line(const std::vector<std::string>& fields) {
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) line += ',';
        line += csv_field(fields[i]);
    }
    return line;
}

std::vector<std::string> cell_fields(const std::string& table, const BoundCell& c) {
    std::vector<std::string> f;
    f.push_back(table);
    f.push_back(c.row);
    f.push_back(c.col);
    f.push_back(c.value ? number_text(*c.value) : "");
    f.push_back(c.text);
    f.push_back(number_text(c.confidence));
    f.push_back(c.page > 0 ? std::to_string(c.page) : "");
    if (c.bbox) {
        for (double v : {c.bbox->x0, c.bbox->y0, c.bbox->x1, c.bbox->y1}) f.push_back(coordinate_text(v));
    } else {
        f.insert(f.end(), 4, "");
    }
    f.push_back(c.source);
    f.push_back(c.needs_review ? "true" : "false");
    return f;
}

}  // namespace

std::string csv_field(const std::string& s) {
    const bool edge_space = !s.empty() && (s.front() == ' ' || s.back() == ' ');
    if (s.find_first_of(",\"\r\n") == std::string::npos && !edge_space) return s;
    std::string quoted = "\"";
    for (char ch : s) {
        if (ch == '"') quoted += '"';
        quoted += ch;
    }
    quoted += '"';
    return quoted;
}

void write_csv(const Extraction& extraction, std::ostream& out) {
    out << kUtf8Bom << kCsvHeader << kLineEnd;
    for (const BoundTable* t : tables_in_schema_order(extraction))
        for (const auto& c : t->cells) out << join_line(cell_fields(t->id, c)) << kLineEnd;
    out.flush();
    if (!out) throw std::runtime_error("could not write the CSV output (stream error)");
}

}  // namespace nianbao

#include "src/output_json.h"

#include <cmath>
#include <cstdint>
#include <set>
#include <stdexcept>

namespace nianbao {
namespace {

using nlohmann::ordered_json;

// Bounding boxes are reported to a hundredth of a point: finer digits are
// noise from the renderer and only make the output harder to read and diff.
double round_to_hundredth(double v) { return std::round(v * 100.0) / 100.0; }

// The empty string and zero mean "unknown" in the structs; JSON says null.
ordered_json string_or_null(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(s); }
ordered_json positive_or_null(int n) { return n > 0 ? ordered_json(n) : ordered_json(nullptr); }

bool is_integer_type(ValueType t) { return t == ValueType::count || t == ValueType::signed_count; }

// Counts print as JSON integers (3, not 3.0). A count that is somehow not a
// whole number is printed as it is rather than rounded, so that the bug
// upstream shows instead of hiding behind a plausible integer.
ordered_json value_json(const std::optional<double>& value, const SchemaColumn* column) {
    if (!value) return nullptr;
    const double v = *value;
    const bool whole = std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.0e15;
    if (column && is_integer_type(column->type) && whole) return static_cast<std::int64_t>(v);
    return v;
}

ordered_json bbox_json(const std::optional<Box>& box) {
    if (!box) return nullptr;
    return ordered_json::array({round_to_hundredth(box->x0), round_to_hundredth(box->y0),
                                round_to_hundredth(box->x1), round_to_hundredth(box->y1)});
}

ordered_json cell_json(const BoundCell& c, const SchemaTable* schema_table) {
    const SchemaColumn* column = schema_table ? schema_table->column(c.col) : nullptr;
    ordered_json j;
    j["row"] = c.row;
    j["col"] = c.col;
    j["value"] = value_json(c.value, column);
    j["empty"] = c.empty;
    j["text"] = c.text;
    j["confidence"] = c.confidence;
    j["source"] = c.source;
    j["page"] = positive_or_null(c.page);
    j["bbox"] = bbox_json(c.bbox);
    j["needs_review"] = c.needs_review;
    if (!c.note.empty()) j["note"] = c.note;
    if (!c.alternatives.empty()) j["alternatives"] = c.alternatives;
    return j;
}

ordered_json table_json(const BoundTable& t, const Schema& schema) {
    const SchemaTable* schema_table = schema.table(t.id);
    ordered_json cells = ordered_json::array();
    for (const auto& c : t.cells) cells.push_back(cell_json(c, schema_table));
    ordered_json j;
    j["pages"] = t.pages;
    j["variant"] = string_or_null(t.variant);
    j["cells"] = std::move(cells);
    j["problems"] = t.problems;
    return j;
}

ordered_json check_json(const CheckResult& c) {
    ordered_json j;
    j["rule"] = c.rule;
    if (!c.row.empty()) j["row"] = c.row;
    if (!c.col.empty()) j["col"] = c.col;
    j["status"] = c.status;
    j["cells"] = c.cells;
    j["message"] = c.message;
    return j;
}

// The prose speaks of counts of cases: 12, not 12.0.
ordered_json narrative_json(const NarrativeClaim& c) {
    static const SchemaColumn count_column{};
    ordered_json j;
    j["rule"] = c.rule;
    j["value"] = value_json(c.value, &count_column);
    j["quote"] = c.quote;
    return j;
}

ordered_json input_json(const InputInfo& in) {
    ordered_json j;
    j["path"] = in.path;
    j["sha256"] = in.sha256;
    j["pages"] = in.pages;
    j["kind"] = in.kind;
    return j;
}

ordered_json report_json(const ReportIdentity& r) {
    ordered_json j;
    j["agency"] = string_or_null(r.agency);
    j["year"] = r.year ? ordered_json(*r.year) : ordered_json(nullptr);
    return j;
}

}  // namespace

std::vector<const BoundTable*> tables_in_schema_order(const Extraction& extraction) {
    std::set<std::string> seen;
    for (const auto& t : extraction.tables)
        if (!seen.insert(t.id).second)
            throw std::runtime_error("the extraction holds table '" + t.id + "' twice");

    std::vector<const BoundTable*> out;
    for (const auto& st : extraction.schema.tables)
        if (const BoundTable* t = extraction.table(st.id)) out.push_back(t);
    for (const auto& t : extraction.tables)
        if (!extraction.schema.table(t.id)) out.push_back(&t);
    return out;
}

ordered_json to_json(const Extraction& extraction) {
    ordered_json tables = ordered_json::object();
    for (const BoundTable* t : tables_in_schema_order(extraction)) tables[t->id] = table_json(*t, extraction.schema);

    ordered_json checks = ordered_json::array();
    for (const auto& c : extraction.checks) checks.push_back(check_json(c));

    ordered_json j;
    j["input"] = input_json(extraction.input);
    j["report"] = report_json(extraction.report);
    j["schema"] = extraction.schema.id;
    j["tables"] = std::move(tables);
    j["checks"] = std::move(checks);
    ordered_json narrative = ordered_json::array();
    for (const auto& c : extraction.narrative) narrative.push_back(narrative_json(c));
    j["narrative"] = std::move(narrative);
    j["warnings"] = extraction.warnings;
    return j;
}

void write_json(const Extraction& extraction, std::ostream& out) {
    // A damaged text layer can hand us invalid UTF-8 in a cell's text. Rather
    // than lose the whole result, such bytes print as U+FFFD, which a reader
    // of the "text" field can still see.
    out << to_json(extraction).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    out.flush();
    if (!out) throw std::runtime_error("could not write the JSON output (stream error)");
}

}  // namespace nianbao

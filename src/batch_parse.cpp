#include "src/batch_parse.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace nianbao {
namespace {

// Ordered, so that the tables keep the order the document lists them in.
using json = nlohmann::ordered_json;

std::string string_or_empty(const json& j, const char* key) {
    if (!j.contains(key) || j.at(key).is_null()) return "";
    return j.at(key).get<std::string>();
}

BoundCell parse_cell(const json& j) {
    BoundCell c;
    c.row = j.at("row").get<std::string>();
    c.col = j.at("col").get<std::string>();
    if (!j.at("value").is_null()) c.value = j.at("value").get<double>();
    c.empty = j.at("empty").get<bool>();
    c.text = j.at("text").get<std::string>();
    c.confidence = j.at("confidence").get<double>();
    c.source = j.at("source").get<std::string>();
    if (!j.at("page").is_null()) c.page = j.at("page").get<int>();
    if (const json& b = j.at("bbox"); !b.is_null())
        c.bbox = Box{b.at(0).get<double>(), b.at(1).get<double>(), b.at(2).get<double>(), b.at(3).get<double>()};
    c.needs_review = j.at("needs_review").get<bool>();
    c.note = string_or_empty(j, "note");
    if (j.contains("alternatives")) c.alternatives = j.at("alternatives").get<std::vector<std::string>>();
    return c;
}

}  // namespace

Extraction parse_extraction_json(const std::string& text) {
    try {
        const json j = json::parse(text);
        Extraction ex;
        const json& in = j.at("input");
        ex.input = InputInfo{in.at("path").get<std::string>(), in.at("sha256").get<std::string>(),
                             in.at("pages").get<int>(), in.at("kind").get<std::string>()};
        ex.report.agency = string_or_empty(j.at("report"), "agency");
        if (!j.at("report").at("year").is_null()) ex.report.year = j.at("report").at("year").get<int>();
        ex.schema.id = j.at("schema").get<std::string>();
        for (const auto& [id, t] : j.at("tables").items()) {
            BoundTable bt;
            bt.id = id;
            bt.variant = t.at("variant").is_null() ? "" : t.at("variant").get<std::string>();
            bt.pages = t.at("pages").get<std::vector<int>>();
            bt.problems = t.at("problems").get<std::vector<std::string>>();
            for (const auto& c : t.at("cells")) bt.cells.push_back(parse_cell(c));
            ex.tables.push_back(std::move(bt));
        }
        for (const auto& c : j.at("checks"))
            ex.checks.push_back(CheckResult{c.at("rule").get<std::string>(), string_or_empty(c, "row"),
                                            string_or_empty(c, "col"), c.at("status").get<std::string>(),
                                            c.at("cells").get<std::vector<std::string>>(),
                                            c.at("message").get<std::string>()});
        // Absent from the output of a nianbao before the narrative claims were kept.
        if (j.contains("narrative"))
            for (const auto& n : j.at("narrative")) {
                NarrativeClaim claim{n.at("rule").get<std::string>(), std::nullopt, string_or_empty(n, "quote")};
                if (!n.at("value").is_null()) claim.value = n.at("value").get<double>();
                ex.narrative.push_back(std::move(claim));
            }
        ex.warnings = j.at("warnings").get<std::vector<std::string>>();
        return ex;
    } catch (const json::exception& e) {
        throw std::runtime_error(std::string("unexpected extract output: ") + e.what());
    }
}

}  // namespace nianbao

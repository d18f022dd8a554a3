#include "tables/schema.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace nianbao {
namespace {

using nlohmann::json;

std::vector<std::string> strings(const json& j, const char* key) {
    if (!j.contains(key)) return {};
    return j.at(key).get<std::vector<std::string>>();
}

std::string string_or_empty(const json& j, const char* key) {
    return j.contains(key) ? j.at(key).get<std::string>() : std::string();
}

ValueType parse_type(const std::string& s) {
    if (s == "count") return ValueType::count;
    if (s == "signed_count") return ValueType::signed_count;
    if (s == "decimal") return ValueType::decimal;
    throw std::runtime_error("unknown column type '" + s + "'");
}

SchemaTable parse_table(const json& j) {
    SchemaTable t;
    t.id = j.at("id").get<std::string>();
    t.title = string_or_empty(j, "title");
    t.column_heading = string_or_empty(j, "column_heading");
    t.label_heading = string_or_empty(j, "label_heading");
    const std::string axis = j.value("row_axis", "left");
    if (axis != "left" && axis != "above") throw std::runtime_error("table " + t.id + ": row_axis must be left or above");
    t.row_axis = axis == "left" ? Axis::left : Axis::above;
    for (const auto& c : j.at("columns")) {
        SchemaColumn col;
        col.id = c.at("id").get<std::string>();
        col.label = c.at("label").get<std::string>();
        col.group = string_or_empty(c, "group");
        col.wordings = strings(c, "wordings");
        col.type = parse_type(c.value("type", "count"));
        t.columns.push_back(std::move(col));
    }
    for (const auto& r : j.at("rows")) {
        SchemaRow row;
        row.id = r.at("id").get<std::string>();
        row.label = r.at("label").get<std::string>();
        row.group = string_or_empty(r, "group");
        row.section = string_or_empty(r, "section");
        row.wordings = strings(r, "wordings");
        row.columns = strings(r, "columns");
        row.variant = string_or_empty(r, "variant");
        for (const auto& c : row.columns)
            if (!t.column(c)) throw std::runtime_error("table " + t.id + ", row " + row.id + ": unknown column " + c);
        t.rows.push_back(std::move(row));
    }
    if (j.contains("variants"))
        for (const auto& v : j.at("variants")) t.variants.push_back({v.at("id").get<std::string>(), strings(v, "replaces")});
    return t;
}

SchemaRule parse_rule(const json& j, const Schema& s) {
    SchemaRule r;
    r.id = j.at("id").get<std::string>();
    r.table = j.at("table").get<std::string>();
    const std::string per = j.at("per").get<std::string>();
    if (per != "row" && per != "column") throw std::runtime_error("rule " + r.id + ": per must be row or column");
    r.per = per == "row" ? RulePer::row : RulePer::column;
    r.left = strings(j, "left");
    r.right = strings(j, "right");
    r.right_rows_between = strings(j, "right_rows_between");
    if (!s.table(r.table)) throw std::runtime_error("rule " + r.id + ": unknown table " + r.table);
    if (!r.right_rows_between.empty() && r.right_rows_between.size() != 2)
        throw std::runtime_error("rule " + r.id + ": right_rows_between needs two row ids");
    return r;
}

}  // namespace

const SchemaColumn* SchemaTable::column(const std::string& cid) const {
    for (const auto& c : columns)
        if (c.id == cid) return &c;
    return nullptr;
}

const SchemaRow* SchemaTable::row(const std::string& rid) const {
    for (const auto& r : rows)
        if (r.id == rid) return &r;
    return nullptr;
}

const SchemaVariant* SchemaTable::find_variant(const std::string& vid) const {
    for (const auto& v : variants)
        if (v.id == vid) return &v;
    return nullptr;
}

std::vector<const SchemaRow*> SchemaTable::rows_in(const std::string& variant) const {
    const SchemaVariant* v = find_variant(variant);
    std::vector<const SchemaRow*> out;
    for (const auto& r : rows) {
        if (!r.variant.empty() && r.variant != variant) continue;
        if (v && std::find(v->replaces.begin(), v->replaces.end(), r.id) != v->replaces.end()) continue;
        out.push_back(&r);
    }
    return out;
}

std::vector<const SchemaColumn*> SchemaTable::columns_of(const SchemaRow& r) const {
    std::vector<const SchemaColumn*> out;
    for (const auto& c : columns)
        if (r.columns.empty() || std::find(r.columns.begin(), r.columns.end(), c.id) != r.columns.end())
            out.push_back(&c);
    return out;
}

const SchemaTable* Schema::table(const std::string& tid) const {
    for (const auto& t : tables)
        if (t.id == tid) return &t;
    return nullptr;
}

Schema load_schema(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot open schema file " + file.string());
    try {
        const json j = json::parse(in);
        Schema s;
        s.id = j.at("id").get<std::string>();
        for (const auto& t : j.at("tables")) s.tables.push_back(parse_table(t));
        for (const auto& r : j.at("rules")) s.rules.push_back(parse_rule(r, s));
        if (j.contains("narrative"))
            for (const auto& n : j.at("narrative"))
                s.narrative.push_back({n.at("id").get<std::string>(), strings(n, "cells"), strings(n, "says_number"),
                                       strings(n, "says_none")});
        return s;
    } catch (const std::exception& e) {
        throw std::runtime_error("schema file " + file.string() + ": " + e.what());
    }
}

std::vector<Schema> load_schemas(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (name.starts_with("gov-disclosure-") && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    if (ec) throw std::runtime_error("cannot read schema folder " + dir.string() + ": " + ec.message());
    if (files.empty()) throw std::runtime_error("no gov-disclosure-*.json schema in " + dir.string());
    std::sort(files.begin(), files.end(), std::greater<>());
    std::vector<Schema> out;
    for (const auto& f : files) out.push_back(load_schema(f));
    return out;
}

}  // namespace nianbao

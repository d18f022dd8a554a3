#pragma once
// The statutory schemas, loaded from models/*.json. Everything that differs
// between template versions or between wordings lives in those files, so that
// a new wording or rule is a data change.

#include <filesystem>
#include <string>
#include <vector>

namespace nianbao {

enum class ValueType { count, signed_count, decimal };

struct SchemaColumn {
    std::string id;
    std::string label;                  // the template's wording
    std::string group;                  // spanning header above it, if any
    std::vector<std::string> wordings;  // known alternatives to label
    ValueType type = ValueType::count;
};

struct SchemaRow {
    std::string id;
    std::string label;
    std::string group;                  // e.g. （三）不予公开
    std::string section;                // e.g. 第二十条第（一）项
    std::vector<std::string> wordings;
    std::vector<std::string> columns;   // the columns this row has; empty: all
    std::string variant;                // row exists only in this layout variant
};

struct SchemaVariant {
    std::string id;
    std::vector<std::string> replaces;  // rows absent when the variant is in use
};

enum class Axis { left, above };

struct SchemaTable {
    std::string id;
    std::string title;
    Axis row_axis = Axis::left;  // where a value cell's row label stands
    std::string column_heading;  // printed over all value columns, e.g. 申请人情况
    std::string label_heading;   // printed over the row labels, e.g. 信息内容
    std::vector<SchemaColumn> columns;
    std::vector<SchemaRow> rows;
    std::vector<SchemaVariant> variants;

    const SchemaColumn* column(const std::string& id) const;
    const SchemaRow* row(const std::string& id) const;
    const SchemaVariant* find_variant(const std::string& id) const;
    // The rows of the table in the given layout variant ("" = the default).
    std::vector<const SchemaRow*> rows_in(const std::string& variant) const;
    // The columns a row has, in table order.
    std::vector<const SchemaColumn*> columns_of(const SchemaRow& r) const;
};

enum class RulePer { row, column };

struct SchemaRule {
    std::string id;
    std::string table;
    RulePer per = RulePer::column;
    std::vector<std::string> left;
    std::vector<std::string> right;
    // Alternative to `right`: every row present from the first id up to but
    // excluding the second, so that variant layouts sum what they print.
    std::vector<std::string> right_rows_between;
};

struct NarrativeRule {
    std::string id;
    std::vector<std::string> cells;        // table.row.col, summed
    std::vector<std::string> says_number;  // ICU regexes, group 1 = the number
    std::vector<std::string> says_none;    // ICU regexes meaning "zero"
};

struct Schema {
    std::string id;
    std::vector<SchemaTable> tables;
    std::vector<SchemaRule> rules;
    std::vector<NarrativeRule> narrative;

    const SchemaTable* table(const std::string& id) const;
};

Schema load_schema(const std::filesystem::path& file);
// Every models/gov-disclosure-*.json in `dir`, newest template first.
std::vector<Schema> load_schemas(const std::filesystem::path& dir);

}  // namespace nianbao

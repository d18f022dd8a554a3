#pragma once
// Giving recovered tables their statutory meaning. Each value cell is named by
// the labels around it — its row label to the left (or above, for the appeals
// table whose rows are column blocks on paper) and its column header above —
// matched to the schema's wordings, never by its position alone.

#include <string>
#include <vector>

#include "tables/bound_table.h"
#include "tables/label_text.h"
#include "tables/schema.h"
#include "tables/table.h"

namespace nianbao {

struct Snap {
    std::vector<BoundTable> tables;  // every table of the schema, in schema order
    int cells_found = 0;             // value cells bound to a schema cell
    std::vector<std::string> warnings;
};

class SchemaSnapper {
public:
    SchemaSnapper(const Schema& schema, const LabelText& text);

    Snap snap(const std::vector<Table>& tables) const;
    // Does this text name a column or row of any table (a header cell)?
    bool is_column_header(const std::string& cell_text) const;

    struct Match {
        int index = -1;  // into SchemaTable::rows or ::columns; -1 = none
        double score = 0;
    };
    // Best row / column of `table` for a normalised key, if clear.
    Match match_row(size_t table, const std::string& key) const;
    Match match_column(size_t table, const std::string& key) const;
    // Normalised wordings of a schema row (its label and alternatives).
    const std::vector<std::string>& wordings_of_row(size_t table, size_t row) const { return wordings_[table].rows[row]; }
    const std::vector<std::string>& wordings_of_column(size_t table, size_t col) const {
        return wordings_[table].columns[col];
    }

private:
    struct Wordings {
        std::vector<std::vector<std::string>> rows, columns;  // keys per row / column
    };
    const Schema& schema_;
    const LabelText& text_;
    std::vector<Wordings> wordings_;  // per schema table
};

}  // namespace nianbao

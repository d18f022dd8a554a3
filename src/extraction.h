#pragma once
// What `nianbao extract` produces for one document: the plain struct every
// output writer, the store and the review server read.

#include <optional>
#include <string>
#include <vector>

#include "tables/bound_table.h"
#include "tables/check_result.h"
#include "tables/narrative_checks.h"
#include "tables/schema.h"

namespace nianbao {

struct InputInfo {
    std::string path;
    std::string sha256;
    int pages = 0;
    std::string kind;  // digital | scanned | mixed
};

struct ReportIdentity {
    std::string agency;        // "" when the title does not name it
    std::optional<int> year;
};

struct Extraction {
    InputInfo input;
    ReportIdentity report;
    Schema schema;                    // the template version detected
    std::vector<BoundTable> tables;   // schema order
    std::vector<CheckResult> checks;
    // What the prose says for each narrative rule: kept so that the
    // narrative checks can be evaluated again on corrected cells.
    std::vector<NarrativeClaim> narrative;
    std::vector<std::string> warnings;

    const BoundTable* table(const std::string& id) const {
        for (const auto& t : tables)
            if (t.id == id) return &t;
        return nullptr;
    }
};

}  // namespace nianbao

// Re-deciding a scanned cell by the template's arithmetic: only among the
// engine's own alternatives, the doubtful cells before the confident ones,
// and every cell so decided in review.

#include <gtest/gtest.h>

#include "tables/arithmetic_choice.h"
#include "tables/schema.h"
#include "tests/schema_2021.h"

namespace nianbao {
namespace {

// Table 3 read by OCR, every number 0 and every reading confident.
std::vector<BoundTable> requests_of_zeros() {
    for (const SchemaTable& st : schema_2021().tables) {
        if (st.id != "requests") continue;
        BoundTable t;
        t.id = st.id;
        for (const SchemaRow* r : st.rows_in(""))
            for (const SchemaColumn* c : st.columns_of(*r)) {
                BoundCell b;
                b.row = r->id;
                b.col = c->id;
                b.value = 0;
                b.text = "0";
                b.source = "ocr";
                b.needs_review = false;
                t.cells.push_back(b);
            }
        return {t};
    }
    ADD_FAILURE() << "no requests table in the schema";
    return {};
}

BoundCell& at(std::vector<BoundTable>& tables, const std::string& row, const std::string& col) {
    BoundCell* c = tables[0].find(row, col);
    if (!c) throw std::runtime_error("no cell " + row + "." + col);
    return *c;
}

void misread(BoundCell& c, double value, std::vector<std::string> alternatives, bool unsure) {
    c.value = value;
    c.text = std::to_string(int(value));
    c.alternatives = std::move(alternatives);
    c.needs_review = unsure;
}

// A photocopy's 0 read as 6 with full confidence, its alternative 0
// (photocopy150 r011): the row and column sums fail, and the alternative
// balances them.
TEST(ArithmeticChoice, ConfidentMisreadingTakesTheAlternativeThatBalances) {
    auto tables = requests_of_zeros();
    misread(at(tables, "unprocessed_confirmation", "other_org"), 6, {"0"}, false);
    EXPECT_EQ(choose_by_arithmetic(schema_2021(), tables), 1);
    const BoundCell& c = at(tables, "unprocessed_confirmation", "other_org");
    EXPECT_EQ(c.value, 0);
    EXPECT_EQ(c.source, "ocr+arithmetic");
    EXPECT_TRUE(c.needs_review);
}

// Two cells of one row, either of whose alternatives leaves fewer checks
// failing: 6 read for 总计 at 0 in doubt, and a confident 6 whose
// alternative 0 would balance the row too (its column fails either way, on
// a 7 misread below it). The doubtful cell is re-decided, which balances
// the row and 总计's column; the confident one is left as read.
TEST(ArithmeticChoice, DoubtfulCellIsReDecidedBeforeAConfidentOne) {
    auto tables = requests_of_zeros();
    misread(at(tables, "disclosed", "natural_person"), 6, {"0"}, false);
    misread(at(tables, "disclosed", "total"), 0, {"6"}, true);
    at(tables, "results_total", "natural_person").value = 7;
    at(tables, "results_total", "total").value = 6;
    EXPECT_EQ(choose_by_arithmetic(schema_2021(), tables), 1);
    EXPECT_EQ(at(tables, "disclosed", "total").value, 6);
    EXPECT_EQ(at(tables, "disclosed", "natural_person").value, 6);
    EXPECT_EQ(at(tables, "disclosed", "natural_person").source, "ocr");
}

// No alternative that balances: nothing is invented.
TEST(ArithmeticChoice, NoNumberTheEngineDidNotPropose) {
    auto tables = requests_of_zeros();
    misread(at(tables, "unprocessed_confirmation", "other_org"), 6, {"8", "B"}, false);
    EXPECT_EQ(choose_by_arithmetic(schema_2021(), tables), 0);
    EXPECT_EQ(at(tables, "unprocessed_confirmation", "other_org").value, 6);
}

}  // namespace
}  // namespace nianbao

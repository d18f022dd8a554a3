#include "tables/scan_grid.h"

#include "preprocess/binarize.h"
#include "tables/dotted_rules.h"
#include "tables/faint_rules.h"
#include "tables/rule_ends.h"

namespace nianbao {

ScanGrid find_scan_grid(const cv::Mat& gray, double dpi) {
    LineOptions lo = LineOptions::for_dpi(dpi);
    // Photocopied and faxed rules fade and break into pieces; bridge gaps up
    // to a twelfth of an inch (cells are far wider than that).
    lo.gap_px = int(dpi / 12);
    const cv::Mat ink = ink_of_scan(gray, dpi);
    ScanGrid out;
    out.lines = find_lines(ruling_ink(ink, int(dpi / 3), {}), lo);
    const cv::Mat strokes = ink_strokes(ink, dpi);
    follow_faint_rules(out.lines, gray, strokes, FaintRuleOptions::for_dpi(dpi));
    find_dotted_rules(out.lines, ink, DottedRuleOptions::for_dpi(dpi));
    join_broken_rules(out.lines, RuleEndOptions::for_dpi(dpi), strokes);
    // What is left of a rule between the pieces found may now touch them.
    const LineMasks more = find_lines(ink_touching_rules(ink, out.lines, int(dpi / 6)), lo);
    out.lines.horizontal |= more.horizontal;
    out.lines.vertical |= more.vertical;
    join_broken_rules(out.lines, RuleEndOptions::for_dpi(dpi), strokes);
    out.grids = find_tables(out.lines, GridOptions::for_dpi(dpi));
    return out;
}

}  // namespace nianbao

#pragma once
// Broken rules joined up again. A real rule ends on a crossing rule (or on
// another piece of itself); a rule that stops in the middle of a cell was
// faded or cut there, as on a photocopy, and the two cells it should part
// would be read as one. Such an end is carried on to the next rule it meets.

#include <algorithm>

#include "tables/lines.h"

namespace nianbao {

struct RuleEndOptions {
    int min_length_px = 75;  // shorter pieces may be a dash or a stroke of a glyph
    int max_reach_px = 300;  // farther than this, the rule was not meant to go on
    int touch_px = 5;        // an end this close to a crossing rule meets it
    // A rule that meets a crossing rule goes on beyond it as dashes when,
    // up to the next crossing rule, ink lies on its row (within on_px of it)
    // along min_dashed of the way, and beside it (from beside_from_px to
    // beside_to_px off the row) along at most max_beside.
    int on_px = 2;
    int beside_from_px = 6, beside_to_px = 12;
    double min_dashed = 0.5, max_beside = 0.1;

    // Relative to the page's resolution: a quarter inch, an inch.
    static RuleEndOptions for_dpi(double dpi) {
        RuleEndOptions o;
        o.min_length_px = int(dpi / 4);
        o.max_reach_px = int(dpi);
        o.touch_px = std::max(2, int(dpi / 60));
        o.on_px = std::max(1, int(dpi / 150));
        o.beside_from_px = std::max(3, int(dpi / 50));
        o.beside_to_px = std::max(6, int(dpi / 25));
        return o;
    }
};

// Extends, in place, every rule piece of `lines` at least min_length long
// whose end meets no crossing rule, up to the rule it reaches within
// max_reach: another piece in line with it, or a crossing rule when the
// piece's other end meets one (a lone stroke anchored nowhere, such as the
// edge of a seal, is left alone). With the page's `ink` (255 = ink, without
// grain), a stretch that strokes of text cross is not bridged: it runs
// through a cell's text, not along a faded rule; and an end that meets a
// crossing rule is carried on to the next one where the rule goes on
// beyond it as dashes too short and too far apart to be found as a rule
// (a photocopy's rule broken twice within one cell), with paper beside.
void join_broken_rules(LineMasks& lines, const RuleEndOptions& opt, const cv::Mat& ink = {});

}  // namespace nianbao

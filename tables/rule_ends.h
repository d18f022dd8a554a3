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

    // Relative to the page's resolution: a quarter inch, an inch.
    static RuleEndOptions for_dpi(double dpi) {
        return {int(dpi / 4), int(dpi), std::max(2, int(dpi / 60))};
    }
};

// Extends, in place, every rule piece of `lines` at least min_length long
// whose end meets no crossing rule, up to the rule it reaches within
// max_reach: another piece in line with it, or a crossing rule when the
// piece's other end meets one (a lone stroke anchored nowhere, such as the
// edge of a seal, is left alone). With the page's `ink` (255 = ink, without
// grain), a stretch that strokes of text cross is not bridged: it runs
// through a cell's text, not along a faded rule.
void join_broken_rules(LineMasks& lines, const RuleEndOptions& opt, const cv::Mat& ink = {});

}  // namespace nianbao

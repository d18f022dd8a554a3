#pragma once
// Rules followed along their grey ridge. On a photocopy a rule fades over
// part of its length: what the threshold keeps of it is a few pieces, and
// the cells it parts run into one another. Where the threshold lost it the
// rule is still there as a thin line darker than the paper on both sides of
// it; a piece is carried on along that ridge for as long as it lasts.

#include <algorithm>

#include <opencv2/core.hpp>

#include "tables/lines.h"

namespace nianbao {

struct FaintRuleOptions {
    int min_length_px = 50;  // shorter pieces may be a stroke of a glyph
    int along_px = 4;        // the ridge is averaged over this far either side of a point
    int side_px = 4;         // paper measured in bands this thick on either side of the rule
    int max_gap_px = 30;     // a rule cut for longer than this has ended
    int min_contrast = 12;   // grey levels by which the ridge is darker than both sides
    int touch_px = 5;        // an end this close to a crossing rule meets it
    int anchored_length_px = 100;  // a piece this long is a rule, not a dash printed in a cell

    // Relative to the page's resolution; a gap of a tenth of an inch (2.5 mm)
    // is bridged.
    static FaintRuleOptions for_dpi(double dpi) {
        return {int(dpi / 6), std::max(1, int(dpi / 75)), std::max(2, int(dpi / 75)), int(dpi / 10), 12,
                std::max(2, int(dpi / 60)), int(dpi / 3)};
    }
};

// Extends, in place, each rule piece of `lines` at least min_length long
// whose end meets no crossing rule, along the ridge `gray` (the page the
// lines were found on) shows beyond that end — unless strokes of its `ink`
// (255 = ink, without grain) cross the way: a line of text darkens a row
// between lighter ones too.
void follow_faint_rules(LineMasks& lines, const cv::Mat& gray, const cv::Mat& ink, const FaintRuleOptions& opt);

}  // namespace nianbao

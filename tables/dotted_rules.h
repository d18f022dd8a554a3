#pragma once
// Rules that the scan left as a row of dots. A rule faded along its whole
// length — a hairline on a fax, a photocopy's pale rule between two rows —
// has no solid piece for the line finder to start from, nor for
// follow_faint_rules to carry on; what the threshold keeps of it is a
// trail of specks, and the two rows it parts are read as one cell ("0|0").
//
// Dense trails (specks a few pixels apart, a photocopy's) close up into a
// thin straight line with paper on both sides, which no line of text is.
// Sparse ones (a dot every few millimetres, a fax's) are judged stretch by
// stretch between the crossing rules they would meet: short specks on the
// row all along, paper beside it, and far more specks on the row than
// beside it, which grain does not give.

#include <algorithm>

#include <opencv2/core.hpp>

#include "tables/lines.h"

namespace nianbao {

struct DottedRuleOptions {
    int gap_px = 12;        // specks of one rule lie at most this far apart
    int min_length_px = 75; // a shorter trail may be the strokes of a few glyphs
    int max_thickness_px = 4;
    int clear_from_px = 3;  // the paper beside the trail is looked at from this far off...
    int clear_to_px = 9;    // ...to this far
    double max_beside = 0.3; // share of its length with ink beside it: more, it is the foot of a line of text
    double min_on = 0.2;     // share of its length with ink on it: less, it is a trail of grain
    int glyph_px = 12;       // a mark on the trail standing this high is a glyph, not a speck...
    double max_glyphs = 0.5; // ...and a trail with more of its ink in glyphs, no one of them more, is the feet of a line of type
    // Sparse trails:
    int touch_px = 5;          // an end this close to a crossing rule meets it
    int sparse_gap_px = 60;    // specks of a sparse trail lie at most this far apart
    int max_speck_px = 20;     // and are at most this long along it
    int max_reach_px = 900;    // the crossing rules it runs between are at most this far apart
    int chunk_px = 50;         // the trail is looked for in stretches this long...
    double min_specked = 0.5;  // ...and has specks in at least this share of them,
    int min_specks = 3;        // and in this many at least
    double max_beside_sparse = 0.1;  // share of its length with ink beside it
    double min_row_contrast = 3.0;   // columns with a speck on the row, per column with ink beside it
    double min_speck_share = 0.08;   // share of its length with a speck on the row
    double dense_share = 0.15;       // with specks along this share of it...
    double dense_row_contrast = 2.0; // ...this contrast is enough

    // Relative to the page's resolution (the defaults are for 300 dpi).
    static DottedRuleOptions for_dpi(double dpi) {
        DottedRuleOptions o;
        o.gap_px = std::max(3, int(dpi / 25));
        o.min_length_px = std::max(12, int(dpi / 4));
        o.max_thickness_px = std::max(2, int(dpi / 75));
        o.clear_from_px = std::max(1, int(dpi / 100));
        o.clear_to_px = std::max(3, int(dpi / 33));
        o.glyph_px = std::max(4, int(dpi / 25));
        o.touch_px = std::max(2, int(dpi / 60));
        o.sparse_gap_px = int(dpi / 5);
        o.max_speck_px = std::max(4, int(dpi / 15));
        o.max_reach_px = int(dpi * 3);
        o.chunk_px = std::max(8, int(dpi / 6));
        return o;
    }
};

// Adds to `lines` the dotted rules of `ink` (255 = ink, grain and all: the
// specks of a faded rule are grain-sized) that lie clear of the rules
// already found.
void find_dotted_rules(LineMasks& lines, const cv::Mat& ink, const DottedRuleOptions& opt);

}  // namespace nianbao

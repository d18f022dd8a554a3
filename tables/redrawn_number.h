#pragma once
// A number-shaped line redrawn for a last reading. A photocopy's digits come
// with specks and smudges about them, larger than the dots cell_ink drops
// (a toner blot beside a 0, a streak over a 1); both readers then make a
// character of the whole (0 as 过汐, 1 as 上) or nothing. Redrawn with only
// the marks as tall as its digits, scaled up to the height the models read
// best, the line reads as its number far more often.

#include <opencv2/core.hpp>

namespace nianbao {

struct RedrawnNumber {
    cv::Mat image;  // black on white with a white margin; empty when no mark is left
    int marks = 0;  // separate marks kept: 1 is read as a single character
};

// `ink`: 255 where the line has ink (specks already dropped by cell_ink) at
// `dpi`. The marks kept are those at least half as tall as the tallest and
// of a sixth of its area or more: a digit's, not a speck's. A minus sign or
// a decimal point goes too, so the reading is only ever a guess to review.
// Nothing is redrawn when the tallest mark is lower than a digit of small
// print: a dash printed for "none", scaled up, reads as a 7.
RedrawnNumber redrawn_from_ink(const cv::Mat& ink, double dpi, int digit_height);

// The same marks cut from the line's grey picture (`gray`, of any size;
// `ink` is scaled to it), the paper around them whitened: where thresholding
// fattened a faint digit into a blob, its grey strokes still read.
RedrawnNumber redrawn_from_gray(const cv::Mat& gray, const cv::Mat& ink, double dpi, int digit_height);

}  // namespace nianbao

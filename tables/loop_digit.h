#pragma once
// Which of the looped digits 0, 6, 8 and 9 a printed glyph is, from where
// its loops lie: an 0's loop spans its height, a 9's is its upper part, a
// 6's its lower, an 8 has two. On a photocopy both OCR readers take a 0 with
// a speck on it for a 9 or a 6; the loops of the glyph itself say otherwise.

#include <optional>

#include <opencv2/core.hpp>

namespace nianbao {

// `ink`: 255 where the crop of one printed number has ink. The digit its
// largest connected shape's loops say, if that shape has loops and they
// fit one of 0, 6, 8, 9; nothing otherwise (no loop: 1, 2, 3, 5, 7; a
// loop broken open by a faded stroke).
std::optional<char> loop_digit(const cv::Mat& ink);

// Whether the ink prints one glyph as tall as a digit (specks beside it
// are far smaller), with one loop from its top to its foot: a 0 and no
// other digit (a 4's closed triangle ends at two thirds of its height).
bool lone_zero(const cv::Mat& ink);

}  // namespace nianbao

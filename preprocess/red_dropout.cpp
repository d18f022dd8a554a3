#include "preprocess/red_dropout.h"

#include <stdexcept>

namespace nianbao {

cv::Mat gray_without_red(const cv::Mat& colour) {
    if (colour.channels() == 1) return colour;
    if (colour.channels() != 3 && colour.channels() != 4)
        throw std::invalid_argument("gray_without_red: " + std::to_string(colour.channels()) + " channels");
    cv::Mat red;
    cv::extractChannel(colour, red, 2);
    return red;
}

}  // namespace nianbao

#include "preprocess/binarize.h"

#include <opencv2/imgproc.hpp>

namespace nianbao {

cv::Mat ink_of_rendering(const cv::Mat& gray) {
    cv::Mat ink;
    // Shaded cells render at about 210 grey; rules and text near 0.
    cv::threshold(gray, ink, 160, 255, cv::THRESH_BINARY_INV);
    return ink;
}

cv::Mat ink_of_scan(const cv::Mat& gray, double dpi) {
    cv::Mat ink;
    // A window of about a quarter inch follows uneven paper while staying
    // larger than a character's strokes.
    int window = int(dpi / 4) | 1;
    cv::adaptiveThreshold(gray, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, window, 15);
    return ink;
}

}  // namespace nianbao

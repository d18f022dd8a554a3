#pragma once
// Pages scanned sideways or upside down, and pages fed in at a slant, turned
// upright before any line is looked for: the line finder expects rules that
// run along the pixel rows and columns.

#include <memory>

#include <opencv2/core.hpp>

namespace tesseract {
class TessBaseAPI;
}

namespace nianbao {

// Tesseract's orientation and script detection (the osd model).
class OrientationDetector {
public:
    OrientationDetector();
    ~OrientationDetector();
    OrientationDetector(const OrientationDetector&) = delete;
    OrientationDetector& operator=(const OrientationDetector&) = delete;

    // Degrees clockwise the page must be turned to be upright: 0, 90, 180
    // or 270; 0 when the detector is not confident. Throws if the osd
    // model is missing.
    int upright_turn(const cv::Mat& gray, double dpi);

private:
    // Loaded on first use: most pages are turned by their table
    // (tables/page_turn.h), and loading it costs a tenth of a second.
    tesseract::TessBaseAPI& api();
    std::unique_ptr<tesseract::TessBaseAPI> api_;
};

cv::Mat turned(const cv::Mat& gray, int degrees_clockwise);

// The turn, in degrees counter-clockwise, that lays the page's rules and text
// lines flat: within ±max_degrees, to about 0.05°.
double straightening_degrees(const cv::Mat& gray, double dpi, double max_degrees = 4.0);

// The page turned by `degrees` counter-clockwise about its centre, with
// paper-white corners.
cv::Mat straightened(const cv::Mat& gray, double degrees);

}  // namespace nianbao

#include "preprocess/orientation.h"

#include <cmath>
#include <stdexcept>

#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>

#include "preprocess/binarize.h"

namespace nianbao {

OrientationDetector::OrientationDetector() = default;

tesseract::TessBaseAPI& OrientationDetector::api() {
    if (api_) return *api_;
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    if (api->Init(nullptr, "osd", tesseract::OEM_DEFAULT) != 0)
        throw std::runtime_error("Tesseract cannot load the 'osd' model (is tesseract-ocr-osd installed?)");
    api->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    api->SetVariable("debug_file", "/dev/null");
    api_ = std::move(api);
    return *api_;
}

OrientationDetector::~OrientationDetector() {
    if (api_) api_->End();
}

int OrientationDetector::upright_turn(const cv::Mat& gray, double dpi) {
    // OSD needs only a modest resolution; it is slow on a full 300 dpi page.
    cv::Mat small;
    const double scale = std::min(1.0, 150.0 / dpi);
    cv::resize(gray, small, {}, scale, scale, cv::INTER_AREA);
    tesseract::TessBaseAPI& osd = api();
    osd.SetImage(small.data, small.cols, small.rows, 1, int(small.step));
    osd.SetSourceResolution(150);
    int degrees = 0;
    float confidence = 0;
    const char* script = nullptr;
    float script_confidence = 0;
    if (!osd.DetectOrientationScript(&degrees, &confidence, &script, &script_confidence)) return 0;
    // Tesseract reports how far the page is turned clockwise; below about 2
    // its guess is no better than the page as it is.
    if (confidence < 2.0f) return 0;
    return (360 - degrees % 360) % 360;
}

cv::Mat turned(const cv::Mat& gray, int degrees_clockwise) {
    cv::Mat out;
    switch ((degrees_clockwise % 360 + 360) % 360) {
        case 90: cv::rotate(gray, out, cv::ROTATE_90_CLOCKWISE); break;
        case 180: cv::rotate(gray, out, cv::ROTATE_180); break;
        case 270: cv::rotate(gray, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        default: out = gray;
    }
    return out;
}

namespace {

// How sharply the ink falls into rows when the page is turned by `degrees`:
// the variance of the row sums peaks when rules and text lines lie flat.
double row_sharpness(const cv::Mat& ink, double degrees) {
    const cv::Point2f centre(ink.cols / 2.0f, ink.rows / 2.0f);
    cv::Mat rotated;
    cv::warpAffine(ink, rotated, cv::getRotationMatrix2D(centre, degrees, 1.0), ink.size(), cv::INTER_NEAREST);
    cv::Mat rows;
    cv::reduce(rotated, rows, 1, cv::REDUCE_SUM, CV_64F);
    cv::Scalar mean, stddev;
    cv::meanStdDev(rows, mean, stddev);
    return stddev[0] * stddev[0];
}

}  // namespace

double straightening_degrees(const cv::Mat& gray, double dpi, double max_degrees) {
    // 75 dpi keeps a rule's slant visible and the search cheap.
    cv::Mat small;
    const double scale = std::min(1.0, 75.0 / dpi);
    cv::resize(gray, small, {}, scale, scale, cv::INTER_AREA);
    const cv::Mat ink = ink_of_scan(small, dpi * scale);
    double best = 0, best_score = row_sharpness(ink, 0);
    for (double step : {0.5, 0.1, 0.05}) {
        const double centre = best;
        for (double a = centre - (step == 0.5 ? max_degrees : step * 5); a <= centre + (step == 0.5 ? max_degrees : step * 5) + 1e-9;
             a += step) {
            const double s = row_sharpness(ink, a);
            if (s > best_score) {
                best_score = s;
                best = a;
            }
        }
    }
    return best;
}

cv::Mat straightened(const cv::Mat& gray, double degrees) {
    // Below this the line finder copes with the slant (measured on the
    // light300 level: straightening 0.3° cost more cells than it saved);
    // interpolating would only blur the glyphs.
    if (std::abs(degrees) < 0.5) return gray;
    const cv::Point2f centre(gray.cols / 2.0f, gray.rows / 2.0f);
    cv::Mat out;
    cv::warpAffine(gray, out, cv::getRotationMatrix2D(centre, degrees, 1.0), gray.size(), cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT, cv::Scalar(255));
    return out;
}

}  // namespace nianbao

#include "tables/region_parts.h"

#include <cstdlib>

namespace nianbao {
namespace {

// Below this share of its bounding box a region is not one rectangle: a
// cell with a rule's stub poking into it still fills well over 0.9.
constexpr double rectangular_fill = 0.8;

// Bands of rows of `mask` whose ends agree, as rectangles.
std::vector<cv::Rect> row_bands(const cv::Mat& mask, int min_side, int tolerance) {
    std::vector<cv::Rect> out;
    int top = -1, left = 0, right = 0, lo = 0, hi = 0;
    const auto close = [&](int end) {
        if (top >= 0 && end - top >= min_side && hi - lo + 1 >= min_side) out.push_back({lo, top, hi - lo + 1, end - top});
        top = -1;
    };
    for (int y = 0; y < mask.rows; ++y) {
        const uchar* p = mask.ptr<uchar>(y);
        int l = 0, r = mask.cols - 1;
        while (l < mask.cols && !p[l]) ++l;
        while (r >= 0 && !p[r]) --r;
        if (l > r) { close(y); continue; }
        if (top >= 0 && (std::abs(l - left) > tolerance || std::abs(r - right) > tolerance)) close(y);
        if (top < 0) { top = y; left = lo = l; right = hi = r; }
        lo = std::min(lo, l);
        hi = std::max(hi, r);
    }
    close(mask.rows);
    return out;
}

}  // namespace

double fill(const cv::Mat& mask, const cv::Rect& r) {
    return r.area() > 0 ? double(cv::countNonZero(mask(r))) / double(r.area()) : 0.0;
}

std::vector<cv::Rect> rectangular_parts(const cv::Mat& mask, int min_side, int tolerance) {
    const cv::Rect whole(0, 0, mask.cols, mask.rows);
    if (fill(mask, whole) >= rectangular_fill) return {whole};
    std::vector<cv::Rect> out;
    for (const cv::Rect& band : row_bands(mask, min_side, tolerance)) {
        if (fill(mask, band) >= rectangular_fill) {
            out.push_back(band);
            continue;
        }
        // Not yet a rectangle: the same cut across, on the transposed band.
        for (const cv::Rect& t : row_bands(cv::Mat(mask(band).t()), min_side, tolerance)) {
            const cv::Rect part(band.x + t.y, band.y + t.x, t.height, t.width);
            if (fill(mask, part) >= rectangular_fill) out.push_back(part);
        }
    }
    return out;
}

}  // namespace nianbao

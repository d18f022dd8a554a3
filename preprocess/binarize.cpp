#include "preprocess/binarize.h"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace nianbao {

cv::Mat ink_of_rendering(const cv::Mat& gray) {
    cv::Mat ink;
    // Shaded cells render at about 210 grey; rules and text near 0.
    cv::threshold(gray, ink, 160, 255, cv::THRESH_BINARY_INV);
    return ink;
}

namespace {

int median_grey(const cv::Mat& gray) {
    long count[256] = {0};
    for (int y = 0; y < gray.rows; ++y) {
        const uchar* p = gray.ptr<uchar>(y);
        for (int x = 0; x < gray.cols; ++x) ++count[p[x]];
    }
    long seen = 0;
    for (int v = 0; v < 256; ++v)
        if ((seen += count[v]) * 2 >= long(gray.total())) return v;
    return 255;
}

}  // namespace

cv::Mat ink_strokes(const cv::Mat& ink, double dpi) {
    cv::Mat out;
    const int k = std::max(2, int(dpi / 100));
    cv::morphologyEx(ink, out, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
    return out;
}

cv::Mat beyond_paper(const cv::Mat& gray, double dpi) {
    cv::Mat beyond = cv::Mat::zeros(gray.size(), CV_8UC1);
    if (gray.empty()) return beyond;
    // At about 40 dpi the noise of the paper is averaged out.
    const double scale = std::min(1.0, 40.0 / dpi);
    cv::Mat small;
    cv::resize(gray, small, {}, scale, scale, cv::INTER_AREA);
    const int paper = median_grey(small);
    // Near-white paper has no edge that could pass for ink; grey paper, even
    // where its uneven lighting makes it brightest, stays well below the
    // white around it.
    if (paper > 240) return beyond;
    cv::Mat bright = small > paper + (255 - paper) * 2 / 3;
    // Only what reaches the image's border lies beyond the paper: a white
    // cell inside the page is paper.
    cv::Mat labels;
    const int n = cv::connectedComponents(bright, labels, 4, CV_32S);
    std::vector<uchar> at_border(size_t(n), 0);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x)
            if (y == 0 || x == 0 || y == labels.rows - 1 || x == labels.cols - 1)
                at_border[size_t(labels.at<int>(y, x))] = 1;
    at_border[0] = 0;  // not bright
    cv::Mat small_beyond(small.size(), CV_8UC1);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x) small_beyond.at<uchar>(y, x) = at_border[size_t(labels.at<int>(y, x))] ? 255 : 0;
    cv::resize(small_beyond, beyond, gray.size(), 0, 0, cv::INTER_NEAREST);
    return beyond;
}

cv::Mat ink_of_scan(const cv::Mat& gray, double dpi) {
    cv::Mat ink;
    // A window of about a quarter inch follows uneven paper while staying
    // larger than a character's strokes.
    int window = int(dpi / 4) | 1;
    cv::adaptiveThreshold(gray, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, window, 15);
    // Grey paper beside the white beyond its edge is darker than their mean:
    // a long straight "rule" along every side of the page that would join
    // the tables into one frame. Nothing is printed that close to the edge.
    cv::Mat edge = beyond_paper(gray, dpi);
    const int reach = window + int(dpi / 20);
    cv::dilate(edge, edge, cv::getStructuringElement(cv::MORPH_RECT, {2 * reach + 1, 2 * reach + 1}));
    ink.setTo(0, edge);
    return ink;
}

}  // namespace nianbao

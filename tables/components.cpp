#include "tables/components.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <opencv2/imgproc.hpp>

namespace nianbao {

int connected_components(const cv::Mat& binary, cv::Mat& labels, cv::Mat& stats, int connectivity) {
    const int n = cv::connectedComponents(binary, labels, connectivity, CV_32S);
    stats.create(n, cv::CC_STAT_MAX, CV_32S);
    std::vector<int> x0(size_t(n), labels.cols), y0(size_t(n), labels.rows), x1(size_t(n), -1), y1(size_t(n), -1);
    std::vector<int> area(size_t(n), 0);
    for (int y = 0; y < labels.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        const uchar* b = binary.ptr<uchar>(y);
        for (int x = 0; x < labels.cols; ++x) {
            // Eight pixels of background at a time: most of a mask is empty.
            if (uint64_t eight; x + 8 <= labels.cols && (std::memcpy(&eight, b + x, 8), eight == 0)) {
                x += 7;
                continue;
            }
            const int i = l[x];
            if (i == 0) continue;
            x0[size_t(i)] = std::min(x0[size_t(i)], x);
            x1[size_t(i)] = std::max(x1[size_t(i)], x);
            y0[size_t(i)] = std::min(y0[size_t(i)], y);
            y1[size_t(i)] = y;  // rows come in order
            ++area[size_t(i)];
        }
    }
    for (int i = 0; i < n; ++i) {
        int* s = stats.ptr<int>(i);
        if (i == 0) {
            s[cv::CC_STAT_LEFT] = s[cv::CC_STAT_TOP] = 0;
            s[cv::CC_STAT_WIDTH] = labels.cols;
            s[cv::CC_STAT_HEIGHT] = labels.rows;
            s[cv::CC_STAT_AREA] = int(labels.total());
            continue;
        }
        s[cv::CC_STAT_LEFT] = x0[size_t(i)];
        s[cv::CC_STAT_TOP] = y0[size_t(i)];
        s[cv::CC_STAT_WIDTH] = x1[size_t(i)] - x0[size_t(i)] + 1;
        s[cv::CC_STAT_HEIGHT] = y1[size_t(i)] - y0[size_t(i)] + 1;
        s[cv::CC_STAT_AREA] = area[size_t(i)];
    }
    return n;
}

void clear_components(cv::Mat& mask, const cv::Mat& labels, const std::vector<uchar>& drop) {
    for (int y = 0; y < mask.rows; ++y) {
        const int* l = labels.ptr<int>(y);
        uchar* p = mask.ptr<uchar>(y);
        for (int x = 0; x < mask.cols; ++x)
            if (drop[size_t(l[x])]) p[x] = 0;
    }
}

}  // namespace nianbao

// Our connected components against OpenCV's own statistics.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tables/components.h"

namespace nianbao {
namespace {

// Rules, glyph-like blobs, specks and a hollow frame, some touching the
// image's border and some only diagonally.
cv::Mat mixed_ink() {
    cv::Mat ink = cv::Mat::zeros(300, 421, CV_8UC1);
    cv::line(ink, {0, 20}, {420, 20}, 255, 2);
    cv::line(ink, {50, 0}, {50, 299}, 255, 1);
    cv::rectangle(ink, cv::Rect(100, 100, 80, 60), 255, 3);
    cv::circle(ink, {300, 200}, 25, 255, cv::FILLED);
    cv::RNG rng(7);
    for (int i = 0; i < 400; ++i) ink.at<uchar>(rng.uniform(0, 300), rng.uniform(0, 421)) = 255;
    ink.at<uchar>(250, 10) = ink.at<uchar>(251, 11) = 255;  // joined by a corner only
    return ink;
}

TEST(Components, SameLabelsAndBoxesAsOpenCV) {
    for (const cv::Mat& ink : {mixed_ink(), cv::Mat(255 - mixed_ink())})
        for (int connectivity : {4, 8}) {
            cv::Mat l1, s1, centroids, l2, s2;
            const int n1 = cv::connectedComponentsWithStats(ink, l1, s1, centroids, connectivity, CV_32S);
            const int n2 = connected_components(ink, l2, s2, connectivity);
            ASSERT_EQ(n1, n2);
            EXPECT_EQ(cv::countNonZero(l1 != l2), 0);
            EXPECT_EQ(cv::countNonZero(s1.rowRange(1, n1) != s2.rowRange(1, n2)), 0);
        }
}

TEST(Components, ClearsOnlyTheMarkedOnes) {
    cv::Mat ink = mixed_ink(), labels, stats;
    const int n = connected_components(ink, labels, stats, 8);
    std::vector<uchar> drop(size_t(n), 0);
    for (int i = 1; i < n; ++i) drop[size_t(i)] = stats.at<int>(i, cv::CC_STAT_AREA) < 10;
    cv::Mat expected = ink.clone();
    for (int i = 1; i < n; ++i)
        if (drop[size_t(i)]) expected.setTo(0, labels == i);
    clear_components(ink, labels, drop);
    EXPECT_EQ(cv::countNonZero(ink != expected), 0);
}

}  // namespace
}  // namespace nianbao

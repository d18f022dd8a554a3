#include "tables/dash_mark.h"

#include "tables/components.h"

namespace nianbao {

bool only_a_dash(const cv::Mat& ink, double dpi) {
    // In points: the report fonts' digits stand 6-8 tall and 4-6 wide; an
    // em dash is as long as the font is large (9-12). A photocopied dash
    // with toner fused to it (photocopy150 r027) stands up to 4.5; a faxed
    // 2 whose hairline curve was too faint for the ink leaves its foot, a
    // bar 4-5 long (fax200 r022), so a hyphen is not told from it.
    const double px = dpi / 72.0;
    const double bar = 7.0 * px, digit = 5.0 * px;
    cv::Mat labels, stats;
    const int n = connected_components(ink, labels, stats, 8);
    int largest = 0;
    for (int i = 1; i < n; ++i) {
        if (stats.at<int>(i, cv::CC_STAT_HEIGHT) >= digit) return false;
        if (largest == 0 || stats.at<int>(i, cv::CC_STAT_AREA) > stats.at<int>(largest, cv::CC_STAT_AREA)) largest = i;
    }
    if (largest == 0) return false;
    const cv::Rect b = component_box(stats, largest);
    return b.width >= bar && b.width >= 2 * b.height;
}

}  // namespace nianbao

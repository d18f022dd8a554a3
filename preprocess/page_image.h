#pragma once
// Page images given directly (PNG, JPEG, TIFF including multi-page TIFF).

#include <filesystem>
#include <vector>

#include <opencv2/core.hpp>

namespace nianbao {

struct PageImage {
    cv::Mat gray;    // 8-bit, one channel
    double dpi = 0;  // as stored in the file when known, else estimated from an A4 page
};

// PNG, JPEG or TIFF by the file's first bytes, whatever its name.
bool looks_like_page_image(const std::filesystem::path& path);

// The pages of an image file (a multi-page TIFF has several), or of a folder
// of page images taken in name order (report/001.png, report/002.png …).
// Throws InputError: damaged, not_pdf (a folder without images), too_many_pages.
std::vector<PageImage> load_page_images(const std::filesystem::path& path, int max_pages);

}  // namespace nianbao

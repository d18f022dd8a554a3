#include "preprocess/page_image.h"

#include <algorithm>
#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "preprocess/red_dropout.h"
#include "src/errors.h"

namespace nianbao {
namespace {

std::string head_bytes(const std::filesystem::path& path, size_t n) {
    std::ifstream in(path, std::ios::binary);
    std::string head(n, '\0');
    in.read(head.data(), std::streamsize(n));
    head.resize(size_t(in.gcount()));
    return head;
}

// Scans rarely carry a trustworthy resolution; reports are A4, so the short
// side of the page is 8.27 inches.
double estimated_dpi(const cv::Mat& m) { return std::min(m.cols, m.rows) / 8.27; }

cv::Mat to_gray(const cv::Mat& m) {
    cv::Mat bytes = m;
    if (m.depth() != CV_8U) m.convertTo(bytes, CV_8U, m.depth() == CV_16U ? 1.0 / 257 : 1.0);
    return gray_without_red(bytes);
}

}  // namespace

bool looks_like_page_image(const std::filesystem::path& path) {
    const std::string h = head_bytes(path, 8);
    return h.starts_with("\x89PNG") || h.starts_with("\xFF\xD8\xFF") || h.starts_with("II*") || h.starts_with("MM\0*");
}

namespace {

std::vector<cv::Mat> decode(const std::filesystem::path& path) {
    std::vector<cv::Mat> mats;
    bool ok = false;
    try {
        ok = cv::imreadmulti(path.string(), mats, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception&) {
        ok = false;
    }
    if (!ok || mats.empty()) throw InputError(ExitCode::damaged, path.string() + ": damaged image (cannot be decoded)");
    return mats;
}

}  // namespace

std::vector<PageImage> load_page_images(const std::filesystem::path& path, int max_pages) {
    std::vector<cv::Mat> mats;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        std::vector<std::filesystem::path> files;
        for (const auto& e : std::filesystem::directory_iterator(path, ec))
            if (e.is_regular_file() && looks_like_page_image(e.path())) files.push_back(e.path());
        if (files.empty()) throw InputError(ExitCode::not_pdf, path.string() + ": a folder with no page images");
        std::sort(files.begin(), files.end());
        for (const auto& f : files)
            for (auto& m : decode(f)) mats.push_back(std::move(m));
    } else {
        mats = decode(path);
    }
    if (int(mats.size()) > max_pages)
        throw InputError(ExitCode::too_many_pages, path.string() + ": " + std::to_string(mats.size()) +
                                                       " pages, over the limit of " + std::to_string(max_pages) +
                                                       " (raise it with --max-pages)");
    std::vector<PageImage> pages;
    for (const auto& m : mats) {
        PageImage p;
        p.gray = to_gray(m);
        p.dpi = estimated_dpi(p.gray);
        pages.push_back(std::move(p));
    }
    return pages;
}

}  // namespace nianbao

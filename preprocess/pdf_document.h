#pragma once
// A PDF opened with poppler-cpp, validated up front so that every way an input
// can be bad surfaces as one InputError with its own exit status.

#include <filesystem>
#include <memory>

#include <opencv2/core.hpp>

#include "preprocess/page_text.h"

namespace poppler {
class document;
}

namespace nianbao {

class PdfDocument {
public:
    // Throws InputError: unreadable, not_pdf, damaged, encrypted, no_pages,
    // too_many_pages.
    static PdfDocument open(const std::filesystem::path& path, int max_pages);

    PdfDocument(PdfDocument&&) noexcept;
    PdfDocument& operator=(PdfDocument&&) noexcept;
    ~PdfDocument();

    int page_count() const;
    // Page size in points, after the page's own /Rotate.
    std::pair<double, double> page_size(int page) const;
    PageText text(int page) const;                      // 1-based page
    // 8-bit, one channel. Sharp (no anti-aliasing) suits the line finder;
    // smooth suits OCR, like a scanner's grey levels.
    cv::Mat render_gray(int page, double dpi, bool smooth = false) const;
    // Smooth grey as a scanner gives it, with red seal ink dropped out
    // (preprocess/red_dropout.h): for pages read by OCR.
    cv::Mat render_scan(int page, double dpi) const;

private:
    explicit PdfDocument(std::unique_ptr<poppler::document> doc, std::filesystem::path path);
    std::unique_ptr<poppler::document> doc_;
    std::filesystem::path path_;
};

}  // namespace nianbao

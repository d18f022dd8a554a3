#include "preprocess/pdf_document.h"

#include <fstream>
#include <string>

#include <poppler-document.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include "preprocess/red_dropout.h"
#include "src/errors.h"

namespace nianbao {
namespace {

std::string read_head_and_tail(const std::filesystem::path& path, std::string& tail) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(ExitCode::unreadable, path.string() + ": cannot open file");
    std::string head(1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    in.clear();
    in.seekg(0, std::ios::end);
    const auto size = static_cast<long long>(in.tellg());
    const long long tail_len = std::min<long long>(size, 2048);
    in.seekg(size - tail_len);
    tail.assign(static_cast<size_t>(tail_len), '\0');
    in.read(tail.data(), tail_len);
    return head;
}

// Poppler reconstructs a cut-off file silently and returns whatever pages it
// can; a user must hear that the file is incomplete instead.
void check_is_complete_pdf(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw InputError(ExitCode::unreadable, path.string() + ": no such file");
    std::string tail;
    const std::string head = read_head_and_tail(path, tail);
    if (head.empty()) throw InputError(ExitCode::damaged, path.string() + ": file is empty");
    if (head.find("%PDF-") == std::string::npos)
        throw InputError(ExitCode::not_pdf, path.string() + ": not a PDF (no %PDF- header)");
    if (tail.find("%%EOF") == std::string::npos)
        throw InputError(ExitCode::damaged, path.string() + ": truncated PDF (no %%EOF end marker)");
}

}  // namespace

PdfDocument::PdfDocument(std::unique_ptr<poppler::document> doc, std::filesystem::path path)
    : doc_(std::move(doc)), path_(std::move(path)) {}
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;
PdfDocument::~PdfDocument() = default;

PdfDocument PdfDocument::open(const std::filesystem::path& path, int max_pages) {
    check_is_complete_pdf(path);
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
    if (!doc) throw InputError(ExitCode::damaged, path.string() + ": damaged PDF (cannot be parsed)");
    if (doc->is_locked())
        throw InputError(ExitCode::encrypted, path.string() + ": encrypted PDF (needs a password)");
    const int pages = doc->pages();
    if (pages <= 0) throw InputError(ExitCode::no_pages, path.string() + ": PDF has no pages");
    if (pages > max_pages)
        throw InputError(ExitCode::too_many_pages, path.string() + ": " + std::to_string(pages) +
                                                       " pages, over the limit of " + std::to_string(max_pages) +
                                                       " (raise it with --max-pages)");
    return PdfDocument(std::move(doc), path);
}

int PdfDocument::page_count() const { return doc_->pages(); }

namespace {
std::unique_ptr<poppler::page> load_page(poppler::document& doc, int page, const std::filesystem::path& path) {
    std::unique_ptr<poppler::page> p(doc.create_page(page - 1));
    if (!p) throw InputError(ExitCode::damaged, path.string() + ": page " + std::to_string(page) + " cannot be read");
    return p;
}
}  // namespace

std::pair<double, double> PdfDocument::page_size(int page) const {
    const auto p = load_page(*doc_, page, path_);
    const auto r = p->page_rect(poppler::media_box);
    const bool turned = p->orientation() == poppler::page::landscape || p->orientation() == poppler::page::seascape;
    return turned ? std::pair{r.height(), r.width()} : std::pair{r.width(), r.height()};
}

PageText PdfDocument::text(int page) const {
    const auto p = load_page(*doc_, page, path_);
    PageText out;
    out.page = page;
    std::tie(out.width, out.height) = page_size(page);
    for (const auto& word : p->text_list()) {
        const poppler::ustring u = word.text();
        // One glyph per UTF-16 unit: the report's characters are all in the
        // BMP, and char_bbox counts the same units.
        for (size_t i = 0; i < u.size(); ++i) {
            const poppler::rectf r = word.char_bbox(i);
            Glyph g;
            const poppler::byte_array utf8 = poppler::ustring(1, u[i]).to_utf8();
            g.text.assign(utf8.begin(), utf8.end());
            while (!g.text.empty() && g.text.back() == '\0') g.text.pop_back();
            if (g.text.empty() || g.text == " ") continue;
            g.box = {r.left(), r.top(), r.right(), r.bottom()};
            out.glyphs.push_back(std::move(g));
        }
    }
    return out;
}

namespace {

poppler::image render(poppler::document& doc, int page, double dpi, bool smooth, poppler::image::format_enum format,
                      const std::filesystem::path& path) {
    const auto p = load_page(doc, page, path);
    poppler::page_renderer renderer;
    // Without anti-aliasing a hairline rule is one solid dark pixel wide,
    // which is what the line finder wants; glyph edges do not matter.
    renderer.set_render_hints(smooth ? poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing |
                                           poppler::page_renderer::text_hinting
                                     : 0);
    renderer.set_image_format(format);
    poppler::image img = renderer.render_page(p.get(), dpi, dpi);
    if (!img.is_valid())
        throw InputError(ExitCode::damaged, path.string() + ": page " + std::to_string(page) + " cannot be rendered");
    return img;
}

cv::Mat view_of(const poppler::image& img, int type) {
    return cv::Mat(img.height(), img.width(), type, const_cast<char*>(img.const_data()),
                   static_cast<size_t>(img.bytes_per_row()));
}

}  // namespace

cv::Mat PdfDocument::render_gray(int page, double dpi, bool smooth) const {
    const poppler::image img = render(*doc_, page, dpi, smooth, poppler::image::format_gray8, path_);
    return view_of(img, CV_8UC1).clone();
}

cv::Mat PdfDocument::render_scan(int page, double dpi) const {
    // BGR24 is OpenCV's BGR; poppler fills it with the same values as ARGB32
    // in a quarter less time (no alpha to composite and pack).
    const poppler::image img = render(*doc_, page, dpi, true, poppler::image::format_bgr24, path_);
    return gray_without_red(view_of(img, CV_8UC3)).clone();
}

}  // namespace nianbao

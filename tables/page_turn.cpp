#include "tables/page_turn.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "tables/cell_ocr.h"

namespace nianbao {
namespace {

constexpr double read_dpi = 200.0;  // as the cells are read later (cell_ocr.cpp)

// A cell worth reading for the page's direction: its inside without the
// rules, and how much ink it holds.
struct LongCell {
    cv::Mat image;    // its text on white, inside the rules
    cv::Rect ink_box;  // where the text's ink lies in `image`
    bool wide = false;
    int ink = 0;
};

std::vector<LongCell> long_cells(const cv::Mat& gray, double dpi, const std::vector<TableGrid>& grids) {
    // Labels stand in cells at least three times as long as they are high;
    // number cells are squarer and their digits tell little.
    const int inset = std::max(2, int(dpi * 0.02));
    const double min_side = dpi * 0.1;
    std::vector<LongCell> out;
    const cv::Rect page(0, 0, gray.cols, gray.rows);
    for (const auto& g : grids)
        for (const Box& b : g.cells) {
            const double w = b.width(), h = b.height();
            if (std::min(w, h) < min_side || std::max(w, h) < 3 * std::min(w, h)) continue;
            const cv::Rect r = cv::Rect(int(b.x0) + inset, int(b.y0) + inset, int(w) - 2 * inset, int(h) - 2 * inset) & page;
            if (r.width < 4 || r.height < 4) continue;
            // Grey paper and toner specks, read as they stand, made both
            // ways up about as unlikely and turned a photocopy's page over.
            CellInk text = cell_ink(gray(r), dpi);
            if (text.ink.empty()) continue;
            LongCell c;
            c.image = std::move(text.image);
            c.ink_box = cv::boundingRect(text.ink);
            c.wide = w > h;
            c.ink = cv::countNonZero(text.ink);
            out.push_back(std::move(c));
        }
    return out;
}

// The ink of a cell cut to about its first six characters along the
// cell: the direction shows in any few of them, and Tesseract's time grows
// with every one.
cv::Mat first_characters(const LongCell& c, double dpi) {
    const cv::Mat cut = c.image(c.ink_box);
    const int run = int(dpi * 0.9);  // six characters of 10.5 pt type
    return cut.cols > cut.rows ? cut.colRange(0, std::min(cut.cols, run)) : cut.rowRange(0, std::min(cut.rows, run));
}

// Mean symbol confidence of `crop` read as Chinese, turned `clockwise` first.
double reading_confidence(const cv::Mat& crop, int clockwise, double dpi, TesseractEngine& chinese) {
    cv::Mat t;
    switch (clockwise) {
        case 90: cv::rotate(crop, t, cv::ROTATE_90_CLOCKWISE); break;
        case 180: cv::rotate(crop, t, cv::ROTATE_180); break;
        case 270: cv::rotate(crop, t, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        default: t = crop;
    }
    const double scale = std::min(1.0, read_dpi / dpi);
    cv::Mat small, framed;
    cv::resize(t, small, {}, scale, scale, cv::INTER_AREA);
    cv::copyMakeBorder(small, framed, 20, 20, 20, 20, cv::BORDER_CONSTANT, 255);
    const auto symbols = chinese.symbols(framed, int(read_dpi));
    if (symbols.empty()) return 0;
    double sum = 0;
    for (const auto& s : symbols) sum += s.confidence;
    return sum / double(symbols.size());
}

}  // namespace

std::optional<int> table_upright_turn(const cv::Mat& gray, double dpi, const std::vector<TableGrid>& grids,
                                      TesseractEngine& chinese) {
    std::vector<LongCell> cells = long_cells(gray, dpi, grids);
    // The axis: where most of the long cells' ink lies along rows, the text
    // does too. A clear majority only: a table of tall merged cells and
    // narrow headers leaves it open.
    long wide_ink = 0, tall_ink = 0;
    for (const auto& c : cells) (c.wide ? wide_ink : tall_ink) += c.ink;
    if (wide_ink + tall_ink == 0) return std::nullopt;
    bool wide;
    if (wide_ink >= 3 * tall_ink) wide = true;
    else if (tall_ink >= 3 * wide_ink) wide = false;
    else return std::nullopt;
    std::erase_if(cells, [&](const LongCell& c) { return c.wide != wide; });
    // The few inkiest cells are labels of several characters.
    std::sort(cells.begin(), cells.end(), [](const LongCell& a, const LongCell& b) { return a.ink > b.ink; });
    if (cells.size() > 4) cells.resize(4);
    if (cells.size() < 2) return std::nullopt;
    // Read each cell along the axis both ways: the way that lays a tall
    // cell's text flat, turned clockwise, is the page's turn. Upright cells
    // read 0.1-0.25 more confident than turned half round (measured on the
    // bench levels); two cells that agree by that margin settle it,
    // otherwise all four are read.
    const int forward = wide ? 0 : 90, backward = forward + 180;
    double ahead = 0;
    int votes_forward = 0, votes_backward = 0, read = 0, clear = 0, lean_forward = 0, lean_backward = 0;
    int above = 0, below = 0;  // cells reading better one way or the other, by however little
    for (const auto& c : cells) {
        const cv::Mat crop = first_characters(c, dpi);
        const double d = reading_confidence(crop, forward, dpi, chinese) - reading_confidence(crop, backward, dpi, chinese);
        ahead += d;
        ++read;
        votes_forward += d > 0.05;
        votes_backward += d < -0.05;
        clear += std::abs(d) >= 0.08;
        lean_forward += d >= 0.02;
        lean_backward += d <= -0.02;
        above += d > 0;
        below += d < 0;
        if (read == 2 && clear == 2 && (votes_forward == 2 || votes_backward == 2)) break;
    }
    if (read < 2) return std::nullopt;
    ahead /= double(read);
    // A small lead, or cells that disagree, is no evidence — unless three
    // cells or more all lean the same way: a faxed page reads poorly either
    // way up (leads of 0.04-0.1), and OSD, asked instead, turned such an
    // upright page upside down.
    const bool unanimous = read >= 3 && (lean_forward == read || lean_backward == read);
    const double needed = unanimous ? 0.05 : 0.08;
    if (ahead >= needed && votes_backward == 0) return forward;
    if (ahead <= -needed && votes_forward == 0) return backward;
    // Four cells that all read better one way, one of them clearly (a fax
    // page upright: 0.13, 0.01, 0.003, 0.035), settle it too; OSD, asked
    // instead, turned that page upside down.
    if (read >= 3 && clear >= 1 && (above == read || below == read)) return above == read ? forward : backward;
    return std::nullopt;
}

}  // namespace nianbao

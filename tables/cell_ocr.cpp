#include "tables/cell_ocr.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include <opencv2/imgproc.hpp>

#include "tables/cell_value.h"
#include "tables/components.h"
#include "tables/dash_mark.h"
#include "tables/loop_digit.h"
#include "tables/lost_rules.h"
#include "tables/redrawn_number.h"

namespace nianbao {
namespace {

// Ink greyer than this is faded: a photocopy's is about 130.
constexpr int faded_ink_grey = 120;

// Tesseract's models read best at about this resolution; scaling a 300 dpi
// scan down to it also makes the reading faster.
constexpr double ocr_dpi = 200.0;

// One text line of a cell, cut out and scaled for reading.
struct CellCrop {
    cv::Mat image;
    bool digits_only_shape = false;
    std::vector<cv::Range> marks;  // columns of `image` with ink, white between them
    cv::Mat ink;                   // the line's ink at the page's resolution, specks dropped
    cv::Rect at;                   // where the line stands on the page, in its pixels
};

// The runs of columns of `ink` that hold ink, runs less than `min_gap`
// columns apart taken as one.
std::vector<cv::Range> inked_columns(const cv::Mat& ink, int min_gap) {
    cv::Mat columns;
    cv::reduce(ink, columns, 0, cv::REDUCE_MAX);
    std::vector<cv::Range> runs;
    for (int x = 0; x < columns.cols; ++x) {
        if (columns.at<uchar>(0, x) == 0) continue;
        if (runs.empty() || x - runs.back().end >= min_gap) runs.push_back({x, x + 1});
        else runs.back().end = x + 1;
    }
    return runs;
}

// Printed digits stand apart, so a number has at least as many characters as
// its line has separate runs of ink (touching digits make fewer runs, never
// more). A reading with fewer characters than runs has dropped one: 11 read
// as 1, the minus of -7 lost.
std::vector<cv::Range> ink_runs(const cv::Mat& line_ink, double scale, int width) {
    std::vector<cv::Range> runs = inked_columns(line_ink, 1);
    for (auto& r : runs) {
        r.start = std::clamp(int(r.start * scale), 0, width - 1);
        r.end = std::clamp(int(std::ceil(r.end * scale)), r.start + 1, width);
    }
    return runs;
}

// The marks of a crop set apart by white, so that a reader which ran two
// narrow digits together (11 as 1) or took a minus for noise sees each.
cv::Mat spread_marks(const CellCrop& c) {
    const int gap = std::max(8, c.image.rows / 2), margin = 20;
    int width = 2 * margin;
    for (const auto& m : c.marks) width += m.size() + gap;
    cv::Mat canvas(c.image.rows + 2 * margin, width, CV_8UC1, cv::Scalar(255));
    int x = margin;
    for (const auto& m : c.marks) {
        c.image.colRange(m).copyTo(canvas(cv::Rect(x, margin, m.size(), c.image.rows)));
        x += m.size() + gap;
    }
    return canvas;
}

// The page without its rules, so that a cell's crop holds only its text.
cv::Mat without_rules(const cv::Mat& gray, const LineMasks& rules, double dpi) {
    cv::Mat mask = rules.horizontal | rules.vertical;
    const int grow = std::max(1, int(dpi / 100));
    cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_RECT, {2 * grow + 1, 2 * grow + 1}));
    cv::Mat clean = gray.clone();
    clean.setTo(255, mask);
    return clean;
}

// Grey levels of a cell; most of a cell is paper, so the median is the
// paper's grey.
struct Histogram {
    long count[256] = {0};
    long total = 0;

    explicit Histogram(const cv::Mat& gray) : total(long(gray.total())) {
        for (int y = 0; y < gray.rows; ++y) {
            const uchar* p = gray.ptr<uchar>(y);
            for (int x = 0; x < gray.cols; ++x) ++count[p[x]];
        }
    }

    // The grey below which `share` of the pixels darker than `limit` lie.
    int dark_level(int limit, double share) const {
        long dark = 0;
        for (int v = 0; v < limit; ++v) dark += count[v];
        long seen = 0;
        for (int v = 0; v < limit; ++v)
            if ((seen += count[v]) >= share * double(dark)) return v;
        return 0;
    }

    int median() const {
        long seen = 0;
        for (int v = 0; v < 256; ++v)
            if ((seen += count[v]) * 2 >= total) return v;
        return 255;
    }
};

// Real ink is much darker than the paper around it; a blank cell's darkest
// pixels are noise, speckle or JPEG ringing, a little darker at most. A
// single small digit in a wide cell is a few hundred pixels at 300 dpi.
// A photocopy's faded digit is paler: twice as many pixels a little less
// dark count too (toner specks pass either way; cell_ink drops them).
bool has_ink(const Histogram& hist, double dpi) {
    const int paper = hist.median();
    long dark = 0, pale = 0;
    for (int v = 0; v < paper - 45; ++v) (v < paper - 60 ? dark : pale) += hist.count[v];
    const long needed = std::max(12L, long(dpi * dpi / 1600));
    return dark >= needed || dark + pale >= 2 * needed;
}

// A band lower than any line of text (5 pt; digits of 8 pt type stand
// 6 pt high) and close to the next is a piece of a glyph that the scan
// broke — the top of a 2 whose thin diagonal faded on a fax, read alone as
// 宁 or 只 over an empty line — and is joined to it.
void join_broken_glyphs(std::vector<cv::Rect>& lines, double dpi) {
    const int low = int(dpi * 5 / 72), near = int(dpi / 30);
    for (size_t i = 0; i + 1 < lines.size();) {
        const bool piece = std::min(lines[i].height, lines[i + 1].height) < low;
        if (piece && lines[i + 1].y - lines[i].br().y <= near) {
            lines[i] |= lines[i + 1];
            lines.erase(lines.begin() + std::ptrdiff_t(i) + 1);
        } else {
            ++i;
        }
    }
}

// The text lines of a cell: bands of rows with ink, split at empty rows. A
// stack of single lines reads better than cells of two or three lines,
// which Tesseract tends to merge into one.
std::vector<cv::Rect> text_lines(const cv::Mat& ink, int min_gap, double dpi) {
    std::vector<cv::Rect> lines;
    int start = -1, blank = 0;
    for (int y = 0; y <= ink.rows; ++y) {
        const bool inked = y < ink.rows && cv::countNonZero(ink.row(y)) > 0;
        if (inked) {
            if (start < 0) start = y;
            blank = 0;
        } else if (start >= 0 && (++blank >= min_gap || y == ink.rows)) {
            const int end = y - blank + 1;
            const cv::Rect band(0, start, ink.cols, end - start);
            const cv::Rect bounds = cv::boundingRect(ink(band));
            if (bounds.area() > 0) lines.push_back(bounds + band.tl());
            start = -1;
        }
    }
    join_broken_glyphs(lines, dpi);
    return lines;
}

// The cell with its paper turned white and its ink black. The crops are read
// on a white canvas; the grey paper of a photocopy (about 200) beside that
// white is the contrast Tesseract's own threshold keeps, so the whole crop
// came out black and every cell read blank. And a photocopy's faded ink
// (grey 130 on paper of 200) read as nothing, or as D for 0.
cv::Mat paper_white(const cv::Mat& cell, int paper, int ink) {
    cv::Mat out;
    const int span = std::max(1, paper - ink);
    cell.convertTo(out, CV_8U, 255.0 / span, -255.0 * ink / span);  // saturates beyond both
    return out;
}

// A line whose strokes are a pixel or two wide — a fax thresholded light,
// 9 pt type — fades to grey when scaled down for reading and reads as
// nothing or as other characters; its strokes are widened by a pixel first.
// Print of ordinary weight (three pixels and more at 300 dpi) is left alone.
cv::Mat legible(const cv::Mat& line, const cv::Mat& line_ink) {
    cv::Mat core;
    cv::erode(line_ink, core, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
    const int all = cv::countNonZero(line_ink);
    // Eroding 3 by 3 keeps a third of a 3 px stroke and none of a 2 px one.
    if (all == 0 || cv::countNonZero(core) * 7 >= all) return line;
    cv::Mat wider;
    cv::erode(line, wider, cv::getStructuringElement(cv::MORPH_RECT, {2, 2}));  // dark ink grows
    return wider;
}

// Toner specks and dust are dots like a decimal point or a 、, but a dot
// that belongs to the text stands between two characters of its line or
// over or under a stroke of one; one beside the text, or alone, is a speck. Left in, a speck
// reads as a . or , after a number, or as a line of its own that the reader
// fills with a guessed character.
void drop_stray_dots(cv::Mat& ink, double dpi) {
    const int dot = std::max(3, int(dpi / 25));  // a millimetre
    cv::Mat labels, stats;
    const int n = connected_components(ink, labels, stats, 8);
    std::vector<cv::Rect> glyphs, dots;
    std::vector<int> dot_label;
    for (int i = 1; i < n; ++i) {
        const cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                         stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
        // Round: a minus sign is as small, but long.
        if (r.width < dot && r.height < dot && std::max(r.width, r.height) <= 2 * std::min(r.width, r.height)) {
            dots.push_back(r);
            dot_label.push_back(i);
        } else {
            glyphs.push_back(r);
        }
    }
    std::vector<uchar> stray(size_t(n), 0);
    for (size_t d = 0; d < dots.size(); ++d) {
        const int cy = dots[d].y + dots[d].height / 2;
        bool left = false, right = false, within = false, minus = false;
        const cv::Rect& dr = dots[d];
        for (const cv::Rect& g : glyphs) {
            // Just before a character, at its middle and wider than high: a
            // short minus sign (a fax's ragged edges round it off).
            minus |= dr.width > dr.height && g.x >= dr.x + dr.width && g.x - (dr.x + dr.width) < g.height &&
                     cy > g.y + g.height / 4 && cy < g.y + g.height * 3 / 4;
            // In the glyph's line: within its height, or a little below it
            // (a decimal point or a 、 stands on the line).
            if (cy < g.y - g.height / 4 || cy > g.y + g.height + g.height / 4) continue;
            left |= g.x + g.width <= dots[d].x + 1;
            right |= g.x >= dots[d].x + dots[d].width - 1;
            // Over or under a stroke: a dot of the character itself, as
            // the two on top of 总.
            within |= g.x < dots[d].x + dots[d].width && dots[d].x < g.x + g.width;
        }
        stray[size_t(dot_label[d])] = !within && !minus && !(left && right);
    }
    clear_components(ink, labels, stray);
}

// A speck or a crumb of a rule on a line of its own, far lower and narrower
// than the cell's text, is no line of it: left in, it read as 】 or , under
// a number, which made a cell of two lines that no row took.
void drop_crumbs(std::vector<cv::Rect>& lines) {
    if (lines.size() < 2) return;
    int tallest = 0;
    for (const cv::Rect& l : lines) tallest = std::max(tallest, l.height);
    std::erase_if(lines, [&](const cv::Rect& l) { return l.height * 5 < tallest * 2 && l.width < tallest; });
}

// Specks far out along a line, a character's width and more from its text
// and lower than half of it, are no part of it: with them the line of a
// wide cell's number (1995 between toner specks across the cell) was too
// wide for a number and read as 区:1995. They go from the ink, and from the
// picture where the specks dropped go. A line of specks alone stays as it is.
void trim_far_specks(CellInk& cell, cv::Rect& line) {
    const cv::Mat band = cell.ink(line);
    const std::vector<cv::Range> groups = inked_columns(band, line.height);
    if (groups.size() < 2) return;
    std::vector<bool> speck(groups.size());
    size_t specks = 0;
    for (size_t i = 0; i < groups.size(); ++i) {
        const cv::Rect ink = cv::boundingRect(band.colRange(groups[i]));
        speck[i] = ink.height * 2 < line.height && groups[i].size() < line.height;
        specks += speck[i];
    }
    if (specks == 0 || specks == groups.size()) return;
    for (size_t i = 0; i < groups.size(); ++i) {
        if (!speck[i]) continue;
        cv::Mat part = cell.ink(line).colRange(groups[i]);
        cv::Mat gone;
        cv::dilate(part, gone, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
        cv::Mat dropped = cell.dropped(line).colRange(groups[i]);
        cv::bitwise_or(dropped, gone, dropped);
        part.setTo(0);
    }
    line = cv::boundingRect(cell.ink(line)) + line.tl();
}

std::vector<CellCrop> crop_cell(const cv::Mat& clean, const Box& px, double dpi) {
    std::vector<CellCrop> out;
    // Keep clear of the rules: their grey anti-aliased or blurred edges lie
    // just inside the cell and read as a 1 beside the number.
    const int inset = std::max(2, int(dpi / 60));
    const cv::Rect r = cv::Rect(int(px.x0) + inset, int(px.y0) + inset, int(px.width()) - 2 * inset,
                                int(px.height()) - 2 * inset) &
                       cv::Rect(0, 0, clean.cols, clean.rows);
    if (r.width <= 0 || r.height <= 0) return out;
    CellInk cell = cell_ink(clean(r), dpi);
    if (cell.ink.empty()) return out;
    const double scale = std::min(1.0, ocr_dpi / dpi);
    std::vector<cv::Rect> lines = text_lines(cell.ink, std::max(2, int(dpi / 75)), dpi);
    drop_crumbs(lines);
    for (cv::Rect& line : lines) trim_far_specks(cell, line);
    for (const cv::Rect& line : lines) {
        CellCrop c;
        // A number is one short line: wider than five characters' height it is a label.
        c.digits_only_shape = line.width <= 5 * line.height && line.height < dpi * 0.3;
        // In a number, what was dropped goes from the picture too: a speck
        // beside it left in grey still reads as a decimal point. A label of
        // several lines keeps its picture: whitened, the soft edges of its
        // strokes next to a dot taken for a speck made 总/计 read as 总/于.
        cv::Mat picture = cell.image(line);
        if (lines.size() == 1 && c.digits_only_shape) {
            picture = picture.clone();
            picture.setTo(255, cell.dropped(line));
        }
        cv::resize(scale < 1.0 ? legible(picture, cell.ink(line)) : picture, c.image, {}, scale, scale, cv::INTER_AREA);
        c.marks = ink_runs(cell.ink(line), scale, c.image.cols);
        c.ink = cell.ink(line);
        c.at = line + r.tl();
        out.push_back(std::move(c));
    }
    return out;
}

// A cell of the grid, or one of the cells whose rule faded that the grid
// ran into it (lost_rules.h), with its text lines.
struct CellPart {
    Box box;  // pixels
    std::vector<CellCrop> crops;
    int of = 1;  // how many cells the grid's cell was cut into
    Across cut = Across::rows;
};

// The marks of a line as tall and as wide as digits, those closer than half
// its height taken together (the digits of one number), in page pixels.
// Specks and a faded rule's crumbs are left out: lying where the rule was,
// they lie across the cut. None when a group is wider than a number of
// four digits: a label, such as a title row's 第二十条第（一）项, whose
// flat 一 left out split it in two.
std::vector<cv::Rect> digit_groups(const CellCrop& line) {
    std::vector<cv::Rect> groups;
    for (const cv::Range& r : inked_columns(line.ink, line.at.height / 2)) {
        const cv::Rect ink = cv::boundingRect(line.ink.colRange(r)) + cv::Point(r.start, 0);
        if (ink.width > 3 * line.at.height) return {};
        if (ink.height * 2 >= line.at.height && ink.width * 4 >= line.at.height) groups.push_back(ink + line.at.tl());
    }
    return groups;
}

std::vector<CellPart> cell_parts(const Box& cell, const std::vector<Box>& table, const cv::Mat& clean, double dpi) {
    std::vector<CellCrop> crops = crop_cell(clean, cell, dpi);
    std::vector<CellPart> parts;
    // Numbers on one line each, one under another: rows run together.
    const bool numbers = crops.size() >= 2 && std::all_of(crops.begin(), crops.end(), [](const CellCrop& c) { return c.digits_only_shape; });
    if (numbers) {
        std::vector<cv::Rect> lines;
        for (const CellCrop& c : crops) lines.push_back(c.at);
        const std::vector<double> cuts = lost_rules(cell, table, lines, dpi, Across::rows);
        if (!cuts.empty()) {
            double top = cell.y0;
            for (double y : cuts) {
                parts.push_back({Box{cell.x0, top, cell.x1, y}, {}, int(cuts.size()) + 1, Across::rows});
                top = y;
            }
            parts.push_back({Box{cell.x0, top, cell.x1, cell.y1}, {}, int(cuts.size()) + 1, Across::rows});
            for (CellCrop& c : crops) {
                size_t row = 0;
                for (double y : cuts) row += c.at.y >= y;
                parts[row].crops.push_back(std::move(c));
            }
            return parts;
        }
    }
    // A number is one group of marks: a part holding several is text spaced
    // out (a title row's characters standing apart under the columns).
    const auto one_group_a_part = [](const std::vector<cv::Rect>& groups, const std::vector<double>& cuts) {
        std::set<size_t> parts;
        for (const cv::Rect& g : groups) {
            size_t part = 0;
            for (double x : cuts) part += g.x >= x;
            if (!parts.insert(part).second) return false;
        }
        return true;
    };
    // One short line of marks standing under several columns: columns run
    // together; each part is cut out again.
    if (crops.size() == 1 && crops[0].at.height < dpi * 0.3) {
        const std::vector<cv::Rect> groups = digit_groups(crops[0]);
        const std::vector<double> cuts = lost_rules(cell, table, groups, dpi, Across::columns);
        if (!cuts.empty() && one_group_a_part(groups, cuts)) {
            double left = cell.x0;
            for (size_t i = 0; i <= cuts.size(); ++i) {
                const double right = i < cuts.size() ? cuts[i] : cell.x1;
                const Box b{left, cell.y0, right, cell.y1};
                parts.push_back({b, crop_cell(clean, b, dpi), int(cuts.size()) + 1, Across::columns});
                left = right;
            }
            return parts;
        }
    }
    parts.push_back({cell, std::move(crops)});
    return parts;
}

struct Slot {
    size_t crop;
    int y0, y1;
};

// White between two stacked crops: well over a line's height, so that the
// layout analysis never takes two crops for one line.
int gap_after(const cv::Mat& img) { return std::max(30, img.rows * 3 / 2); }

// The crops one under another.
cv::Mat stack(const std::vector<CellCrop>& crops, const std::vector<size_t>& which, std::vector<Slot>& slots) {
    int width = 0, height = 20;
    for (size_t i : which) {
        width = std::max(width, crops[i].image.cols);
        height += crops[i].image.rows + gap_after(crops[i].image);
    }
    cv::Mat canvas(height, width + 40, CV_8UC1, cv::Scalar(255));
    int y = 20;
    for (size_t i : which) {
        const cv::Mat& img = crops[i].image;
        img.copyTo(canvas(cv::Rect(20, y, img.cols, img.rows)));
        slots.push_back({i, y, y + img.rows});
        y += img.rows + gap_after(img);
    }
    return canvas;
}

// A crop with the white margin it needs to be read on its own.
cv::Mat alone(const CellCrop& crop) {
    cv::Mat out;
    cv::copyMakeBorder(crop.image, out, 20, 20, 20, 20, cv::BORDER_CONSTANT, 255);
    return out;
}

// Reads the stacked crops and hands each crop the symbols standing in it,
// with the runner-up readings when asked.
std::vector<OcrReading> read_stacked(TesseractEngine& engine, const std::vector<CellCrop>& crops,
                                     const std::vector<size_t>& which, bool runner_up) {
    std::vector<OcrReading> out(crops.size());
    if (which.empty()) return out;
    std::vector<Slot> slots;
    const cv::Mat canvas = stack(crops, which, slots);
    std::vector<std::vector<OcrSymbol>> per_crop(crops.size());
    for (OcrSymbol& s : engine.symbols(canvas, int(ocr_dpi), runner_up)) {
        const int cy = s.box.y + s.box.height / 2;
        for (const Slot& slot : slots)
            if (cy >= slot.y0 - 4 && cy <= slot.y1 + 4) {
                auto& list = per_crop[slot.crop];
                if (list.empty()) s.starts_line = false;
                list.push_back(std::move(s));
                break;
            }
    }
    for (size_t i : which) {
        out[i] = reading_of(per_crop[i]);
        // Now and then the layout analysis drops a line of the stack; read
        // such a crop on its own rather than lose it. (As a raw line it read
        // a clean 维持 Tesseract's block mode found nothing in, but garbled
        // more labels than it saved: the light300 fixture lost a row.)
        if (per_crop[i].empty()) out[i] = engine.read(alone(crops[i]), int(ocr_dpi), runner_up);
    }
    return out;
}

// Characters of the CJK block (in UTF-8, lead bytes E4..E9).
long han_count(const std::string& s) {
    return std::count_if(s.begin(), s.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b >= 0xE4 && b <= 0xE9;
    });
}

// Characters of a reading, spaces and line breaks aside (UTF-8 lead bytes).
int symbol_count(const std::string& s) {
    return int(std::count_if(s.begin(), s.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return c != ' ' && c != '\n' && (b & 0xC0) != 0x80;
    }));
}

// A reading without its spaces and line breaks.
std::string compact(std::string text) {
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n'; });
    return text;
}

bool reads_as_number(const OcrReading& r) { return parse_value(compact(r.text)).kind == ParsedValue::number; }

}  // namespace

namespace {

// A cell of the page: where its fragment keeps it, and its text lines.
struct CellLines {
    size_t fragment, cell;
    std::vector<size_t> crops;  // into the list of all line crops
};

// The number both readers see in the crop read on its own, or "" when they
// do not agree on one.
std::string read_alone_by_both(CellReaders& readers, const CellCrop& crop) {
    const cv::Mat image = alone(crop);
    OcrReading a = readers.chinese.read(image, int(ocr_dpi)), b = readers.digits.read(image, int(ocr_dpi));
    for (OcrReading* r : {&a, &b}) r->text = compact(r->text);
    return reads_as_number(a) && a.text == b.text ? a.text : "";
}

// A reading that may be a misread 0: one of the letters a 0 is taken for,
// or — when the crop prints a single mark — any one character or nothing (a
// photocopied 0 with specks on its edge read as 人 or 小). Value cells hold
// no Chinese, and the template's labels have two characters at least.
bool may_be_zero(const std::string& text, const CellCrop& crop) {
    static const std::set<std::string> letters{"O", "o", "D", "Q", "C", "G", "U", "口", "日", "〇"};
    return letters.count(compact(text)) > 0 || (crop.marks.size() == 1 && symbol_count(text) <= 1);
}

// The crop read on its own at twice its size: small faded digits, which the
// readers' own thresholds break up, keep their strokes. Empty unless it
// reads as a number.
OcrReading read_larger(TesseractEngine& engine, const CellCrop& crop) {
    CellCrop larger;
    cv::resize(crop.image, larger.image, {}, 2.0, 2.0, cv::INTER_CUBIC);
    OcrReading r = engine.read(alone(larger), int(ocr_dpi));
    r.text = compact(r.text);
    if (!reads_as_number(r)) r.text.clear();
    return r;
}

// The crop read with its marks set apart: empty unless it reads as a number
// with a character for every mark.
OcrReading read_mark_by_mark(TesseractEngine& engine, const CellCrop& crop) {
    OcrReading r = engine.read(spread_marks(crop), int(ocr_dpi));
    std::erase(r.text, ' ');
    if (!reads_as_number(r) || symbol_count(r.text) != int(crop.marks.size())) r.text.clear();
    return r;
}

// The number the crop reads as redrawn without its specks (redrawn_number.h):
// first from its ink, then from its grey picture. What both readers read,
// or what the one that reads a number at all reads with some confidence;
// nothing where they disagree. On the photocopied corpus readings that
// disagreed were nearly all wrong, and a blank cell's grain, redrawn, read
// as a digit by one reader at under 70 %.
constexpr double lone_reading_confidence = 0.7;

OcrReading read_redrawn(CellReaders& readers, const CellCrop& crop, double dpi) {
    const RedrawnNumber pictures[] = {redrawn_from_ink(crop.ink, dpi, 32), redrawn_from_gray(crop.image, crop.ink, dpi, 24)};
    for (const RedrawnNumber& p : pictures) {
        if (p.image.empty()) continue;
        const int mode = p.marks == 1 ? 10 : 7;  // a single character, or one line
        OcrReading a = readers.chinese.read_as(p.image, int(ocr_dpi), mode, "0123456789");
        OcrReading b = readers.digits.read_as(p.image, int(ocr_dpi), mode, "0123456789");
        for (OcrReading* r : {&a, &b}) r->text = compact(r->text);
        const bool in_a = reads_as_number(a), in_b = reads_as_number(b);
        if (in_a && in_b) return a.text == b.text ? a : OcrReading{};
        if (in_a || in_b) return (in_a ? a : b).confidence >= lone_reading_confidence ? (in_a ? a : b) : OcrReading{};
    }
    return {};
}

// The reading replaced by `text` that the cell's shapes say, in doubt: why
// goes to the doubt, the reading to the front of the alternatives.
void take_instead(OcrReading& r, std::string& doubt, const std::string& text, const std::string& why) {
    if (!doubt.empty()) doubt += "; ";
    doubt += why;
    r.alternatives.insert(r.alternatives.begin(), r.text);
    r.text = text;
    r.confidence = std::min(r.confidence, 0.5);
}

// A lone 0, 6, 8 or 9 whose loops say another of them (a 0 with a speck on
// it read as 9 by both readers, and no check to catch it) goes to review.
// When the loops say 0, the 0 is taken: a speck adds a tail or a stroke, it
// does not open a loop, and no 6, 8 or 9 has one loop spanning it (on the
// photocopied and faxed corpus, 116 of 116 cells so taken were 0s, 8 of
// them with no 0 among the readers' alternatives). Specks can close a
// loop: a 9 whose loops say 8 is left as read.
void second_look_at_loops(const CellCrop& crop, OcrReading& r, std::string& doubt) {
    if (reads_as_number(r) && r.text != "0" && lone_zero(crop.ink)) {
        // Any other number read from one glyph shaped as only a 0 is (a
        // clean 0 with a speck beside it read as 7, 1, 4 or 70 by both
        // readers): a 0, in doubt.
        std::erase(r.alternatives, std::string("0"));
        take_instead(r, doubt, "0", "read '" + r.text + "' but it prints one glyph, shaped as a 0; taken as 0");
        return;
    }
    if (r.text.size() != 1 || std::string("0689").find(r.text[0]) == std::string::npos) return;
    const auto shape = loop_digit(crop.ink);
    if (!shape || *shape == r.text[0]) return;
    const std::string said(1, *shape);
    if (!doubt.empty()) doubt += "; ";
    doubt += "read '" + r.text + "' but its loops are those of a " + said;
    r.confidence = std::min(r.confidence, 0.5);
    std::erase(r.alternatives, said);
    if (*shape == '0') {
        r.alternatives.insert(r.alternatives.begin(), r.text);
        r.text = said;
        doubt += ", taken";
    } else {
        r.alternatives.insert(r.alternatives.begin(), said);  // for the reviewer
    }
}

OcrReading joined(const std::vector<OcrReading>& readings, const std::vector<size_t>& lines) {
    OcrReading out;
    out.confidence = 1.0;
    for (size_t i : lines) {
        if (!out.text.empty()) out.text += '\n';
        out.text += readings[i].text;
        out.confidence = std::min(out.confidence, readings[i].confidence);
        for (const auto& alt : readings[i].alternatives) out.alternatives.push_back(alt);
    }
    return out;
}

}  // namespace

CellInk cell_ink(const cv::Mat& gray_cell, double dpi) {
    CellInk out;
    const Histogram hist(gray_cell);
    if (!has_ink(hist, dpi)) return out;
    const int paper = hist.median();
    // The ink's own grey: the darkest quarter of what is clearly darker than
    // paper (has_ink's test) — the cores of the strokes. Faded ink turns
    // black; print of ordinary darkness is left as it was (made darker, the
    // garbled headers of a real office scan read otherwise garbled).
    const int cores = hist.dark_level(paper - 60, 0.25);
    const int ink_grey = cores > faded_ink_grey ? cores : 0;
    const cv::Mat cell = paper_white(gray_cell, paper, ink_grey);
    cv::Mat ink;
    cv::threshold(cell, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    const cv::Mat thresholded = ink.clone();
    // Specks smaller than a dot of a character are noise, not ink; a thin
    // sliver along the border is what is left of a rule.
    const int min_area = std::max(2, int(dpi * dpi / 20000));
    const int sliver = std::max(2, int(dpi / 100));
    cv::Mat labels, stats;
    const int n = connected_components(ink, labels, stats, 8);
    std::vector<uchar> noise(size_t(n), 0);
    for (int i = 1; i < n; ++i) {
        const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const bool at_border = x == 0 || y == 0 || x + w == ink.cols || y + h == ink.rows;
        const bool thin = (w <= sliver && h > 3 * w) || (h <= sliver && w > 3 * h);
        noise[size_t(i)] = stats.at<int>(i, cv::CC_STAT_AREA) < min_area || (at_border && thin);
    }
    clear_components(ink, labels, noise);
    drop_stray_dots(ink, dpi);
    if (cv::countNonZero(ink) == 0) return out;
    const int grow = std::max(1, int(dpi / 150));
    cv::dilate(thresholded & ~ink, out.dropped, cv::getStructuringElement(cv::MORPH_RECT, {2 * grow + 1, 2 * grow + 1}));
    out.dropped &= ~ink;
    out.image = cell;
    out.ink = std::move(ink);
    return out;
}

std::vector<TableFragment> read_scanned_cells(const cv::Mat& gray, double dpi, const LineMasks& rules,
                                              const std::vector<TableGrid>& grids, int page, CellReaders& readers,
                                              StageTimes* times) {
    std::optional<StageClock> clock(std::in_place, times, "cells: cutting out");
    const double px_to_pt = 72.0 / dpi;
    const cv::Mat clean = without_rules(gray, rules, dpi);
    std::vector<TableFragment> fragments;
    std::vector<CellCrop> crops;
    std::vector<CellLines> cells;
    for (size_t t = 0; t < grids.size(); ++t) {
        TableFragment f;
        f.page = page;
        f.box = grids[t].box.scaled(px_to_pt);
        for (const Box& grid_cell : grids[t].cells) {
            for (CellPart& part : cell_parts(grid_cell, grids[t].cells, clean, dpi)) {
                TextCell cell;
                cell.page = page;
                cell.box = part.box.scaled(px_to_pt);
                cell.at = cell.box;
                cell.source = "ocr";
                cell.confidence = 1.0;  // blank unless ink is found
                if (part.of > 1)
                    cell.doubt = "one of " + std::to_string(part.of) + " cells the scan ran together where a " +
                                 (part.cut == Across::rows ? "row rule faded, cut at the rules beside it"
                                                           : "column rule faded, cut at the rules above and below it");
                CellLines lines{t, f.cells.size(), {}};
                f.cells.push_back(cell);
                for (CellCrop& crop : part.crops) {
                    lines.crops.push_back(crops.size());
                    crops.push_back(std::move(crop));
                }
                if (!lines.crops.empty()) cells.push_back(std::move(lines));
            }
        }
        fragments.push_back(std::move(f));
    }

    // Every cell is read as Chinese; cells of one short line, which may be
    // numbers, are read again by the digit reader as a second opinion. The
    // numbers' alternatives are used. Labels and numbers stay in one stack:
    // read in a stack of their own, the numbers came out differently enough
    // to lose a check on the scanned hongze-2023 (tests/scan_test.cpp).
    std::vector<size_t> one_liners, all;
    for (const auto& c : cells) {
        if (c.crops.size() == 1 && crops[c.crops[0]].digits_only_shape) one_liners.push_back(c.crops[0]);
        all.insert(all.end(), c.crops.begin(), c.crops.end());
    }
    clock.emplace(times, "cells: digit reader");
    const auto digits = read_stacked(readers.digits, crops, one_liners, true);
    clock.emplace(times, "cells: Chinese reader");
    const auto chinese = read_stacked(readers.chinese, crops, all, true);
    clock.emplace(times, "cells: second looks");

    for (const auto& c : cells) {
        TextCell& cell = fragments[c.fragment].cells[c.cell];
        const size_t first = c.crops[0];
        OcrReading r;
        if (c.crops.size() == 1 && reads_as_number(chinese[first]) && reads_as_number(digits[first])) {
            // Two readers: the Chinese model reads the report fonts' digits
            // better (scripts/bench); where the digit model disagrees, the
            // value is in doubt.
            r = chinese[first];
            if (r.text != digits[first].text) {
                r.confidence = std::min(r.confidence, 0.5);
                r.alternatives.push_back(digits[first].text);
                // In the stack a line's neighbours sway the layout analysis
                // (a clean 0 read as 9 by one model and 10 by the other, a
                // page long); read alone, the crop is a line of its own. Where
                // both models then agree, that is the better guess; the cell
                // stays in doubt either way.
                const std::string agreed = read_alone_by_both(readers, crops[first]);
                if (!agreed.empty() && agreed != r.text) {
                    r.alternatives.insert(r.alternatives.begin(), r.text);
                    r.text = agreed;
                }
            }
        } else if (c.crops.size() == 1 && reads_as_number(digits[first]) && han_count(chinese[first].text) < 2) {
            // Only the digit reader sees a number, and the Chinese reader no
            // label (labels have two characters at least; a lone 工 or an O
            // is a misread 1 or 0): take the number, in doubt.
            r = digits[first];
            r.confidence = std::min(r.confidence, 0.5);
            r.alternatives.push_back(chinese[first].text);
        } else if (c.crops.size() == 1 && crops[first].digits_only_shape &&
                   han_count(chinese[first].text) < 2 && !(r = read_larger(readers.digits, crops[first])).text.empty()) {
            // Neither reader made a number of a number-shaped crop (a faded
            // photocopied 0 read as D by one, as nothing by the other): read
            // alone at twice the size, the digit reader may; in doubt.
            r.confidence = std::min(r.confidence, 0.5);
            r.alternatives.push_back(chinese[first].text);
        } else if (c.crops.size() == 1 && crops[first].digits_only_shape && may_be_zero(chinese[first].text, crops[first]) &&
                   loop_digit(crops[first].ink) == '0') {
            // A 0 the Chinese reader took for a letter (D, O, 口, 人) and
            // the digit reader could not read at all, whose one loop spans
            // it as a 0's does: a 0, in doubt.
            r = OcrReading{};
            r.text = "0";
            r.confidence = 0.5;
            r.alternatives.push_back(chinese[first].text);
            cell.doubt = "read '" + chinese[first].text + "'; its loop is a 0's";
        } else if (c.crops.size() == 1 && crops[first].digits_only_shape && crops[first].marks.size() >= 2 &&
                   han_count(chinese[first].text) < 2 && !(r = read_mark_by_mark(readers.digits, crops[first])).text.empty()) {
            // Neither reader made a number of a number-shaped crop of
            // separate marks (a photocopied 11 read as 了): read with the
            // marks set apart, the digit reader may, a character a mark; in doubt.
            cell.doubt = "read '" + chinese[first].text + "'; read mark by mark: '" + r.text + "'";
            r.confidence = std::min(r.confidence, 0.5);
            r.alternatives.push_back(chinese[first].text);
        } else if (c.crops.size() == 1 && crops[first].digits_only_shape && han_count(chinese[first].text) < 2 &&
                   !(r = read_redrawn(readers, crops[first], dpi)).text.empty()) {
            // Still no number from a number-shaped crop: specks about its
            // digits, larger than dots, garble it; redrawn without them it
            // may read. In doubt, as every reading of last resort.
            cell.doubt = "read '" + chinese[first].text + "'; redrawn without the specks about it: '" + r.text + "'";
            r.confidence = std::min(r.confidence, 0.5);
            r.alternatives.push_back(chinese[first].text);
        } else {
            r = joined(chinese, c.crops);
        }
        if (c.crops.size() == 1) second_look_at_loops(crops[first], r, cell.doubt);
        if (c.crops.size() == 1 && reads_as_number(r) && only_a_dash(crops[first].ink, dpi))
            take_instead(r, cell.doubt, "—", "read '" + r.text + "' but it prints only a dash");
        // A lone 0's specks beside it are marks of no character.
        const int marks = int(crops[first].marks.size());
        if (c.crops.size() == 1 && reads_as_number(r) && symbol_count(r.text) < marks && !lone_zero(crops[first].ink)) {
            cell.doubt = "read '" + r.text + "' but the cell prints " + std::to_string(marks) + " separate marks";
            // Read again with the marks set apart; a reading with a character
            // for every mark is the better guess, and the cell stays in review.
            const OcrReading spread = read_mark_by_mark(readers.digits, crops[first]);
            if (!spread.text.empty()) {
                cell.doubt += "; read mark by mark: '" + spread.text + "'";
                r.alternatives.insert(r.alternatives.begin(), r.text);
                r.text = spread.text;
            }
            r.confidence = std::min(r.confidence, 0.5);
        }
        cell.text = r.text;
        cell.confidence = r.confidence;
        cell.alternatives = r.alternatives;
    }
    return fragments;
}

std::string read_page_top(const cv::Mat& gray, double dpi, CellReaders& readers) {
    cv::Mat top;
    const double scale = std::min(1.0, ocr_dpi / dpi);
    cv::resize(gray(cv::Rect(0, 0, gray.cols, gray.rows / 4)), top, {}, scale, scale, cv::INTER_AREA);
    return readers.chinese.read(top, int(ocr_dpi)).text;
}

}  // namespace nianbao

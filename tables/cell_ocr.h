#pragma once
// Reading the cells of a scanned page with Tesseract. Cells are cut out with
// the rules whitened, stacked with white space between them into one image
// per engine, and read in one call each: a call per cell would pay Tesseract's
// fixed cost hundreds of times a page. Each symbol is mapped back to its cell
// by where it stands in the stack.

#include <vector>

#include <opencv2/core.hpp>

#include "preprocess/orientation.h"
#include "src/stage_times.h"
#include "tables/grid.h"
#include "tables/table.h"
#include "tables/tesseract_engine.h"

namespace nianbao {

// The readers of a thread: digits and Chinese for cells, and the page
// orientation detector.
struct CellReaders {
    TesseractEngine digits{{"eng", 6, "0123456789.-,"}};
    TesseractEngine chinese{{"chi_sim", 6, ""}};
    OrientationDetector orientation;
};

// A cell's text on white paper: `image` is the cell with its grey paper
// whitened, `ink` (255) what counts as the text's ink, `dropped` the specks
// and slivers of rules left out of it, with their soft edges. All empty when
// the cell holds no ink.
struct CellInk {
    cv::Mat image, ink, dropped;
};
CellInk cell_ink(const cv::Mat& gray_cell, double dpi);

// Cells of `grids` (pixels of `gray`) as fragments in points, with their text
// read by OCR: source "ocr", confidence the weakest symbol's.
std::vector<TableFragment> read_scanned_cells(const cv::Mat& gray, double dpi, const LineMasks& rules,
                                              const std::vector<TableGrid>& grids, int page, CellReaders& readers,
                                              StageTimes* times = nullptr);

// The printed lines of the top quarter of a page (where the title stands),
// read as Chinese: the report's identity for a scan without a text layer.
std::string read_page_top(const cv::Mat& gray, double dpi, CellReaders& readers);

}  // namespace nianbao

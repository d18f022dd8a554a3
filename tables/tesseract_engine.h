#pragma once
// One Tesseract instance, configured once, reading small crops. TessBaseAPI
// is not thread-safe: a thread owns its own engine.

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace tesseract {
class TessBaseAPI;
}

namespace nianbao {

struct OcrSymbol;

struct OcrReading {
    std::string text;                       // as recognised, '\n' between lines
    double confidence = 0;                  // 0..1: the weakest symbol's
    std::vector<std::string> alternatives;  // other readings the engine considered
};

// One recognised character and where it stands in the image read.
struct OcrSymbol {
    std::string text;
    std::string runner_up;   // the engine's second choice, "" if none
    double confidence = 0;   // 0..1
    cv::Rect box;
    bool starts_line = false;
};

struct OcrConfig {
    std::string language = "chi_sim";
    int page_seg_mode = 6;   // tesseract::PageSegMode: 6 block, 7 line, 8 word
    std::string whitelist;   // "" = every character of the model
};

// The text of `symbols`, the weakest one's confidence, and the reading with
// the least certain symbol replaced by its runner-up.
OcrReading reading_of(const std::vector<OcrSymbol>& symbols);

class TesseractEngine {
public:
    // Throws std::runtime_error if the model cannot be loaded.
    explicit TesseractEngine(const OcrConfig& config);
    ~TesseractEngine();
    TesseractEngine(const TesseractEngine&) = delete;
    TesseractEngine& operator=(const TesseractEngine&) = delete;

    // `gray` is an 8-bit crop with a white margin already around the ink.
    // The decoder's runner-up for each symbol (OcrSymbol::runner_up, hence
    // OcrReading::alternatives) costs a sixth of chi_sim's time: asked for
    // only where a reading's alternatives are used.
    OcrReading read(const cv::Mat& gray, int dpi, bool runner_up = false);
    // As read(), for this call only with another page-segmentation mode and
    // character list (the engine's own are restored after).
    OcrReading read_as(const cv::Mat& gray, int dpi, int page_seg_mode, const std::string& whitelist);
    // Every symbol with its box, in reading order.
    std::vector<OcrSymbol> symbols(const cv::Mat& gray, int dpi, bool runner_up = false);

private:
    std::unique_ptr<tesseract::TessBaseAPI> api_;
    OcrConfig config_;
    bool runner_up_ = false;
};

}  // namespace nianbao

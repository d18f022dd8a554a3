#include "tables/tesseract_engine.h"

#include <algorithm>
#include <stdexcept>

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

namespace nianbao {

TesseractEngine::TesseractEngine(const OcrConfig& config)
    : api_(std::make_unique<tesseract::TessBaseAPI>()), config_(config) {
    if (api_->Init(nullptr, config.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
        throw std::runtime_error("Tesseract cannot load the '" + config.language +
                                 "' model (is tesseract-ocr-" + config.language + " installed?)");
    api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(config.page_seg_mode));
    if (!config.whitelist.empty()) api_->SetVariable("tessedit_char_whitelist", config.whitelist.c_str());
    api_->SetVariable("debug_file", "/dev/null");
}

TesseractEngine::~TesseractEngine() {
    if (api_) api_->End();
}

std::vector<OcrSymbol> TesseractEngine::symbols(const cv::Mat& gray, int dpi, bool runner_up) {
    CV_Assert(gray.type() == CV_8UC1);
    if (runner_up != runner_up_) {
        // Per-symbol alternatives from the LSTM decoder.
        api_->SetVariable("lstm_choice_mode", runner_up ? "2" : "0");
        runner_up_ = runner_up;
    }
    const cv::Mat img = gray.isContinuous() ? gray : gray.clone();
    api_->SetImage(img.data, img.cols, img.rows, 1, int(img.step));
    api_->SetSourceResolution(dpi);
    std::vector<OcrSymbol> out;
    if (api_->Recognize(nullptr) != 0) return out;
    std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
    if (!it || it->Empty(tesseract::RIL_SYMBOL)) return out;
    do {
        std::unique_ptr<char[]> sym(it->GetUTF8Text(tesseract::RIL_SYMBOL));
        if (!sym) continue;
        OcrSymbol s;
        s.text = sym.get();
        s.confidence = std::max(0.0f, it->Confidence(tesseract::RIL_SYMBOL)) / 100.0;
        s.starts_line = it->IsAtBeginningOf(tesseract::RIL_TEXTLINE);
        int l, t, r, b;
        if (it->BoundingBox(tesseract::RIL_SYMBOL, &l, &t, &r, &b)) s.box = cv::Rect(l, t, r - l, b - t);
        tesseract::ChoiceIterator choice(*it);
        do {
            const char* c = choice.GetUTF8Text();
            if (c && s.text != c) { s.runner_up = c; break; }
        } while (choice.Next());
        out.push_back(std::move(s));
    } while (it->Next(tesseract::RIL_SYMBOL));
    return out;
}

OcrReading TesseractEngine::read(const cv::Mat& gray, int dpi, bool runner_up) {
    return reading_of(symbols(gray, dpi, runner_up));
}

OcrReading TesseractEngine::read_as(const cv::Mat& gray, int dpi, int page_seg_mode, const std::string& whitelist) {
    api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(page_seg_mode));
    api_->SetVariable("tessedit_char_whitelist", whitelist.c_str());
    OcrReading out = read(gray, dpi);
    api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(config_.page_seg_mode));
    api_->SetVariable("tessedit_char_whitelist", config_.whitelist.c_str());
    return out;
}

OcrReading reading_of(const std::vector<OcrSymbol>& symbols) {
    OcrReading out;
    if (symbols.empty()) return out;
    out.confidence = 1.0;
    size_t doubtful = symbols.size();
    for (size_t i = 0; i < symbols.size(); ++i) {
        if (symbols[i].starts_line && !out.text.empty()) out.text += '\n';
        out.text += symbols[i].text;
        out.confidence = std::min(out.confidence, symbols[i].confidence);
        if (!symbols[i].runner_up.empty() && (doubtful == symbols.size() || symbols[i].confidence < symbols[doubtful].confidence))
            doubtful = i;
    }
    if (doubtful < symbols.size()) {
        std::string alt;
        for (size_t i = 0; i < symbols.size(); ++i) {
            if (symbols[i].starts_line && !alt.empty()) alt += '\n';
            alt += i == doubtful ? symbols[i].runner_up : symbols[i].text;
        }
        out.alternatives.push_back(alt);
    }
    return out;
}

}  // namespace nianbao

#pragma once
// One report in, its statutory tables out: the stages in order.

#include <filesystem>
#include <algorithm>
#include <functional>
#include <thread>
#include <string>

#include "src/extraction.h"
#include "src/stage_times.h"

namespace nianbao {

struct ExtractOptions {
    int max_pages = 300;   // annual reports run to a few dozen pages
    std::filesystem::path models_dir = NIANBAO_MODELS_DIR;
    // Scanned pages read at once, each thread with its own Tesseract engines.
    int threads = std::max(1, int(std::thread::hardware_concurrency()));
    std::function<void(const std::string&)> progress;  // optional: a line per stage
    StageTimes* times = nullptr;                        // optional: CPU time per stage added here
};

// Throws InputError for bad input (see src/errors.h), std::exception otherwise.
Extraction extract_report(const std::filesystem::path& path, const ExtractOptions& options);

}  // namespace nianbao

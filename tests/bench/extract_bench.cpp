// CPU cost of extracting a born-digital report, beside a baseline on the same
// pages in the same run: poppler alone reading the text layer and rendering
// every page at the same resolution (what any tool must at least pay).
//
//   build/nianbao_bench --benchmark_filter=. [--benchmark_format=json]

#include <filesystem>
#include <vector>

#include <benchmark/benchmark.h>

#include "preprocess/pdf_document.h"
#include "src/pipeline.h"

namespace {

namespace fs = std::filesystem;

const std::vector<fs::path>& reports() {
    static const std::vector<fs::path> files = [] {
        std::vector<fs::path> out;
        for (const auto& e : fs::recursive_directory_iterator(fs::path(NIANBAO_SOURCE_DIR) / "fixtures"))
            if (e.path().extension() == ".pdf" && fs::exists(fs::path(e.path()).replace_extension(".truth.json")))
                out.push_back(e.path());
        std::sort(out.begin(), out.end());
        return out;
    }();
    return files;
}

void BM_Extract(benchmark::State& state) {
    const fs::path& f = reports()[size_t(state.range(0))];
    state.SetLabel(f.filename().string());
    int pages = 0;
    for (auto _ : state) {
        const auto ex = nianbao::extract_report(f, nianbao::ExtractOptions{});
        pages = ex.input.pages;
        benchmark::DoNotOptimize(ex.tables.size());
    }
    state.counters["pages"] = pages;
}

void BM_PopplerBaseline(benchmark::State& state) {
    const fs::path& f = reports()[size_t(state.range(0))];
    state.SetLabel(f.filename().string());
    for (auto _ : state) {
        const auto doc = nianbao::PdfDocument::open(f, 1000);
        for (int p = 1; p <= doc.page_count(); ++p) {
            benchmark::DoNotOptimize(doc.text(p).glyphs.size());
            benchmark::DoNotOptimize(doc.render_gray(p, 100).rows);
        }
    }
}

void all_reports(benchmark::internal::Benchmark* b) {
    for (size_t i = 0; i < reports().size(); ++i) b->Arg(int(i));
}

BENCHMARK(BM_Extract)->Apply(all_reports)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PopplerBaseline)->Apply(all_reports)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

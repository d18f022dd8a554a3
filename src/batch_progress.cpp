#include "src/batch_progress.h"

#include <cstdio>
#include <string>

namespace nianbao {

namespace {

std::string duration_text(double s) {
    char buf[32];
    const long t = static_cast<long>(s + 0.5);
    if (t >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t / 60) % 60);
    else std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
    return buf;
}

}  // namespace

BatchProgress::BatchProgress(std::ostream& out, int total, bool live, bool quiet)
    : out_(out), total_(total), live_(live), quiet_(quiet), start_(std::chrono::steady_clock::now()), last_(start_) {}

void BatchProgress::finished(bool ok, int pages) {
    ++done_;
    if (!ok) ++failed_;
    pages_ += pages;
}

void BatchProgress::tick() {
    if (quiet_) return;
    const auto now = std::chrono::steady_clock::now();
    const auto every = live_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(10000);
    if (now - last_ < every) return;
    last_ = now;
    print(false);
}

void BatchProgress::end() {
    if (quiet_ || total_ == 0) return;
    print(true);
}

void BatchProgress::print(bool final_line) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    char buf[200];
    std::snprintf(buf, sizeof buf, "batch: %d/%d documents, %.1f pages/s, %d failed, ", done_, total_,
                  elapsed > 0 ? static_cast<double>(pages_) / elapsed : 0.0, failed_);
    std::string line = buf;
    if (final_line) line += "took " + duration_text(elapsed);
    else if (done_ > 0) line += "ETA " + duration_text(elapsed / done_ * (total_ - done_));
    else line += "ETA unknown";
    if (live_) out_ << "\r\033[K" << line << (final_line ? "\n" : "") << std::flush;
    else out_ << "nianbao " << line << "\n" << std::flush;
}

}  // namespace nianbao

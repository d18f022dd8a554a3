#pragma once
// Progress of a batch on stderr: on a terminal one line redrawn in place
// (documents done/total, pages per second, ETA, failures); otherwise a plain
// line every so often, so that a log file stays readable.

#include <chrono>
#include <ostream>

namespace nianbao {

class BatchProgress {
public:
    // `total` documents to do in this run; `live` redraws one line in place.
    BatchProgress(std::ostream& out, int total, bool live, bool quiet);

    void finished(bool ok, int pages);
    // Redraws (live, at most 5 times a second) or prints a line (plain, every
    // 10 s); call it often.
    void tick();
    // The last progress line, ended; the live line is replaced, not left half.
    void end();

private:
    void print(bool final_line);
    std::ostream& out_;
    int total_;
    bool live_, quiet_;
    int done_ = 0, failed_ = 0;
    long long pages_ = 0;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace nianbao

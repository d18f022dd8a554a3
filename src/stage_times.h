#pragma once
// CPU time per stage of an extraction (`extract --timings`): where a scanned
// page's seconds go. Each thread's own CPU time, so pages read at once on
// two threads are not counted twice, and waiting for a lock costs nothing.

#include <map>
#include <string>

namespace nianbao {

struct StageTimes {
    std::map<std::string, double> seconds;  // stage → CPU seconds, all pages and threads
    void add(const StageTimes& other);
};

// The calling thread's CPU time in seconds.
double thread_cpu_seconds();

// Adds the CPU time of the thread from its construction to its destruction
// to one stage; does nothing without somewhere to add it.
class StageClock {
public:
    StageClock(StageTimes* times, std::string stage);
    ~StageClock();
    StageClock(const StageClock&) = delete;
    StageClock& operator=(const StageClock&) = delete;

private:
    StageTimes* times_;
    std::string stage_;
    double start_ = 0;
};

}  // namespace nianbao

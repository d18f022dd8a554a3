#include "src/stage_times.h"

#include <ctime>

namespace nianbao {

void StageTimes::add(const StageTimes& other) {
    for (const auto& [stage, s] : other.seconds) seconds[stage] += s;
}

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

StageClock::StageClock(StageTimes* times, std::string stage) : times_(times), stage_(std::move(stage)) {
    if (times_) start_ = thread_cpu_seconds();
}

StageClock::~StageClock() {
    if (times_) times_->seconds[stage_] += thread_cpu_seconds() - start_;
}

}  // namespace nianbao

#pragma once
// One extraction in a child process. A crash inside poppler or OpenCV cannot
// be caught in-process, and neither can a hang or a runaway allocation: a
// child that dies, hangs or is killed takes only its own document with it.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace nianbao {

struct ChildLimits {
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};  // then SIGKILL
    std::uint64_t memory_bytes = 0;                              // RLIMIT_AS; 0: no limit
};

struct ChildResult {
    std::optional<int> exit_code;  // nullopt when killed by a signal
    int signal = 0;                // the signal that ended it, if one did
    bool timed_out = false;        // we killed it at the deadline
    std::string out;               // all of stdout
    std::string err;               // the end of stderr (the last 64 KiB)
    double seconds = 0;            // wall time
};

// A running child with its stdout and stderr on pipes. The owner polls the
// pipes (fds()), calls read() when one is readable, and collects the result
// once done() says so. Destroying a running child kills it.
class ChildProcess {
public:
    // Starts argv[0] with argv; throws std::system_error if it cannot.
    ChildProcess(const std::vector<std::string>& argv, const ChildLimits& limits);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // The pipes still open.
    std::vector<int> fds() const;
    // Reads what is available on `fd` (one of fds()); closes it at end of file.
    void read(int fd);
    // Kills the child if its deadline has passed.
    void enforce_deadline();
    // Milliseconds until the deadline, at least 0.
    long long remaining_ms() const;
    // True once both pipes are closed and the child has been reaped (non-blocking).
    bool done();
    // The outcome; only after done().
    ChildResult result() const { return result_; }

private:
    void close_fd(int& fd);
    pid_t pid_ = -1;
    int out_fd_ = -1, err_fd_ = -1;
    bool reaped_ = false;
    std::chrono::steady_clock::time_point start_, deadline_;
    ChildResult result_;
};

}  // namespace nianbao

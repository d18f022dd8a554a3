#include "src/batch_child.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace nianbao {
namespace {

constexpr size_t kMaxStdout = 256u << 20;  // an extraction prints about 100 KB
constexpr size_t kMaxStderr = 64u << 10;

[[noreturn]] void fail(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const ChildLimits& limits) {
    // Everything the child needs is prepared before fork: between fork and
    // exec a multi-threaded parent's child may only make async-signal-safe calls.
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t parent = getpid();

    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0) fail("pipe");
    if (pipe2(err, O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        fail("pipe");
    }
    start_ = std::chrono::steady_clock::now();
    deadline_ = start_ + limits.timeout;
    pid_ = fork();
    if (pid_ < 0) {
        for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
        fail("fork");
    }
    if (pid_ == 0) {
        // The child: die with the batch (even on kill -9), in its own process
        // group so that the deadline kill reaches anything it starts.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);
        setpgid(0, 0);
        if (limits.memory_bytes > 0) {
            const rlimit lim{limits.memory_bytes, limits.memory_bytes};
            setrlimit(RLIMIT_AS, &lim);
        }
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        execv(args[0], args.data());
        const char msg[] = "nianbao batch: cannot execute the extractor\n";
        [[maybe_unused]] auto n = ::write(STDERR_FILENO, msg, sizeof msg - 1);
        _exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    out_fd_ = out[0];
    err_fd_ = err[0];
}

ChildProcess::~ChildProcess() {
    if (!reaped_ && pid_ > 0) {
        kill(-pid_, SIGKILL);
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    close_fd(out_fd_);
    close_fd(err_fd_);
}

void ChildProcess::close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

std::vector<int> ChildProcess::fds() const {
    std::vector<int> v;
    if (out_fd_ >= 0) v.push_back(out_fd_);
    if (err_fd_ >= 0) v.push_back(err_fd_);
    return v;
}

void ChildProcess::read(int fd) {
    char buf[1 << 16];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
        close_fd(fd == out_fd_ ? out_fd_ : err_fd_);
        return;
    }
    if (fd == out_fd_) {
        // Beyond any plausible output: keep draining, stop keeping.
        if (result_.out.size() < kMaxStdout) result_.out.append(buf, static_cast<size_t>(n));
    } else {
        result_.err.append(buf, static_cast<size_t>(n));
        if (result_.err.size() > kMaxStderr) result_.err.erase(0, result_.err.size() - kMaxStderr);
    }
}

void ChildProcess::enforce_deadline() {
    if (reaped_ || result_.timed_out || std::chrono::steady_clock::now() < deadline_) return;
    result_.timed_out = true;
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
}

long long ChildProcess::remaining_ms() const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
    return left.count() > 0 ? left.count() : 0;
}

bool ChildProcess::done() {
    if (out_fd_ >= 0 || err_fd_ >= 0) return false;
    if (!reaped_) {
        int status = 0;
        const pid_t r = waitpid(pid_, &status, WNOHANG);
        if (r == 0) return false;
        reaped_ = true;
        result_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        if (r < 0) {
            result_.err += "nianbao batch: lost the child: " + std::string(std::strerror(errno)) + "\n";
        } else if (WIFEXITED(status)) {
            result_.exit_code = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
            result_.signal = WTERMSIG(status);
        }
    }
    return true;
}

}  // namespace nianbao

#include "src/batch.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <system_error>
#include <deque>
#include <map>
#include <memory>

#include <poll.h>

#include "src/batch_child.h"
#include "src/batch_parse.h"
#include "src/batch_progress.h"
#include "src/discover.h"
#include "src/errors.h"
#include "src/store.h"
#include "src/store_series.h"
#include "src/store_status.h"

namespace nianbao {
namespace {

// The short name of an `extract` exit status (README.md, "Exit status").
std::string exit_status_name(int code) {
    switch (static_cast<ExitCode>(code)) {
        case ExitCode::usage: return "usage";
        case ExitCode::unreadable: return "unreadable";
        case ExitCode::not_pdf: return "not_pdf";
        case ExitCode::encrypted: return "encrypted";
        case ExitCode::damaged: return "damaged";
        case ExitCode::no_pages: return "no_pages";
        case ExitCode::no_tables: return "no_tables";
        case ExitCode::too_many_pages: return "too_many_pages";
        case ExitCode::internal: return "internal";
        default: return code == 127 ? "cannot_execute" : "exit_" + std::to_string(code);
    }
}

// The last non-empty line the child printed on stderr, without our prefix.
std::string last_line(const std::string& err) {
    size_t end = err.find_last_not_of("\r\n ");
    if (end == std::string::npos) return "";
    const size_t start = err.rfind('\n', end);
    std::string line = err.substr(start == std::string::npos ? 0 : start + 1, end + 1 - (start == std::string::npos ? 0 : start + 1));
    if (line.starts_with("nianbao: ")) line.erase(0, 9);
    return line;
}

RunFailure classify(const ChildResult& r, const BatchOptions& o) {
    RunFailure f;
    f.exit_code = r.exit_code;
    const std::string said = last_line(r.err);
    if (r.timed_out) {
        f.failure = "timeout";
        f.error = "killed after the time limit of " + std::to_string(static_cast<long>(o.timeout_seconds)) + " s";
    } else if (r.signal != 0) {
        f.failure = "crashed";
        f.error = "killed by signal " + std::to_string(r.signal) + " (" + strsignal(r.signal) + ")";
        if (!said.empty()) f.error += ": " + said;
    } else {
        f.failure = exit_status_name(*r.exit_code);
        f.error = said.empty() ? "exit status " + std::to_string(*r.exit_code) : said;
        // An allocation refused under the memory limit surfaces as an internal error.
        if (o.memory_mb > 0 && *r.exit_code == int(ExitCode::internal) &&
            (said.find("bad_alloc") != std::string::npos || said.find("memory") != std::string::npos))
            f.failure = "memory";
    }
    return f;
}

struct Job {
    StoredDocument doc;
    std::string started_at;
    std::unique_ptr<ChildProcess> child;
};

}  // namespace

BatchSummary run_batch(const BatchOptions& o, std::ostream& log) {
    if (o.manifest.empty() && !std::filesystem::is_directory(o.folder))
        throw InputError(ExitCode::unreadable, o.folder.string() + ": no such folder");
    const Discovery found = o.manifest.empty() ? discover_folder(o.folder) : discover_manifest(o.manifest);

    BatchSummary summary;
    summary.found = static_cast<int>(found.documents.size());
    summary.duplicates = found.duplicates;
    summary.problems = found.problems;
    if (!o.quiet)
        for (const auto& p : found.problems) log << "nianbao batch: skipped " << p << "\n";

    Store store(o.db);
    std::deque<StoredDocument> todo;
    for (const auto& input : found.documents) {
        StoredDocument d = store.add(input);
        // queued and running (left by a killed batch) are always (re)done.
        const bool redo = d.status == "queued" || d.status == "running" || o.force ||
                          (d.status == "failed" && o.retry_failed);
        if (redo) todo.push_back(d);
        else ++summary.skipped;
    }
    if (!o.quiet)
        log << "nianbao batch: " << summary.found << " documents (" << summary.duplicates << " duplicate paths), "
            << todo.size() << " to do, " << summary.skipped << " already in " << o.db.string() << "\n";

    ChildLimits limits;
    limits.timeout = std::chrono::milliseconds(static_cast<long long>(o.timeout_seconds * 1000));
    limits.memory_bytes = static_cast<std::uint64_t>(o.memory_mb) << 20;

    BatchProgress progress(log, static_cast<int>(todo.size()), o.live_progress, o.quiet);
    std::vector<Job> running;
    const size_t jobs = static_cast<size_t>(std::max(1, o.jobs));
    while (!todo.empty() || !running.empty()) {
        while (running.size() < jobs && !todo.empty()) {
            Job job{todo.front(), utc_now(), nullptr};
            todo.pop_front();
            std::vector<std::string> argv = {o.extractor.string(), "extract", job.doc.path, "--format", "json", "-q"};
            argv.insert(argv.end(), o.extract_args.begin(), o.extract_args.end());
            store.mark_running(job.doc.id, job.started_at);
            job.child = std::make_unique<ChildProcess>(argv, limits);
            running.push_back(std::move(job));
        }

        // Wait for output from any child, or its deadline, or the next redraw.
        std::vector<pollfd> fds;
        std::vector<ChildProcess*> owners;
        long long wait_ms = 200;
        for (auto& job : running) {
            for (int fd : job.child->fds()) {
                fds.push_back(pollfd{fd, POLLIN, 0});
                owners.push_back(job.child.get());
            }
            wait_ms = std::min(wait_ms, job.child->remaining_ms() + 1);
        }
        // A child with both pipes closed but not yet reaped: look again soon.
        if (fds.size() < running.size() * 2) wait_ms = std::min(wait_ms, 20LL);
        if (poll(fds.data(), fds.size(), static_cast<int>(wait_ms)) < 0 && errno != EINTR)
            throw std::system_error(errno, std::generic_category(), "poll");
        for (size_t i = 0; i < fds.size(); ++i)
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) owners[i]->read(fds[i].fd);

        for (auto it = running.begin(); it != running.end();) {
            it->child->enforce_deadline();
            if (!it->child->done()) {
                ++it;
                continue;
            }
            const ChildResult r = it->child->result();
            const RunTiming timing{it->started_at, utc_now(), r.seconds};
            bool ok = false;
            int pages = it->doc.pages;
            if (r.exit_code == 0 && !r.timed_out) {
                try {
                    const Extraction ex = parse_extraction_json(r.out);
                    store.save_done(it->doc.id, ex, timing);
                    ok = true;
                    pages = ex.input.pages;
                } catch (const StoreError&) {
                    throw;  // the database itself is in trouble: stop
                } catch (const std::exception& e) {
                    store.save_failed(it->doc.id, RunFailure{"bad_output", e.what(), r.exit_code}, timing);
                }
            } else {
                store.save_failed(it->doc.id, classify(r, o), timing);
            }
            ok ? ++summary.done : ++summary.failed;
            progress.finished(ok, pages);
            it = running.erase(it);
        }
        progress.tick();
    }
    progress.end();

    save_series_checks(store.db(), compute_series_checks(store.db()));
    if (!o.quiet) {
        log << "nianbao batch: this run: " << summary.done << " done, " << summary.failed << " failed, "
            << summary.skipped << " skipped\n";
        print_status(read_status(store.db()), log);
    }
    return summary;
}

}  // namespace nianbao

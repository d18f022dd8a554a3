#pragma once
// `nianbao batch`: an archive of reports into one database (src/store.h).
// Each document is extracted by the nianbao binary itself in a child process
// (src/batch_child.h), `jobs` at a time; only this process writes the
// database, one transaction per document, so that killing the batch at any
// moment loses at most the documents in flight, which the next run redoes.

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace nianbao {

struct BatchOptions {
    std::filesystem::path folder;     // searched recursively; or
    std::filesystem::path manifest;   // one path per line
    std::filesystem::path db;
    int jobs = 1;
    double timeout_seconds = 300;     // per document; the child is killed after
    int memory_mb = 4096;             // per child (address space); 0: no limit
    bool force = false;               // redo documents already done
    bool retry_failed = false;        // redo documents that failed before
    std::filesystem::path extractor;  // the nianbao binary: runs `extract FILE --format json -q`
    std::vector<std::string> extract_args;  // more options for extract, e.g. {"--max-pages", "300"}
    bool quiet = false;               // no progress and no summary
    bool live_progress = false;       // stderr is a terminal: redraw one line
};

struct BatchSummary {
    int found = 0;        // distinct documents discovered
    int duplicates = 0;   // paths whose content was already found
    int skipped = 0;      // done (or failed) before, not redone
    int done = 0;         // extracted in this run
    int failed = 0;       // failed in this run
    std::vector<std::string> problems;  // paths that could not be read
};

// Throws InputError for a missing folder or manifest, StoreError when the
// database cannot be written. A document's failure is not an error: it is
// recorded and the batch goes on.
BatchSummary run_batch(const BatchOptions& options, std::ostream& log);

}  // namespace nianbao

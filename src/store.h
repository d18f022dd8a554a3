#pragma once
// The batch database: what `nianbao batch` writes and `status` and `export`
// read. One SQLite file (WAL); the tables are described in docs/store.md and
// created by src/store_schema.cpp.
//
// Every write that concerns one document is a single transaction, so that a
// batch killed at any moment leaves each document either as it was or fully
// written, never half.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "src/discover.h"
#include "src/extraction.h"
#include "src/store_cells.h"
#include "src/store_sqlite.h"

namespace nianbao {

// How one extraction ended, as the batch saw it.
struct RunTiming {
    std::string started_at;   // ISO 8601 UTC
    std::string finished_at;
    double seconds = 0;
};

struct RunFailure {
    std::string failure;              // short class: not_pdf, damaged, timeout, crashed, ...
    std::string error;                // the reason in words
    std::optional<int> exit_code;     // nullopt when the child died of a signal
};

struct StoredDocument {
    std::int64_t id = 0;
    std::string sha256;
    std::string path;
    std::string input_type;
    int pages = 0;
    std::string status;  // queued | running | done | failed
};

class Store {
public:
    // Opens or creates the database and brings its schema up to date.
    explicit Store(const std::filesystem::path& file);

    // Records a document (once per content hash) and every path it was
    // found under. A new document is queued; a known one keeps its status.
    StoredDocument add(const DocumentInput& input);

    void mark_running(std::int64_t id, const std::string& started_at);
    // Replaces the document's tables, cells and checks and marks it done.
    void save_done(std::int64_t id, const Extraction& extraction, const RunTiming& timing);
    // Drops any earlier results and marks it failed with the reason.
    void save_failed(std::int64_t id, const RunFailure& failure, const RunTiming& timing);
    // Marks a document queued again (batch --force).
    void requeue(std::int64_t id);

    Database& db() { return db_; }

private:
    Database db_;
};

// Agencies are matched across years on this key: NFKC, simplified forms, no
// whitespace (src/label_text.h), so that 淮安市 洪泽区人民政府 and a
// full-width or traditional spelling name the same body.
std::string agency_key(const std::string& agency);

// Now, as ISO 8601 UTC with seconds: 2024-05-01T12:00:00Z.
std::string utc_now();

// Reads a stored document back as the Extraction `extract` produced,
// with corrections applied when asked (a corrected cell is then not flagged
// and its note says who corrected it). The schema is the one named by the
// document among `schemas` (load_schemas), or only its id when not found.
// `cells`, when given, receives the cells as stored (store_cells.h).
Extraction load_extraction(Database& db, std::int64_t document_id, bool apply_corrections,
                           const std::vector<Schema>& schemas, std::vector<StoredCell>* cells = nullptr);

}  // namespace nianbao

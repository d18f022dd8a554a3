#include "src/store_schema.h"

#include <string>
#include <vector>

namespace nianbao {
namespace {

// Append only: a released migration is never edited, because databases in the
// field have already run it. Migration i (0-based) takes user_version i to i+1.
const std::vector<std::string>& migrations() {
    static const std::vector<std::string> list = {
        // 1: the first schema.
        R"sql(
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE,   -- of the PDF; of the page hashes for an image folder
    path          TEXT NOT NULL,          -- where it was first found
    input_type    TEXT NOT NULL CHECK (input_type IN ('pdf', 'images')),
    pages         INTEGER,
    kind          TEXT,                   -- digital | scanned | mixed
    agency        TEXT,
    agency_key    TEXT,                   -- agency normalised, for matching bodies across years
    year          INTEGER,
    template      TEXT,                   -- schema id, e.g. gov-disclosure-2021
    warnings      TEXT,                   -- JSON array
    status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    failure       TEXT,                   -- short reason: not_pdf, damaged, timeout, crashed, ...
    error         TEXT,                   -- the reason in words
    exit_code     INTEGER,                -- of the extracting child; NULL when killed by a signal
    started_at    TEXT,
    finished_at   TEXT,
    seconds       REAL,                   -- wall time of the extraction
    tool_version  TEXT,
    updated_at    TEXT NOT NULL
);
CREATE INDEX documents_status ON documents(status);
CREATE INDEX documents_series ON documents(agency_key, year);

-- Every path a document was found under: duplicates are one document.
CREATE TABLE document_paths (
    path         TEXT PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);

CREATE TABLE tables (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    table_id     TEXT NOT NULL,          -- proactive | requests | appeals
    ord          INTEGER NOT NULL,       -- schema order
    variant      TEXT,
    pages        TEXT NOT NULL,          -- JSON array
    problems     TEXT NOT NULL,          -- JSON array
    PRIMARY KEY (document_id, table_id)
);

CREATE TABLE cells (
    document_id   INTEGER NOT NULL,
    table_id      TEXT NOT NULL,
    row           TEXT NOT NULL,
    col           TEXT NOT NULL,
    ord           INTEGER NOT NULL,      -- order within the table
    value         REAL,                  -- NULL: no number
    empty         INTEGER NOT NULL,      -- 1: printed blank or dash
    text          TEXT NOT NULL,
    confidence    REAL NOT NULL,
    source        TEXT NOT NULL,
    page          INTEGER,
    x0 REAL, y0 REAL, x1 REAL, y1 REAL,
    needs_review  INTEGER NOT NULL,
    note          TEXT,
    PRIMARY KEY (document_id, table_id, row, col),
    FOREIGN KEY (document_id, table_id) REFERENCES tables(document_id, table_id) ON DELETE CASCADE
);

CREATE TABLE checks (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    row          TEXT,
    col          TEXT,
    status       TEXT NOT NULL,          -- pass | fail | skipped
    cells        TEXT NOT NULL,          -- JSON array of table.row.col
    message      TEXT NOT NULL,
    PRIMARY KEY (document_id, ord)
);

-- Written by review tools, never by batch. Cells are named, not numbered, so
-- that a correction survives a re-extraction (batch --force); the extracted
-- value stays in cells, untouched.
CREATE TABLE corrections (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    table_id     TEXT NOT NULL,
    row          TEXT NOT NULL,
    col          TEXT NOT NULL,
    old_value    REAL,                   -- the value the reviewer saw
    new_value    REAL,                   -- NULL: the cell holds no number
    reviewer     TEXT NOT NULL,
    note         TEXT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX corrections_cell ON corrections(document_id, table_id, row, col);

-- Each cell with the latest correction applied.
CREATE VIEW cell_values AS
SELECT c.*,
       COALESCE(k.id IS NOT NULL, 0) AS corrected,
       CASE WHEN k.id IS NOT NULL THEN k.new_value ELSE c.value END AS final_value
FROM cells c
LEFT JOIN corrections k ON k.id = (
    SELECT id FROM corrections k2
    WHERE k2.document_id = c.document_id AND k2.table_id = c.table_id AND k2.row = c.row AND k2.col = c.col
    ORDER BY k2.created_at DESC, k2.id DESC LIMIT 1);

-- Checks across reports (series.carry), recomputed after every batch.
CREATE TABLE series_checks (
    rule                  TEXT NOT NULL,
    agency_key            TEXT NOT NULL,
    year                  INTEGER NOT NULL,   -- the later year
    document_id           INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    previous_document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    col                   TEXT NOT NULL,
    status                TEXT NOT NULL,      -- pass | fail | skipped
    message               TEXT NOT NULL,
    PRIMARY KEY (rule, document_id, previous_document_id, col)
);
)sql",
        // 2: what review needs without re-reading the documents: OCR's other
        // readings of a cell, the prose's figures (so that the narrative
        // checks can run again on corrected cells), the checks as they stand
        // after corrections, and indexes for the queue.
        R"sql(
ALTER TABLE cells ADD COLUMN alternatives TEXT;   -- JSON array of OCR's other readings; NULL: none

-- What the prose says for each narrative rule of the schema (one row per
-- rule; value NULL when the prose states no figure).
CREATE TABLE narrative_claims (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    value        REAL,
    quote        TEXT NOT NULL,
    PRIMARY KEY (document_id, rule)
);

-- The checks of a corrected document evaluated again on its corrected
-- values: written by review after every correction, deleted with the results
-- when batch extracts the document again. A document without rows here has
-- its checks as extracted (checks).
CREATE TABLE live_checks (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    row          TEXT,
    col          TEXT,
    status       TEXT NOT NULL,          -- pass | fail | skipped
    cells        TEXT NOT NULL,          -- JSON array of table.row.col
    message      TEXT NOT NULL,
    live         INTEGER NOT NULL,       -- 0: as extracted (it could not be evaluated again)
    PRIMARY KEY (document_id, ord)
);

-- The review queue reads only flagged cells and failing checks.
CREATE INDEX cells_flagged ON cells(document_id) WHERE needs_review = 1;
CREATE INDEX checks_failing ON checks(document_id) WHERE status = 'fail';
CREATE INDEX live_checks_failing ON live_checks(document_id) WHERE status = 'fail';
)sql",
    };
    return list;
}

int user_version(Database& db) {
    Statement s = db.prepare("PRAGMA user_version");
    s.step();
    return s.integer(0);
}

}  // namespace

int store_schema_version() { return static_cast<int>(migrations().size()); }

void migrate_store(Database& db) {
    const auto& list = migrations();
    for (;;) {
        // The version is read inside the write transaction, so that two
        // processes opening a new database at once do not both migrate it.
        Transaction tx(db);
        const int have = user_version(db);
        if (have > store_schema_version())
            throw StoreError(db.file().string() + ": database schema version " + std::to_string(have) +
                             " is newer than this nianbao (" + std::to_string(store_schema_version()) + ")");
        if (have == store_schema_version()) return;  // the transaction rolls back: nothing was written
        db.exec(list[static_cast<size_t>(have)]);
        db.exec("PRAGMA user_version = " + std::to_string(have + 1));
        tx.commit();
    }
}

}  // namespace nianbao

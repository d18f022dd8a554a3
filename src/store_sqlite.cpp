#include "src/store_sqlite.h"

#include <sqlite3.h>

namespace nianbao {

namespace {

std::string describe(sqlite3* db, int rc, const std::string& what) {
    const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return "sqlite: " + what + ": " + (msg ? msg : sqlite3_errstr(rc));
}

}  // namespace

Database::Database(const std::filesystem::path& file) : file_(file) {
    const int rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        const std::string msg = describe(db_, rc, "cannot open " + file.string());
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(msg);
    }
    // A `status` run while a batch writes waits for the lock instead of failing.
    sqlite3_busy_timeout(db_, 10000);
    exec("PRAGMA journal_mode=WAL");
    // NORMAL is safe in WAL mode: a crash may lose the last commits but never
    // corrupts the file, and a lost commit is simply redone on the next run.
    exec("PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
}

Database::~Database() {
    if (db_) sqlite3_close_v2(db_);
}

void Database::exec(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = "sqlite: " + std::string(err ? err : sqlite3_errstr(rc)) + " in: " + sql.substr(0, 200);
        sqlite3_free(err);
        throw StoreError(msg);
    }
}

Statement Database::prepare(const std::string& sql) { return Statement(db_, sql); }

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db), sql_(sql) {
    check(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt_, nullptr), "prepare");
}

Statement::~Statement() {
    if (stmt_) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), sql_(std::move(other.sql_)) {
    other.stmt_ = nullptr;
}

void Statement::check(int rc, const char* what) {
    if (rc != SQLITE_OK) throw StoreError(describe(db_, rc, std::string(what) + " of: " + sql_.substr(0, 200)));
}

Statement& Statement::bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v), "bind");
    return *this;
}
Statement& Statement::bind(int i, double v) {
    check(sqlite3_bind_double(stmt_, i, v), "bind");
    return *this;
}
Statement& Statement::bind(int i, const std::string& v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
    return *this;
}
Statement& Statement::bind_null(int i) {
    check(sqlite3_bind_null(stmt_, i), "bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(describe(db_, rc, "step of: " + sql_.substr(0, 200)));
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::columns() const { return sqlite3_column_count(stmt_); }
bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Statement::text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
}
std::optional<double> Statement::optional_real(int col) const {
    if (is_null(col)) return std::nullopt;
    return real(col);
}
std::optional<std::int64_t> Statement::optional_int(int col) const {
    if (is_null(col)) return std::nullopt;
    return int64(col);
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (done_) return;
    try {
        db_.exec("ROLLBACK");
    } catch (...) {
        // Nothing more can be done in a destructor; SQLite rolls back an
        // unfinished transaction when the connection closes anyway.
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace nianbao

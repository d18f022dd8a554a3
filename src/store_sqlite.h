#pragma once
// A thin RAII layer over the SQLite C API: a connection, a prepared
// statement, a transaction. Every failure throws StoreError with the SQL and
// SQLite's own message, so that a caller never has to check return codes.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace nianbao {

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Statement;

class Database {
public:
    // Opens (creating if needed) the file in WAL mode with foreign keys on
    // and a busy timeout, so that a reader (`status`) can run beside a batch.
    explicit Database(const std::filesystem::path& file);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements that take no parameters and return no rows.
    void exec(const std::string& sql);
    Statement prepare(const std::string& sql);
    std::int64_t last_insert_id() const;
    const std::filesystem::path& file() const { return file_; }
    sqlite3* handle() { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
};

// A prepared statement. bind() is 1-based like SQLite's; column() is 0-based.
// step() returns true while there is a row to read.
class Statement {
public:
    Statement(sqlite3* db, const std::string& sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, const std::string& v);
    Statement& bind(int i, const char* v) { return bind(i, std::string(v)); }
    Statement& bind_null(int i);
    template <class T>
    Statement& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bind_null(i);
    }

    bool step();
    // step() for statements that return no rows, then reset for reuse.
    void run();
    void reset();  // also clears the bindings

    int columns() const;  // the number of columns a row has
    bool is_null(int col) const;
    std::int64_t int64(int col) const;
    int integer(int col) const { return static_cast<int>(int64(col)); }
    double real(int col) const;
    std::string text(int col) const;  // "" for NULL
    std::optional<double> optional_real(int col) const;
    std::optional<std::int64_t> optional_int(int col) const;

private:
    void check(int rc, const char* what);
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit()
// was called. IMMEDIATE takes the write lock at once, so that a transaction
// never fails half-way because another writer got there first.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace nianbao

#pragma once

// A thin RAII layer over sqlite3* and sqlite3_stmt*, behind the store's SQL
// interface (sql.hpp): the connection closes itself, statements are prepared
// once and cached, and a Query resets its statement when it goes out of
// scope, so no read transaction is left open by a half-read result. Errors
// come back as Results through sqlite_error().

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sql.hpp"
#include "trialwise/core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace trialwise::store::detail {

/// A statement prepared on a SQLite connection.
class SqliteStatement final : public Statement {
 public:
  // Keeps the handle and the path, not the Connection, which may move.
  SqliteStatement(sqlite3_stmt* stmt, sqlite3* db, std::string path) : stmt_(stmt), db_(db), path_(std::move(path)) {}
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement() override;

  void bind_int64(int i, std::int64_t v) override;
  void bind_double(int i, double v) override;
  void bind_text(int i, std::string_view v) override;
  void bind_null(int i) override;
  Result<bool> step() override;
  void reset() override;
  bool is_null(int col) const override;
  std::int64_t int64(int col) const override;
  double real(int col) const override;
  std::string text(int col) const override;

 private:
  void note(int rc);

  sqlite3_stmt* stmt_;
  sqlite3* db_;
  std::string path_;
  int bind_rc_ = 0;  // the first failed bind, reported by step()
};

/// An open SQLite database connection. Move-only; closes on destruction.
class Connection final : public SqlConnection {
 public:
  static constexpr int kBusyTimeoutMs = 5000;
  static constexpr int kBeginAttempts = 6;

  /// sqlite3_open_v2 with `flags` (SQLITE_OPEN_*), extended result codes on.
  static Result<Connection> open(const std::string& path, int flags);

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  Result<Query> query(const std::string& sql) override;
  Result<void> exec(const char* sql) override;
  /// Runs `sql` and returns SQLite's result code, for callers that retry.
  int exec_rc(const char* sql);
  /// The first column of the first row of `sql`, as text ("" if NULL or no row).
  Result<std::string> text_of(const char* sql);
  /// The first column of the first row of `sql`, as an integer (0 if none).
  Result<std::int64_t> int_of(const char* sql);

  /// BEGIN IMMEDIATE: takes the write lock now, so the transaction cannot
  /// fail later for want of it. While another connection writes, SQLite's
  /// busy handler waits (up to the busy timeout); if that runs out, the
  /// BEGIN is tried again, kBeginAttempts times in all.
  Result<void> begin_write() override;
  /// BEGIN (deferred): the first read takes the snapshot (WAL keeps it).
  Result<void> begin_read() override { return exec("BEGIN"); }
  /// COMMIT; retried like begin_write while busy.
  Result<void> commit() override;
  /// Rolls back the open transaction, if SQLite has not already done so
  /// (it does after some errors, e.g. SQLITE_FULL).
  void rollback() override;
  /// SQLite waits for the write lock instead: never.
  bool should_retry() const override { return false; }

  /// The Error for result code `rc` on this database (see sqlite_error).
  Error error(int rc) const;

  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  void close();

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

}  // namespace trialwise::store::detail

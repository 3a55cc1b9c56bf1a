#pragma once

// A thin RAII layer over sqlite3* and sqlite3_stmt*: the connection closes
// itself, statements are prepared once and cached, and a Query resets its
// statement when it goes out of scope, so no read transaction is left open by
// a half-read result. Errors come back as Results through sqlite_error().

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "trialwise/core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace trialwise::store::detail {

class Connection;

/// One use of a prepared statement: bind parameters (1-based), step, read
/// columns (0-based). Bind failures are reported by the next step().
class Query {
 public:
  Query(sqlite3_stmt* stmt, const Connection& db) : stmt_(stmt), db_(&db) {}
  Query(Query&& other) noexcept;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query& operator=(Query&&) = delete;
  ~Query();

  Query& bind(int i, std::int64_t v);
  Query& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Query& bind(int i, double v);
  Query& bind(int i, std::string_view v);
  Query& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Query& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Query& bind_bool(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
  Query& bind_null(int i);
  template <class T>
  Query& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  /// Runs one step: true when a row is ready, false when done.
  Result<bool> step();
  /// Steps until done (for statements that return no rows).
  Result<void> run();

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  int integer(int col) const;
  double real(int col) const;
  std::string text(int col) const;

 private:
  void note(int rc);

  sqlite3_stmt* stmt_;
  const Connection* db_;
  int bind_rc_ = 0;  // the first failed bind, reported by step()
};

/// An open database connection. Move-only; closes on destruction.
class Connection {
 public:
  static constexpr int kBusyTimeoutMs = 5000;
  static constexpr int kBeginAttempts = 6;

  /// sqlite3_open_v2 with `flags` (SQLITE_OPEN_*), extended result codes on.
  static Result<Connection> open(const std::string& path, int flags);

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  /// The statement for `sql`, prepared on first use and kept. One Query per
  /// statement text may be alive at a time.
  Result<Query> query(const std::string& sql);
  /// Runs `sql` (one or more statements, results ignored).
  Result<void> exec(const char* sql);
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
  Result<void> begin_immediate();
  /// COMMIT; retried like begin_immediate while busy.
  Result<void> commit();
  /// Rolls back the open transaction, if SQLite has not already done so
  /// (it does after some errors, e.g. SQLITE_FULL).
  void rollback();

  /// The Error for result code `rc` on this database (see sqlite_error).
  Error error(int rc) const;

  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  void close();

  struct Finalize {
    void operator()(sqlite3_stmt* s) const;
  };
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, Finalize>> statements_;
};

/// Runs `body` in one write transaction on `db`: committed if it succeeds,
/// rolled back otherwise. Returns only after COMMIT, i.e. once the change is
/// durable.
template <class Body>
auto in_write_transaction(Connection& db, Body&& body) -> decltype(body()) {
  if (auto ok = db.begin_immediate(); !ok) return Unexpected{ok.error()};
  auto result = body();
  if (!result) {
    db.rollback();
    return result;
  }
  if (auto ok = db.commit(); !ok) {
    db.rollback();
    return Unexpected{ok.error()};
  }
  return result;
}

}  // namespace trialwise::store::detail

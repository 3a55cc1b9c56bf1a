#pragma once

// What the repositories need from a SQL database, whichever it is: prepared
// statements with numbered parameters (?1, ?2, ... in the SQL text), rows read
// by column, and write transactions. SQLite (sqlite_db.hpp) and PostgreSQL
// (pg_db.hpp) implement it, so each repository is written once. Private to
// the store.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trialwise/core/result.hpp"

namespace trialwise::store::detail {

/// Where the SQL of the two databases differs, the repositories ask.
enum class Dialect { sqlite, postgresql };

/// A prepared statement, owned and cached by its connection.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void bind_int64(int i, std::int64_t v) = 0;
  virtual void bind_double(int i, double v) = 0;
  virtual void bind_text(int i, std::string_view v) = 0;
  virtual void bind_null(int i) = 0;
  /// Runs it (on the first call) and moves to the next row: true when a row
  /// is ready, false when there are no more.
  virtual Result<bool> step() = 0;
  /// Forgets the bindings and the result, ready for the next use.
  virtual void reset() = 0;
  virtual bool is_null(int col) const = 0;
  virtual std::int64_t int64(int col) const = 0;
  virtual double real(int col) const = 0;
  virtual std::string text(int col) const = 0;
};

/// One use of a prepared statement: bind parameters (1-based), step, read
/// columns (0-based). Resets its statement when it goes out of scope, so no
/// read is left open by a half-read result.
class Query {
 public:
  explicit Query(Statement& stmt) : stmt_(&stmt) {}
  Query(Query&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query& operator=(Query&&) = delete;
  ~Query() {
    if (stmt_ != nullptr) stmt_->reset();
  }

  Query& bind(int i, std::int64_t v) {
    stmt_->bind_int64(i, v);
    return *this;
  }
  Query& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Query& bind(int i, double v) {
    stmt_->bind_double(i, v);
    return *this;
  }
  Query& bind(int i, std::string_view v) {
    stmt_->bind_text(i, v);
    return *this;
  }
  Query& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Query& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Query& bind_bool(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
  Query& bind_null(int i) {
    stmt_->bind_null(i);
    return *this;
  }
  template <class T>
  Query& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  /// Runs one step: true when a row is ready, false when done.
  Result<bool> step() { return stmt_->step(); }
  /// Steps until done (for statements whose rows are not needed).
  Result<void> run() {
    for (;;) {
      auto row = step();
      if (!row) return Unexpected{row.error()};
      if (!*row) return {};
    }
  }

  bool is_null(int col) const { return stmt_->is_null(col); }
  std::int64_t int64(int col) const { return stmt_->int64(col); }
  int integer(int col) const { return static_cast<int>(stmt_->int64(col)); }
  double real(int col) const { return stmt_->real(col); }
  std::string text(int col) const { return stmt_->text(col); }

 private:
  Statement* stmt_;
};

/// An open connection to one database, used by one thread at a time.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;

  /// The statement for `sql`, prepared on first use and kept. One Query per
  /// statement text may be alive at a time.
  virtual Result<Query> query(const std::string& sql) = 0;
  /// Runs `sql` (one or more statements, results ignored).
  virtual Result<void> exec(const char* sql) = 0;

  /// Starts a write transaction that cannot later fail for want of a lock
  /// held by another writer (SQLite: BEGIN IMMEDIATE; PostgreSQL:
  /// SERIALIZABLE, which may instead ask for the whole transaction again).
  virtual Result<void> begin_write() = 0;
  /// Starts a read-only transaction: every read in it sees the database as
  /// one moment, whatever others write meanwhile (a copy, an export).
  virtual Result<void> begin_read() = 0;
  /// Commits; returns once the change is durable.
  virtual Result<void> commit() = 0;
  /// Rolls back the open transaction, if there is one.
  virtual void rollback() = 0;
  /// True when the last failure was the database asking for the transaction
  /// to be run again from the start (a serialization failure or deadlock
  /// between concurrent writers): nothing of it was saved.
  virtual bool should_retry() const = 0;
};

/// How many times a transaction the database asked to run again is run.
inline constexpr int kTransactionAttempts = 20;

/// Waits a random while before running a transaction again, longer after
/// each attempt (up to 64 ms), so writers that collided do not collide again
/// in lockstep.
void pause_before_retry(int attempt);

/// Runs `body` in one write transaction on `db`: committed if it succeeds,
/// rolled back otherwise, and run again from the start when the database
/// asks (concurrent writers on PostgreSQL). Returns only after COMMIT, i.e.
/// once the change is durable. `body` must touch nothing but the database.
template <class Body>
auto in_write_transaction(SqlConnection& db, Body&& body) -> decltype(body()) {
  for (int attempt = 1;; ++attempt) {
    if (auto ok = db.begin_write(); !ok) return Unexpected{ok.error()};
    auto result = body();
    if (result) {
      auto ok = db.commit();
      if (ok) return result;
      result = Unexpected{ok.error()};
    }
    db.rollback();
    if (!db.should_retry() || attempt == kTransactionAttempts) return result;
    pause_before_retry(attempt);
  }
}

}  // namespace trialwise::store::detail

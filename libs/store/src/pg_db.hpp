#pragma once

// A thin RAII layer over libpq's PGconn* and PGresult*, behind the store's SQL
// interface (sql.hpp). Statements are prepared on the server once per
// connection (again after a reconnect), parameters and results travel as
// text, and a connection the server dropped (a restart, a network cut) is
// re-opened before the next statement outside a transaction. Errors come
// back as Results through pg_error() (pg_errors.hpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sql.hpp"
#include "trialwise/core/result.hpp"

struct pg_conn;
struct pg_result;

namespace trialwise::store::detail {

class PgConnection;

/// A statement's SQL as PostgreSQL takes it: the store's ?N written $M, the
/// parameters used numbered 1..parameters (see postgres_parameters).
struct PgSql {
  std::string text;
  int parameters = 0;
  std::vector<int> slot;  // slot[N]: the $M of the store's ?N, 0 when unused
};

struct PgResultFree {
  void operator()(pg_result* r) const;
};
using PgResult = std::unique_ptr<pg_result, PgResultFree>;

/// A statement prepared on a PostgreSQL connection: runs on its first step,
/// then hands out the rows one by one.
class PgStatement final : public Statement {
 public:
  PgStatement(PgConnection& db, std::string name, PgSql sql);

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

  const std::string& name() const { return name_; }
  const PgSql& sql() const { return sql_; }
  /// The connection generation it was last prepared on (0: never).
  std::uint64_t prepared_on = 0;

 private:
  // Where the store's parameter `i` goes; nullptr when the SQL does not use it.
  std::optional<std::string>* param(int i);

  PgConnection* db_;
  std::string name_;
  PgSql sql_;
  std::vector<std::optional<std::string>> params_;
  PgResult result_;
  int row_ = -1;
};

/// An open connection to a PostgreSQL database. Not movable: its statements
/// point back to it (it lives behind a unique_ptr<SqlConnection>).
class PgConnection final : public SqlConnection {
 public:
  /// Connects to `uri` (postgresql://...), with synchronous_commit on and
  /// UTF-8. Errc::invalid_input for a malformed URI, Errc::unavailable when
  /// the server cannot be reached or refuses the connection.
  static Result<std::unique_ptr<PgConnection>> open(const std::string& uri);

  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() override;

  Dialect dialect() const override { return Dialect::postgresql; }
  Result<Query> query(const std::string& sql) override;
  Result<void> exec(const char* sql) override;
  Result<void> begin_write() override;
  Result<void> begin_read() override { return begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  /// BEGIN at READ COMMITTED: each statement sees what others committed
  /// before it (the migrations, which wait for a lock first).
  Result<void> begin_read_committed();
  Result<void> commit() override;
  void rollback() override;
  bool should_retry() const override { return retry_; }

  /// Runs `stmt` with its parameters (preparing it on this connection first
  /// if needed). Used by PgStatement::step.
  Result<PgResult> execute(PgStatement& stmt, const std::vector<std::optional<std::string>>& params);

  /// The database, named without its password, for messages.
  const std::string& name() const { return name_; }

 private:
  PgConnection(pg_conn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  // Before a statement: re-opens a connection the server dropped, unless a
  // transaction was open on it.
  Result<void> ready();
  Result<void> begin(const char* sql);
  Result<void> ensure_open();
  Result<void> configure();
  // The Error for a failed result (or a failed connection when `r` is null);
  // notes whether the server asks for the transaction again.
  Error failure(const pg_result* r);
  Result<PgResult> checked(PgResult r);

  pg_conn* conn_;
  std::string name_;
  std::uint64_t generation_ = 1;  // counts (re)connections
  bool retry_ = false;
  bool in_transaction_ = false;  // between begin_write and commit/rollback
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> statements_;
};

/// `sql` with the store's ?N parameters (outside quotes) written as
/// PostgreSQL's $M, numbered densely in the order of N.
PgSql postgres_parameters(std::string_view sql);

/// `uri` without its password (in the user part or a password= parameter),
/// for messages and logs.
std::string redact_uri(std::string_view uri);

}  // namespace trialwise::store::detail

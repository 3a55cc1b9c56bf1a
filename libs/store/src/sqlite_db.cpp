#include "sqlite_db.hpp"

#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "sqlite_errors.hpp"

namespace trialwise::store::detail {

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::reset() {
  // Resetting ends the statement's implicit read transaction, if any.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = SQLITE_OK;
}

void SqliteStatement::note(int rc) {
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void SqliteStatement::bind_int64(int i, std::int64_t v) { note(sqlite3_bind_int64(stmt_, i, v)); }
void SqliteStatement::bind_double(int i, double v) { note(sqlite3_bind_double(stmt_, i, v)); }
void SqliteStatement::bind_null(int i) { note(sqlite3_bind_null(stmt_, i)); }

void SqliteStatement::bind_text(int i, std::string_view v) {
  note(sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

Result<bool> SqliteStatement::step() {
  const auto failed = [&](int rc) { return sqlite_error(rc, sqlite3_errmsg(db_), path_); };
  if (bind_rc_ != SQLITE_OK) return Unexpected{failed(bind_rc_)};
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Unexpected{failed(rc)};
}

bool SqliteStatement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t SqliteStatement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double SqliteStatement::real(int col) const { return sqlite3_column_double(stmt_, col); }

std::string SqliteStatement::text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  const int n = sqlite3_column_bytes(stmt_, col);
  if (p == nullptr || n <= 0) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

Result<Connection> Connection::open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    // Even a failed open usually returns a handle holding the message.
    const std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Unexpected{sqlite_error(rc, message, path)};
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  return Connection(db, path);
}

Connection::Connection(Connection&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), statements_(std::move(other.statements_)) {
  other.db_ = nullptr;
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    db_ = other.db_;
    path_ = std::move(other.path_);
    statements_ = std::move(other.statements_);
    other.db_ = nullptr;
  }
  return *this;
}

Connection::~Connection() { close(); }

void Connection::close() {
  statements_.clear();  // finalized before the close, or the close would be deferred
  if (db_ != nullptr) sqlite3_close_v2(db_);
  db_ = nullptr;
}

Result<Query> Connection::query(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Unexpected{error(rc)};
    it = statements_.emplace(sql, std::make_unique<SqliteStatement>(stmt, db_, path_)).first;
  }
  return Query(*it->second);
}

int Connection::exec_rc(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

Result<void> Connection::exec(const char* sql) {
  const int rc = exec_rc(sql);
  if (rc != SQLITE_OK) return Unexpected{error(rc)};
  return {};
}

Result<std::string> Connection::text_of(const char* sql) {
  auto q = query(sql);
  if (!q) return Unexpected{q.error()};
  auto row = q->step();
  if (!row) return Unexpected{row.error()};
  return *row ? q->text(0) : std::string();
}

Result<std::int64_t> Connection::int_of(const char* sql) {
  auto q = query(sql);
  if (!q) return Unexpected{q.error()};
  auto row = q->step();
  if (!row) return Unexpected{row.error()};
  return *row ? q->int64(0) : 0;
}

Result<void> Connection::begin_write() {
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < kBeginAttempts; ++attempt) {
    rc = exec_rc("BEGIN IMMEDIATE");
    if (rc == SQLITE_OK) return {};
    if ((rc & 0xff) != SQLITE_BUSY) break;
    // The busy handler has already waited; a short pause lets the other
    // writer's commit finish before trying again.
    std::this_thread::sleep_for(std::chrono::milliseconds(1 + attempt));
  }
  return Unexpected{error(rc)};
}

Result<void> Connection::commit() {
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < kBeginAttempts; ++attempt) {
    rc = exec_rc("COMMIT");
    if (rc == SQLITE_OK) return {};
    if ((rc & 0xff) != SQLITE_BUSY) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1 + attempt));
  }
  return Unexpected{error(rc)};
}

void Connection::rollback() {
  if (db_ != nullptr && sqlite3_get_autocommit(db_) == 0) exec_rc("ROLLBACK");
}

Error Connection::error(int rc) const {
  // sqlite3_errmsg describes the most recent failure on this connection,
  // which is the one being reported.
  return sqlite_error(rc, db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc), path_);
}

}  // namespace trialwise::store::detail

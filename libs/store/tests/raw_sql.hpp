#pragma once

// SQL on a raw connection, for tests that inspect a database file or tamper
// with it behind the store's back.

#include <sqlite3.h>

#include <string>

namespace trialwise::store::testing {

/// Runs `sql` (one or more statements) and returns the first column of the
/// first row, or "" when there is none or the file cannot be opened.
inline std::string raw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = sql.c_str();
    while (*tail != '\0' && sqlite3_prepare_v2(db, tail, -1, &stmt, &tail) == SQLITE_OK && stmt != nullptr) {
      if (sqlite3_step(stmt) == SQLITE_ROW && out.empty() && sqlite3_column_text(stmt, 0) != nullptr)
        out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      sqlite3_finalize(stmt);
      stmt = nullptr;
    }
  }
  sqlite3_close(db);
  return out;
}

}  // namespace trialwise::store::testing

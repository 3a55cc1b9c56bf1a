#pragma once

// Opening the embedded database, shared by every SQLite repository (trials,
// products): the checks before anything is written, WAL, durability and the
// migrations. Private to the store.

#include <cstdint>
#include <optional>
#include <string>

#include "sqlite_db.hpp"
#include "trialwise/core/result.hpp"

namespace trialwise::store::detail {

/// Switches tests use to reach the failures a real machine produces rarely
/// (a full disk, a read-only file) while running as root, for whom file
/// permissions block nothing.
struct SqliteOptions {
  /// Opens with SQLITE_OPEN_READONLY: what SQLite itself does when the file
  /// cannot be opened for writing (chmod 0400 for a normal user). Reads
  /// work; every write fails with SQLITE_READONLY.
  bool read_only = false;
  /// PRAGMA max_page_count after opening. SQLite raises it to the current
  /// size, so 1 means the file cannot grow: the first write that needs a new
  /// page fails with SQLITE_FULL, exactly as on a full disk.
  std::optional<std::int64_t> max_page_count;
};

/// Opens (creating it, mode 0600, and its folder, mode 0700) the database at
/// `path` as open_sqlite documents: identity checked before any write, WAL,
/// synchronous=FULL, foreign keys on, migrated to this build's schema.
Result<Connection> open_database(const std::string& path, const SqliteOptions& options);

}  // namespace trialwise::store::detail

#pragma once

// Private to the store: open_sqlite with the switches tests use to reach the
// failures a real machine produces rarely (a full disk, a read-only file)
// while running as root, for whom file permissions block nothing.

#include <memory>
#include <optional>
#include <string>

#include "trialwise/core/result.hpp"
#include "trialwise/store/repository.hpp"

namespace trialwise::store::detail {

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

/// open_sqlite (see trialwise/store/sqlite.hpp) with test switches.
Result<std::unique_ptr<TrialRepository>> open_sqlite(const std::string& path, const SqliteOptions& options);

}  // namespace trialwise::store::detail

#pragma once

// Creating the database's files with private permissions before SQLite opens
// them: the health log is nobody else's business.

#include <string>

#include "trialwise/core/result.hpp"

namespace trialwise::store::detail {

/// Creates the missing folders of `path`'s parent (mode 0700) and, if `path`
/// does not exist, an empty file there (open O_CREAT|O_EXCL, mode 0600).
/// The folder is synced after a creation. Fails with Errc::io naming the path.
Result<void> ensure_private_file(const std::string& path);

/// Creates `path` as a new empty file, mode 0600, failing with Errc::conflict
/// if it exists already (nothing is overwritten) and Errc::io otherwise.
Result<void> create_new_private_file(const std::string& path);

/// fsyncs the folder holding `path`, so that a file created, or renamed,
/// there is still there after a power cut. Best effort.
void sync_folder(const std::string& path);

/// True when something (a file, a link, a folder) exists at `path`.
bool exists(const std::string& path);

}  // namespace trialwise::store::detail

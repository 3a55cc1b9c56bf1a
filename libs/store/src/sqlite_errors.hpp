#pragma once

// The one place where SQLite's result codes become Errors a person can act
// on. Every SQLite failure in the store goes through sqlite_error().

#include <string>

#include "trialwise/core/error.hpp"

namespace trialwise::store::detail {

/// Maps result code `rc` (primary or extended) of an operation on the
/// database at `path` to an Error with `where` = path; `detail` is SQLite's
/// own message (sqlite3_errmsg), quoted where it helps.
///  - SQLITE_FULL: Errc::io "the disk is full; nothing was saved (PATH)"
///  - SQLITE_READONLY: Errc::io "the database PATH is read-only; ..."
///  - SQLITE_BUSY, SQLITE_LOCKED: Errc::io, another process kept it locked
///  - SQLITE_NOTADB: Errc::invalid_input, not a Trialwise database
///  - SQLITE_CORRUPT: Errc::io, damaged, restore a backup
///  - SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_PERM: Errc::io
///  - SQLITE_NOMEM, SQLITE_TOOBIG: Errc::limit
///  - SQLITE_CONSTRAINT: Errc::conflict
///  - anything else: Errc::internal
Error sqlite_error(int rc, const std::string& detail, const std::string& path);

}  // namespace trialwise::store::detail

#pragma once

#include <memory>
#include <string>

#include "trialwise/core/result.hpp"
#include "trialwise/store/repository.hpp"

namespace trialwise::store {

/// Opens (creating it, mode 0600, and its folder, mode 0700) the SQLite
/// database at `path`, in WAL mode with synchronous=FULL (a write returns only
/// once durable) and a busy timeout, and runs the schema migrations. A
/// database written by a newer Trialwise is refused (Errc::conflict) and left
/// untouched; a file that is not a Trialwise database is refused
/// (Errc::invalid_input). I/O failures are Errc::io with the path. Writes
/// wait for another process's write (5 s busy timeout, retried), so two
/// processes can log at once.
Result<std::unique_ptr<TrialRepository>> open_sqlite(const std::string& path);

/// The schema version this build writes.
int sqlite_schema_version();

/// The schema version of the database file at `path` (0 when there is no
/// file, or an empty one), read without changing anything. A file that is
/// not a Trialwise database: Errc::invalid_input.
Result<int> sqlite_file_schema_version(const std::string& path);

/// Copies the database at `path` to `to` with SQLite's online backup (safe
/// while another process uses it). Refuses to overwrite `to`
/// (Errc::conflict). The copy is one self-contained file, mode 0600, in
/// rollback-journal mode (no -wal beside it); open_sqlite switches a restored
/// copy back to WAL. Errc::not_found if there is no database at `path`.
Result<void> backup_sqlite(const std::string& path, const std::string& to);

/// Replaces the database at `path` with the backup `from`, after checking that
/// `from` is an intact Trialwise database (PRAGMA integrity_check, schema
/// version not newer). The old file is kept beside it as
/// "<path>.before-restore-<UTC time>" (e.g. "20261129T023000Z"), its -wal
/// and -shm moved beside it too; returns that name, or "" when there was no
/// database at `path`. A backup that fails a check is refused with
/// Errc::invalid_input (Errc::conflict if newer, Errc::not_found if absent)
/// and nothing is changed. Run it while no other Trialwise process has the
/// database open: one that does keeps writing to the file moved aside.
Result<std::string> restore_sqlite(const std::string& path, const std::string& from);

}  // namespace trialwise::store

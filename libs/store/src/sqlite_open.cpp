// Opening the embedded database: moved here from sqlite_repository.cpp so the
// trial and product repositories open a file in exactly the same way.

#include "sqlite_open.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "files.hpp"
#include "sqlite_schema.hpp"

namespace trialwise::store::detail {

Result<Connection> open_database(const std::string& path, const SqliteOptions& options) {
  if (path.empty()) return Unexpected{invalid_input("--db", "no database path given")};
  if (!options.read_only) {
    if (auto ok = ensure_private_file(path); !ok) return Unexpected{ok.error()};
  }
  auto db =
      Connection::open(path, (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX);
  if (!db) return Unexpected{db.error()};

  // Nothing is written until the file is known to be ours and not newer:
  // not even the switch to WAL, which rewrites the header.
  auto identity = read_identity(*db);
  if (!identity) return Unexpected{identity.error()};
  if (auto ok = check_identity(*identity, path, /*allow_fresh=*/true); !ok) return Unexpected{ok.error()};

  // Switching to WAL needs the file to itself for a moment, and SQLite
  // returns SQLITE_BUSY here without calling the busy handler (two processes
  // opening a new database at once): wait and retry, up to the busy timeout.
  for (int waited_ms = 0;;) {
    const int rc = db->exec_rc("PRAGMA journal_mode = WAL");
    if (rc == SQLITE_OK) break;
    if ((rc & 0xff) != SQLITE_BUSY || waited_ms >= Connection::kBusyTimeoutMs) return Unexpected{db->error(rc)};
    const int pause = std::min(10, 1 + waited_ms / 10);
    std::this_thread::sleep_for(std::chrono::milliseconds(pause));
    waited_ms += pause;
  }
  auto mode = db->text_of("PRAGMA journal_mode");
  if (!mode) return Unexpected{mode.error()};
  if (*mode != "wal")
    return Unexpected{io_error(path, "cannot switch the database " + path + " to WAL mode (it stays in " + *mode +
                                         " mode); check that its folder is writable")};
  // FULL: in WAL mode a commit is durable once it returns (NORMAL would
  // risk the last commits on power loss).
  if (auto ok = db->exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"); !ok) return Unexpected{ok.error()};
  if (auto ok = migrate(*db); !ok) return Unexpected{ok.error()};
  if (options.max_page_count) {
    const std::string sql = "PRAGMA max_page_count = " + std::to_string(*options.max_page_count);
    if (auto ok = db->exec(sql.c_str()); !ok) return Unexpected{ok.error()};
  }
  return std::move(*db);
}

}  // namespace trialwise::store::detail

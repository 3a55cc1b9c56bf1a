// backup_sqlite and restore_sqlite: whole-file copies through SQLite's online
// backup API, which reads a consistent snapshot even while another process
// writes (WAL readers do not block writers).

#include <chrono>
#include <cstdio>
#include <sqlite3.h>
#include <sys/stat.h>
#include <thread>

#include "files.hpp"
#include "sqlite_db.hpp"
#include "sqlite_schema.hpp"
#include "trialwise/store/sqlite.hpp"
#include "utc_time.hpp"

namespace trialwise::store {
namespace {

using detail::Connection;

// The side files SQLite may keep beside a database.
constexpr const char* kSideFiles[] = {"-wal", "-shm", "-journal"};

// Copies every page of `from` into `to` (an open, empty database).
Result<void> copy_pages(Connection& from, Connection& to) {
  sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (backup == nullptr) return Unexpected{to.error(sqlite3_errcode(to.get()))};
  int rc = SQLITE_OK;
  for (int busy = 0;;) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_DONE) break;
    const int primary = rc & 0xff;
    if ((primary == SQLITE_BUSY || primary == SQLITE_LOCKED) && ++busy < 500) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    break;
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    // The source's error if the reading failed, else the destination's.
    const int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Unexpected{from.error(rc)};
    return Unexpected{sqlite3_errcode(from.get()) != SQLITE_OK ? from.error(rc) : to.error(rc)};
  }
  return {};
}

void remove_with_side_files(const std::string& path) {
  std::remove(path.c_str());
  for (const char* side : kSideFiles) std::remove((path + side).c_str());
}

// Opens `from` read-only and checks it is an intact Trialwise database this
// build can read. Any failure is Errc::invalid_input naming `from`, except a
// newer schema (Errc::conflict).
Result<Connection> open_backup(const std::string& from, const std::string& path) {
  const auto refuse = [&](const std::string& why) {
    return Unexpected{invalid_input(
        from, from + " is not an intact Trialwise database (" + why + "); nothing was changed at " + path)};
  };
  if (!detail::exists(from)) return Unexpected{not_found(from, "there is no file " + from)};
  auto db = Connection::open(from, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!db) return refuse(db.error().message);
  auto id = detail::read_identity(*db);
  if (!id) return refuse(id.error().message);
  if (auto ok = detail::check_identity(*id, from, /*allow_fresh=*/false); !ok) {
    if (ok.error().code == Errc::conflict) return Unexpected{ok.error()};
    return refuse("it belongs to another program");
  }
  auto check = db->query("PRAGMA integrity_check");
  if (!check) return refuse(check.error().message);
  auto row = check->step();
  if (!row) return refuse(row.error().message);
  if (!*row) return refuse("the integrity check gave no answer");
  if (const std::string verdict = check->text(0); verdict != "ok") return refuse("integrity check: " + verdict);
  return db;
}

}  // namespace

Result<void> backup_sqlite(const std::string& path, const std::string& to) {
  if (!detail::exists(path)) return Unexpected{not_found(path, "there is no database at " + path)};
  auto src = Connection::open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!src) return Unexpected{src.error()};
  auto id = detail::read_identity(*src);
  if (!id) return Unexpected{id.error()};
  if (id->application_id != detail::kApplicationId)
    return Unexpected{invalid_input(path, path + " is not a Trialwise database; nothing was copied")};

  if (auto ok = detail::create_new_private_file(to); !ok) return ok;
  auto copied = [&]() -> Result<void> {
    auto dst = Connection::open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
    if (!dst) return Unexpected{dst.error()};
    if (auto ok = copy_pages(*src, *dst); !ok) return ok;
    // A backup is one self-contained file: no WAL beside it to lose.
    auto mode = dst->text_of("PRAGMA journal_mode = DELETE");
    if (!mode) return Unexpected{mode.error()};
    return {};
  }();
  if (!copied) remove_with_side_files(to);
  return copied;
}

Result<std::string> restore_sqlite(const std::string& path, const std::string& from) {
  struct stat a {
  }, b{};
  if (::stat(path.c_str(), &a) == 0 && ::stat(from.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
    return Unexpected{invalid_input(from, from + " is the database itself; give a backup file")};

  // Everything about the backup is checked before the current file is touched.
  auto src = open_backup(from, path);
  if (!src) return Unexpected{src.error()};

  std::string kept;
  if (detail::exists(path)) {
    // Fold the WAL into the file first, so the kept file stands alone. Best
    // effort: a damaged database (the usual reason to restore) may refuse,
    // and its -wal and -shm move aside with it anyway.
    if (auto current = Connection::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX)) {
      (void)current->exec_rc("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const std::string base = path + ".before-restore-" + detail::utc_compact(std::chrono::system_clock::now());
    kept = base;
    for (int n = 2; detail::exists(kept); ++n) kept = base + "-" + std::to_string(n);
    if (std::rename(path.c_str(), kept.c_str()) != 0)
      return Unexpected{io_error(path, "cannot move " + path + " aside to " + kept + "; nothing was changed")};
    for (const char* side : kSideFiles) {
      if (detail::exists(path + side)) std::rename((path + side).c_str(), (kept + side).c_str());
    }
  }

  auto copied = [&]() -> Result<void> {
    if (auto ok = detail::ensure_private_file(path); !ok) return ok;
    auto dst = Connection::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
    if (!dst) return Unexpected{dst.error()};
    return copy_pages(*src, *dst);
  }();
  if (!copied) {
    // Put the old database back as it was.
    remove_with_side_files(path);
    if (!kept.empty()) {
      std::rename(kept.c_str(), path.c_str());
      for (const char* side : kSideFiles) {
        if (detail::exists(kept + side)) std::rename((kept + side).c_str(), (path + side).c_str());
      }
    }
    if (!kept.empty()) detail::sync_folder(path);
    return Unexpected{copied.error()};
  }
  detail::sync_folder(path);
  return kept;
}

}  // namespace trialwise::store

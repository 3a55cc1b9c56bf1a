#include "sqlite_errors.hpp"

#include <sqlite3.h>

namespace trialwise::store::detail {

Error sqlite_error(int rc, const std::string& detail, const std::string& path) {
  const auto make = [&](Errc code, std::string message) { return Error{code, std::move(message), path}; };
  switch (rc & 0xff) {
    case SQLITE_FULL: return make(Errc::io, "the disk is full; nothing was saved (" + path + ")");
    case SQLITE_READONLY:
      return make(Errc::io, "the database " + path +
                                " is read-only; nothing was saved (check the permissions of the file and its folder)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return make(Errc::io, "the database " + path +
                                " is busy: another program kept it locked for too long; nothing was saved, try again");
    case SQLITE_NOTADB:
      return make(Errc::invalid_input,
                  path + " is not a Trialwise database (not an SQLite file); it was left unchanged");
    case SQLITE_CORRUPT:
      return make(Errc::io, "the database " + path + " is damaged (" + detail +
                                "); restore a backup with `trialwise restore FILE`");
    case SQLITE_CANTOPEN:
      return make(Errc::io, "cannot open the database " + path + " (" + detail +
                                "); check that the file and its folder exist and are writable");
    case SQLITE_IOERR:
      return make(Errc::io, "reading or writing the database " + path + " failed (" + detail +
                                "); the last change may not have been saved");
    case SQLITE_PERM:
    case SQLITE_AUTH: return make(Errc::io, "no permission to use the database " + path + " (" + detail + ")");
    case SQLITE_NOMEM: return make(Errc::limit, "out of memory while using the database " + path);
    case SQLITE_TOOBIG: return make(Errc::limit, "a value is too large to store in the database " + path);
    case SQLITE_CONSTRAINT:
      return make(Errc::conflict, "the change contradicts what is saved (" + detail + "); nothing was saved");
    default:
      return make(Errc::internal, "SQLite failed on " + path + ": " + detail + " (code " + std::to_string(rc) + ")");
  }
}

}  // namespace trialwise::store::detail

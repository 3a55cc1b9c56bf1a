#pragma once

// Where the data lives, named once by a front end (a --db flag, a server's
// configuration) and opened here: the front ends never open a store
// themselves. The embedded SQLite file (a path), or a shared PostgreSQL
// database (a postgresql:// URI), behind the same object.

#include <memory>
#include <string>

#include "trialwise/core/result.hpp"
#include "trialwise/store/accounts.hpp"
#include "trialwise/store/copy.hpp"
#include "trialwise/store/products.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/store/sharing.hpp"

namespace trialwise::service {

class Database {
 public:
  /// Opens the database at `target`, creating and migrating it: a file path
  /// (store::open_sqlite) or a postgresql:// URI (store::open_postgres). A
  /// newer schema is refused untouched (Errc::conflict), a file or database
  /// that is not Trialwise's Errc::invalid_input, a PostgreSQL server that
  /// cannot be reached Errc::unavailable.
  static Result<Database> open(std::string target);

  /// Like open, but when no file exists at `target` yet, a Database that
  /// creates nothing and has no products: for commands that only read. (A
  /// PostgreSQL database always exists; it is opened as by open.)
  static Result<Database> open_if_exists(std::string target);

  /// The path or URI as given (a URI may hold a password: use name() in messages).
  const std::string& path() const { return path_; }
  /// The path, or the URI without its password.
  std::string name() const;
  /// True for a PostgreSQL database.
  bool shared() const { return postgres_; }
  /// False when opened with open_if_exists and nothing exists there.
  bool exists() const { return exists_; }

  /// A new connection to the trials, for one thread at a time.
  /// Errc::not_found when nothing exists.
  Result<std::unique_ptr<store::TrialRepository>> trials() const;

  /// A connection to the imported products, or nullptr when the database was
  /// opened with open_if_exists and does not exist.
  Result<std::unique_ptr<store::ProductRepository>> products() const;

  /// A connection to the accounts and sessions. Errc::not_found when nothing exists.
  Result<std::unique_ptr<store::AccountRepository>> accounts() const;

  /// A connection to invitations, shares and the access log. Errc::not_found when nothing exists.
  Result<std::unique_ptr<store::SharingRepository>> sharing() const;

 private:
  Database(std::string path, bool exists, bool postgres)
      : path_(std::move(path)), exists_(exists), postgres_(postgres) {}

  std::string path_;
  bool exists_;
  bool postgres_;
};

/// Copies the database at `path` to `to` while it may be in use
/// (store::backup_sqlite); creates nothing at `path`. A PostgreSQL database
/// is backed up with PostgreSQL's own tools (docs/deploy.md): Errc::invalid_input.
Result<void> backup_database(const std::string& path, const std::string& to);

/// Replaces the database at `path` with the backup `from`, checked first
/// (store::restore_sqlite); returns the name the previous file is kept under.
/// Not for a PostgreSQL database (Errc::invalid_input).
Result<std::string> restore_database(const std::string& path, const std::string& from);

/// What `trialwise db migrate` did: the schema version before and after.
struct Migration {
  int from = 0;
  int to = 0;
};

/// Brings the database at `target` (a path or a postgresql:// URI) to this
/// build's schema, creating it if need be. A newer schema is refused,
/// untouched (Errc::conflict).
Result<Migration> migrate_database(const std::string& target);

/// Copies every row from one database to another, all or nothing, checked
/// row by row before it commits (store::copy_database).
Result<store::CopyReport> copy_database(const std::string& from, const std::string& to);

}  // namespace trialwise::service

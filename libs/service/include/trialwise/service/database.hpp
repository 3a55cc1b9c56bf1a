#pragma once

// Where the data lives, named once by a front end (a --db flag, a server's
// configuration) and opened here: the front ends never open a store
// themselves. Today the embedded SQLite file; PostgreSQL joins behind the
// same object.

#include <memory>
#include <string>

#include "trialwise/core/result.hpp"
#include "trialwise/store/accounts.hpp"
#include "trialwise/store/products.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/store/sharing.hpp"

namespace trialwise::service {

class Database {
 public:
  /// Opens the database at `path`, creating and migrating it (see
  /// store::open_sqlite): a newer schema is refused untouched (Errc::conflict),
  /// a file that is not a Trialwise database Errc::invalid_input.
  static Result<Database> open(std::string path);

  /// Like open, but when nothing exists at `path` yet, a Database that
  /// creates nothing and has no products: for commands that only read.
  static Result<Database> open_if_exists(std::string path);

  const std::string& path() const { return path_; }
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
  Database(std::string path, bool exists) : path_(std::move(path)), exists_(exists) {}

  std::string path_;
  bool exists_;
};

/// Copies the database at `path` to `to` while it may be in use
/// (store::backup_sqlite); creates nothing at `path`.
Result<void> backup_database(const std::string& path, const std::string& to);

/// Replaces the database at `path` with the backup `from`, checked first
/// (store::restore_sqlite); returns the name the previous file is kept under.
Result<std::string> restore_database(const std::string& path, const std::string& from);

}  // namespace trialwise::service

#include "trialwise/service/database.hpp"

#include <filesystem>
#include <system_error>

#include "trialwise/store/sqlite.hpp"

namespace trialwise::service {

Result<Database> Database::open(std::string path) {
  // Opened once here so that a bad file is reported before any work starts.
  if (auto first = store::open_sqlite(path); !first) return Unexpected{first.error()};
  return Database(std::move(path), true);
}

Result<Database> Database::open_if_exists(std::string path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Database(std::move(path), false);
  return open(std::move(path));
}

Result<std::unique_ptr<store::TrialRepository>> Database::trials() const {
  if (!exists_) return Unexpected{not_found(path_, "no database here yet")};
  return store::open_sqlite(path_);
}

Result<std::unique_ptr<store::ProductRepository>> Database::products() const {
  if (!exists_) return std::unique_ptr<store::ProductRepository>();
  return store::open_sqlite_products(path_);
}

Result<std::unique_ptr<store::AccountRepository>> Database::accounts() const {
  if (!exists_) return Unexpected{not_found(path_, "no database here yet")};
  return store::open_sqlite_accounts(path_);
}

Result<std::unique_ptr<store::SharingRepository>> Database::sharing() const {
  if (!exists_) return Unexpected{not_found(path_, "no database here yet")};
  return store::open_sqlite_sharing(path_);
}

Result<void> backup_database(const std::string& path, const std::string& to) { return store::backup_sqlite(path, to); }

Result<std::string> restore_database(const std::string& path, const std::string& from) {
  return store::restore_sqlite(path, from);
}

}  // namespace trialwise::service

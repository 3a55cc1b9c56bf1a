#include "trialwise/service/database.hpp"

#include <filesystem>
#include <system_error>

#include "trialwise/store/postgres.hpp"
#include "trialwise/store/sqlite.hpp"

namespace trialwise::service {
namespace {

Error sqlite_only(const std::string& target, const char* what) {
  return invalid_input("--db", std::string(what) +
                                   " works on the embedded SQLite file, not on the PostgreSQL database " +
                                   store::redacted_uri(target) +
                                   ": use PostgreSQL's own tools (pg_dump, pg_basebackup; see docs/deploy.md)");
}

}  // namespace

Result<Database> Database::open(std::string target) {
  // Opened once here so that a bad file or an unreachable server is
  // reported before any work starts.
  const bool postgres = store::is_postgres_uri(target);
  if (postgres) {
    if (auto first = store::open_postgres(target); !first) return Unexpected{first.error()};
  } else if (auto first = store::open_sqlite(target); !first) {
    return Unexpected{first.error()};
  }
  return Database(std::move(target), true, postgres);
}

Result<Database> Database::open_if_exists(std::string target) {
  std::error_code ec;
  if (!store::is_postgres_uri(target) && !std::filesystem::exists(target, ec))
    return Database(std::move(target), false, false);
  return open(std::move(target));
}

std::string Database::name() const { return postgres_ ? store::redacted_uri(path_) : path_; }

Result<std::unique_ptr<store::TrialRepository>> Database::trials() const {
  if (!exists_) return Unexpected{not_found(path_, "no database here yet")};
  return postgres_ ? store::open_postgres(path_) : store::open_sqlite(path_);
}

Result<std::unique_ptr<store::ProductRepository>> Database::products() const {
  if (!exists_) return std::unique_ptr<store::ProductRepository>();
  return postgres_ ? store::open_postgres_products(path_) : store::open_sqlite_products(path_);
}

Result<std::unique_ptr<store::AccountRepository>> Database::accounts() const {
  if (!exists_) return Unexpected{not_found(path_, "no database here yet")};
  return postgres_ ? store::open_postgres_accounts(path_) : store::open_sqlite_accounts(path_);
}

Result<std::unique_ptr<store::SharingRepository>> Database::sharing() const {
  if (!exists_) return Unexpected{not_found(path_, "no database here yet")};
  return postgres_ ? store::open_postgres_sharing(path_) : store::open_sqlite_sharing(path_);
}

Result<void> backup_database(const std::string& path, const std::string& to) {
  if (store::is_postgres_uri(path)) return Unexpected{sqlite_only(path, "backup")};
  return store::backup_sqlite(path, to);
}

Result<std::string> restore_database(const std::string& path, const std::string& from) {
  if (store::is_postgres_uri(path)) return Unexpected{sqlite_only(path, "restore")};
  return store::restore_sqlite(path, from);
}

Result<Migration> migrate_database(const std::string& target) {
  const bool postgres = store::is_postgres_uri(target);
  auto before = postgres ? store::postgres_schema_version(target) : store::sqlite_file_schema_version(target);
  if (!before) return Unexpected{before.error()};
  if (auto opened = Database::open(target); !opened) return Unexpected{opened.error()};
  return Migration{*before, store::sqlite_schema_version()};
}

Result<store::CopyReport> copy_database(const std::string& from, const std::string& to) {
  return store::copy_database(from, to);
}

}  // namespace trialwise::service

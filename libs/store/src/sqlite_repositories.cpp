// Opening each repository on the embedded SQLite database: one connection
// each, opened as open_sqlite documents (sqlite_open.hpp).

#include <sqlite3.h>

#include "files.hpp"
#include "sql_repositories.hpp"
#include "sqlite_repository.hpp"
#include "sqlite_schema.hpp"
#include "trialwise/store/sqlite.hpp"

namespace trialwise::store {
namespace detail {
namespace {

template <class Repository, class Make>
Result<std::unique_ptr<Repository>> open_with(const std::string& path, const SqliteOptions& options, Make make) {
  auto db = open_database(path, options);
  if (!db) return Unexpected{db.error()};
  return make(std::make_unique<Connection>(std::move(*db)));
}

}  // namespace

Result<std::unique_ptr<TrialRepository>> open_sqlite(const std::string& path, const SqliteOptions& options) {
  return open_with<TrialRepository>(path, options, make_sql_trials);
}

}  // namespace detail

Result<std::unique_ptr<TrialRepository>> open_sqlite(const std::string& path) {
  return detail::open_sqlite(path, detail::SqliteOptions{});
}

Result<std::unique_ptr<ProductRepository>> open_sqlite_products(const std::string& path) {
  return detail::open_with<ProductRepository>(path, detail::SqliteOptions{}, detail::make_sql_products);
}

Result<std::unique_ptr<AccountRepository>> open_sqlite_accounts(const std::string& path) {
  return detail::open_with<AccountRepository>(path, detail::SqliteOptions{}, detail::make_sql_accounts);
}

Result<std::unique_ptr<SharingRepository>> open_sqlite_sharing(const std::string& path) {
  return detail::open_with<SharingRepository>(path, detail::SqliteOptions{}, detail::make_sql_sharing);
}

int sqlite_schema_version() { return detail::schema_version(); }

Result<int> sqlite_file_schema_version(const std::string& path) {
  if (!detail::exists(path)) return 0;
  auto db = detail::Connection::open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!db) return Unexpected{db.error()};
  auto id = detail::read_identity(*db);
  if (!id) return Unexpected{id.error()};
  // Newer is not refused here: the version is what the caller asked for.
  if (!id->fresh() && id->application_id != detail::kApplicationId)
    return Unexpected{invalid_input(path, path + " is an SQLite database of another program, not Trialwise")};
  return static_cast<int>(id->user_version);
}

}  // namespace trialwise::store

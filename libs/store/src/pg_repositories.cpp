// Opening each repository on a PostgreSQL database: one connection each,
// checked and migrated as trialwise/store/postgres.hpp documents.

#include "pg_db.hpp"
#include "pg_schema.hpp"
#include "sql_repositories.hpp"
#include "trialwise/store/postgres.hpp"

namespace trialwise::store {
namespace {

template <class Repository, class Make>
Result<std::unique_ptr<Repository>> open_with(const std::string& uri, Make make) {
  auto db = detail::PgConnection::open(uri);
  if (!db) return Unexpected{db.error()};
  if (auto ok = detail::pg_migrate(**db); !ok) return Unexpected{ok.error()};
  return make(std::move(*db));
}

}  // namespace

bool is_postgres_uri(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

std::string redacted_uri(std::string_view uri) { return detail::redact_uri(uri); }

Result<std::unique_ptr<TrialRepository>> open_postgres(const std::string& uri) {
  return open_with<TrialRepository>(uri, detail::make_sql_trials);
}

Result<std::unique_ptr<ProductRepository>> open_postgres_products(const std::string& uri) {
  return open_with<ProductRepository>(uri, detail::make_sql_products);
}

Result<std::unique_ptr<AccountRepository>> open_postgres_accounts(const std::string& uri) {
  return open_with<AccountRepository>(uri, detail::make_sql_accounts);
}

Result<std::unique_ptr<SharingRepository>> open_postgres_sharing(const std::string& uri) {
  return open_with<SharingRepository>(uri, detail::make_sql_sharing);
}

Result<int> postgres_schema_version(const std::string& uri) {
  auto db = detail::PgConnection::open(uri);
  if (!db) return Unexpected{db.error()};
  return detail::pg_read_version(**db);
}

}  // namespace trialwise::store

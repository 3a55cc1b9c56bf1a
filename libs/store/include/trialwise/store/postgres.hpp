#pragma once

// The shared database: PostgreSQL, for a clinic with several `trialwise
// serve` processes in front of one database. The same repositories and the
// same schema versions as the embedded SQLite file.

#include <memory>
#include <string>
#include <string_view>

#include "trialwise/core/result.hpp"
#include "trialwise/store/accounts.hpp"
#include "trialwise/store/products.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/store/sharing.hpp"

namespace trialwise::store {

/// True when `target` names a PostgreSQL database ("postgresql://..." or
/// "postgres://..."), not a file.
bool is_postgres_uri(std::string_view target);

/// `uri` with any password replaced by "***", for messages and logs.
std::string redacted_uri(std::string_view uri);

/// Opens a connection to the PostgreSQL database `uri` (libpq's URI form,
/// e.g. postgresql://trialwise@db.example/trialwise?sslmode=verify-full) and
/// brings an empty database to this build's schema (the same version as
/// sqlite_schema_version()). Refused, untouched: a database with tables that
/// is not Trialwise's (Errc::invalid_input), one written by a newer Trialwise
/// (Errc::conflict). A server that cannot be reached: Errc::unavailable.
/// Every write is one SERIALIZABLE transaction with synchronous_commit on,
/// run again when the server asks (concurrent writers); a dropped connection
/// is re-opened before the next call.
Result<std::unique_ptr<TrialRepository>> open_postgres(const std::string& uri);
Result<std::unique_ptr<ProductRepository>> open_postgres_products(const std::string& uri);
Result<std::unique_ptr<AccountRepository>> open_postgres_accounts(const std::string& uri);
Result<std::unique_ptr<SharingRepository>> open_postgres_sharing(const std::string& uri);

/// The schema version of the database at `uri` (0 when empty), without
/// changing anything: what `trialwise db migrate` reports before it runs.
Result<int> postgres_schema_version(const std::string& uri);

}  // namespace trialwise::store

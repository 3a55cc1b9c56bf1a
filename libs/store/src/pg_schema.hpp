#pragma once

// The PostgreSQL schema: which databases are Trialwise's, and the versioned
// migrations that bring one to this build's schema, numbered as SQLite's.

#include "pg_db.hpp"
#include "trialwise/core/result.hpp"

namespace trialwise::store::detail {

/// The schema version this build writes: the same as SQLite's.
int pg_target_version();

/// The schema version of the database (0 when it has no tables), read
/// without writing. Errc::invalid_input for a database with tables that
/// are not Trialwise's.
Result<int> pg_read_version(PgConnection& db);

/// Refuses a newer schema (Errc::conflict), untouched; applies the
/// migrations an older one lacks, each in one transaction holding an
/// advisory lock (several servers may start at once).
Result<void> pg_migrate(PgConnection& db);

}  // namespace trialwise::store::detail

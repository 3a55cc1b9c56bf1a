#pragma once

// The SQLite schema: which files are Trialwise databases, and the versioned
// migrations that bring one up to this build's schema.

#include <cstdint>

#include "sqlite_db.hpp"
#include "trialwise/core/result.hpp"

namespace trialwise::store::detail {

/// PRAGMA application_id of every Trialwise database ("TrWi").
inline constexpr std::int64_t kApplicationId = 0x54725769;

/// How many migrations this build knows: the user_version it writes.
int schema_version();

/// What a database file says about itself, read without writing anything.
struct Identity {
  std::int64_t application_id = 0;
  std::int64_t user_version = 0;
  std::int64_t objects = 0;  // rows in sqlite_schema
  bool fresh() const { return application_id == 0 && user_version == 0 && objects == 0; }
};

/// Reads application_id, user_version and the number of schema objects.
/// A file that is not SQLite fails with Errc::invalid_input.
Result<Identity> read_identity(Connection& db);

/// Refuses, before anything is written: a file that is neither a Trialwise
/// database nor an empty one (Errc::invalid_input), and one written by a
/// newer Trialwise (Errc::conflict). `allow_fresh` accepts an empty database.
Result<void> check_identity(const Identity& id, const std::string& path, bool allow_fresh);

/// Applies the migrations the database lacks, each in its own BEGIN
/// IMMEDIATE transaction that re-reads user_version first (two processes
/// may open a new database at once).
Result<void> migrate(Connection& db);

}  // namespace trialwise::store::detail

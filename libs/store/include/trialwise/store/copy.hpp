#pragma once

// Moving a practice between the embedded SQLite file and a shared PostgreSQL
// database (and back): every row of every table, all or nothing.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "trialwise/core/result.hpp"

namespace trialwise::store {

/// What a copy moved: each table with its number of rows, in copy order.
struct CopyReport {
  std::vector<std::pair<std::string, std::int64_t>> tables;
};

/// Copies every row of the database `from` into the database `to`, each
/// named by a postgresql:// URI, "sqlite:PATH" or a plain path. Both are
/// opened as the repositories open them (created and migrated to this
/// build's schema; refused if newer). Ids, times and every version of every
/// day are kept; the running totals are rebuilt by the destination's own
/// triggers. One read transaction on `from` (a consistent snapshot while
/// others write) and one write transaction on `to`: before it commits, every
/// table of `to` (the totals too) is read back and compared, value for value,
/// with `from`; any difference rolls the whole copy back (Errc::internal).
/// Refused, nothing written: a destination that holds any row already
/// (Errc::conflict), the same database on both sides (Errc::invalid_input).
Result<CopyReport> copy_database(const std::string& from, const std::string& to);

}  // namespace trialwise::store

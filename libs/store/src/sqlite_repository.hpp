#pragma once

// Private to the store: open_sqlite with the switches tests use to reach the
// failures a real machine produces rarely (SqliteOptions, in sqlite_open.hpp).

#include <memory>
#include <string>

#include "sqlite_open.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/store/repository.hpp"

namespace trialwise::store::detail {

/// open_sqlite (see trialwise/store/sqlite.hpp) with test switches.
Result<std::unique_ptr<TrialRepository>> open_sqlite(const std::string& path, const SqliteOptions& options);

}  // namespace trialwise::store::detail

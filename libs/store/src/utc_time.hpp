#pragma once

// The store's timestamps: recorded_at and created_at are UTC wall-clock times
// with whole seconds (core/utc_time.hpp), the same in every implementation.

#include <chrono>
#include <string>

#include "trialwise/core/utc_time.hpp"

namespace trialwise::store::detail {

using trialwise::utc_compact;
using trialwise::utc_iso8601;

/// utc_iso8601 of now.
inline std::string utc_now() { return utc_iso8601(std::chrono::system_clock::now()); }

}  // namespace trialwise::store::detail

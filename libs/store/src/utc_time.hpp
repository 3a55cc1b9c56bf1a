#pragma once

// The store's timestamps: recorded_at and created_at are UTC wall-clock times
// with whole seconds, the same in every implementation.

#include <chrono>
#include <string>

namespace trialwise::store::detail {

/// `t` as ISO 8601 UTC with seconds: "2026-11-29T02:30:00Z".
std::string utc_iso8601(std::chrono::system_clock::time_point t);

/// `t` in the basic ISO 8601 form, safe in file names (no colons):
/// "20261129T023000Z".
std::string utc_compact(std::chrono::system_clock::time_point t);

/// utc_iso8601 of now.
inline std::string utc_now() { return utc_iso8601(std::chrono::system_clock::now()); }

}  // namespace trialwise::store::detail

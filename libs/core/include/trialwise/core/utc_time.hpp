#pragma once

// UTC times as Trialwise writes them: ISO 8601 with whole seconds,
// "2026-11-29T02:30:00Z" (stored times, FHIR timestamps, sessions).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace trialwise {

/// `t` as "2026-11-29T02:30:00Z" (rounded down to the second).
std::string utc_iso8601(std::chrono::system_clock::time_point t);

/// `t` in the basic ISO 8601 form, safe in file names: "20261129T023000Z".
std::string utc_compact(std::chrono::system_clock::time_point t);

/// The reverse of utc_iso8601; nothing for text that is not such a time.
std::optional<std::chrono::system_clock::time_point> parse_utc_iso8601(std::string_view text);

}  // namespace trialwise

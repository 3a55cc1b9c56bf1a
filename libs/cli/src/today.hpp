#pragma once

#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"

namespace trialwise::cli {

/// Today's date where the person is (the local calendar day). The
/// environment variable TRIALWISE_TODAY=YYYY-MM-DD overrides it, for tests
/// and demonstrations; a malformed value is an error naming the variable.
Result<Date> today();

}  // namespace trialwise::cli

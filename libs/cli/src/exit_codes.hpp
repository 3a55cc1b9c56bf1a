#pragma once

#include "trialwise/cli/cli.hpp"
#include "trialwise/core/error.hpp"

namespace trialwise::cli {

/// The one table from error kinds to exit codes.
int exit_code(Errc code) noexcept;

}  // namespace trialwise::cli

#pragma once

namespace trialwise::stats::detail {

// R's lm() declares a column aliased when orthogonalising it against the
// earlier columns leaves less than this fraction of its norm (dqrdc2's tol).
// Matching it means that what R would drop as NA, we refuse. The regression
// and the meta-regression's moderators both use it.
inline constexpr double kCollinearTolerance = 1e-7;

}  // namespace trialwise::stats::detail

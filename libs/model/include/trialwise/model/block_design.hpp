#pragma once

#include <cstdint>
#include <vector>

namespace trialwise::model {

/// A randomized block design: after the baseline, the active period is cut
/// into blocks of `block_days`; block i is taken ("on") when on[i] holds and
/// not taken ("off") otherwise. Blocks come in pairs, one on and one off, in
/// an order drawn from `seed` at the start and fixed from then on.
struct BlockDesign {
  int block_days = 7;
  std::vector<bool> on;
  std::uint64_t seed = 0;
};

}  // namespace trialwise::model

#include "trialwise/stats/randomization.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <string>

namespace trialwise::stats {
namespace {

constexpr std::size_t kMaxPairs = 20;

// Ties are decided within this fraction of the largest |y|: two orders whose
// statistics are equal in exact arithmetic can differ by round-off, because
// the same values are summed in a different grouping.
constexpr double kTieTolerance = 1e-12;

std::string pair_name(std::size_t pair) {
  return "blocks " + std::to_string(2 * pair) + " and " + std::to_string(2 * pair + 1);
}

}  // namespace

namespace detail {
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
}  // namespace detail

Result<RandomizationTest> block_randomization_test(std::span<const BlockObservation> obs, std::span<const bool> on,
                                                   int direction) {
  const std::size_t blocks = on.size();
  if (blocks % 2 != 0)
    return Unexpected{invalid_input("on", "the design has " + std::to_string(blocks) +
                                              " blocks; blocks come in on/off pairs, so their number must be even")};
  const std::size_t pairs = blocks / 2;
  for (std::size_t p = 0; p < pairs; ++p)
    if (on[2 * p] == on[2 * p + 1])
      return Unexpected{invalid_input(
          "on", pair_name(p) + " must be one on and one off, but both are " + (on[2 * p] ? "on" : "off"))};
  if (direction != 1 && direction != -1)
    return Unexpected{invalid_input(
        "direction", "must be +1 (higher is better) or -1 (lower is better), not " + std::to_string(direction))};
  if (pairs > kMaxPairs)
    return Unexpected{limit_reached("on", "the test enumerates 2^pairs orders and allows at most " +
                                              std::to_string(kMaxPairs) + " pairs; the design has " +
                                              std::to_string(pairs))};

  // Every order only regroups whole blocks, so per-block sums and counts are
  // all the statistic needs.
  std::vector<double> sum(blocks, 0.0);
  std::vector<std::size_t> count(blocks, 0);
  double scale = 0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const auto& o = obs[i];
    const std::string where = "observation " + std::to_string(i);
    if (o.block < 0 || static_cast<std::size_t>(o.block) >= blocks)
      return Unexpected{invalid_input(where, "block " + std::to_string(o.block) + " is outside 0.." +
                                                 std::to_string(static_cast<long long>(blocks) - 1))};
    if (!std::isfinite(o.y)) return Unexpected{invalid_input(where, "y is not a finite number")};
    sum[static_cast<std::size_t>(o.block)] += o.y;
    ++count[static_cast<std::size_t>(o.block)];
    scale = std::max(scale, std::abs(o.y));
  }

  // Order `mask`: in pair p the first block is on when bit p is 0, the second
  // when it is 1. Both groups are summed the same way in every order (pair by
  // pair), so the observed order's statistic is reproduced bit for bit.
  struct Stat {
    bool defined;
    double value;
  };
  const auto statistic = [&](std::uint32_t mask) {
    double on_sum = 0, off_sum = 0;
    std::size_t on_n = 0, off_n = 0;
    for (std::size_t p = 0; p < pairs; ++p) {
      const std::size_t first_on = ((mask >> p) & 1U) == 0 ? 2 * p : 2 * p + 1;
      const std::size_t off = first_on ^ 1U;
      on_sum += sum[first_on];
      on_n += count[first_on];
      off_sum += sum[off];
      off_n += count[off];
    }
    if (on_n == 0 || off_n == 0) return Stat{false, 0.0};
    return Stat{true, direction * (on_sum / static_cast<double>(on_n) - off_sum / static_cast<double>(off_n))};
  };

  std::uint32_t observed_mask = 0;
  for (std::size_t p = 0; p < pairs; ++p)
    if (on[2 * p + 1]) observed_mask |= 1U << p;
  const Stat observed = statistic(observed_mask);
  if (!observed.defined)
    return Unexpected{invalid_input("observations",
                                    "the order used has no observation in its on blocks or none in "
                                    "its off blocks, so there is nothing to compare")};

  const double threshold = observed.value - kTieTolerance * scale;
  std::uint32_t defined = 0, at_least = 0;
  const std::uint32_t total = 1U << pairs;
  for (std::uint32_t mask = 0; mask < total; ++mask) {
    const Stat s = statistic(mask);
    if (!s.defined) continue;
    ++defined;
    if (s.value >= threshold) ++at_least;
  }
  RandomizationTest out;
  out.observed = observed.value;
  out.orders = static_cast<int>(defined);
  out.p_value = static_cast<double>(at_least) / static_cast<double>(defined);
  return out;
}

std::vector<bool> draw_block_order(int blocks, std::uint64_t seed) {
  assert(blocks >= 0 && blocks % 2 == 0);
  if (blocks <= 0) return {};
  const auto size = static_cast<std::size_t>(blocks);
  std::vector<bool> order(size, false);
  std::uint64_t state = seed;
  for (std::size_t first = 0; first + 1 < size; first += 2) {
    const bool off_first = (detail::splitmix64(state) >> 63) != 0;
    order[first] = !off_first;
    order[first + 1] = off_first;
  }
  return order;
}

}  // namespace trialwise::stats

#pragma once

// The exact randomization test of a randomized block N-of-1 design, and the
// seeded draw of the block order for `start --design blocks --seed N`.
//
// The design: the trial is split into blocks 0..blocks-1 of equal length, and
// consecutive blocks form pairs (0,1), (2,3), ...; in each pair one block is
// "on" (taking the supplement) and the other "off", the order within the pair
// chosen at random. The test asks how unusual the observed on-minus-off
// difference is among all the orders the randomization could have produced,
// so it needs no assumption about the distribution of the outcome.
//
// Pure functions, thread-safe.

#include <cstdint>
#include <span>
#include <vector>

#include "trialwise/core/result.hpp"

namespace trialwise::stats {

/// One measured outcome: the block it was measured in, and its value.
struct BlockObservation {
  int block = 0;  ///< block index, 0..blocks-1
  double y = 0;   ///< the outcome
};

/// The result of block_randomization_test().
struct RandomizationTest {
  /// mean(y on on-blocks) - mean(y on off-blocks), times `direction`, so that
  /// larger always means "the supplement looks better".
  double observed = 0;
  /// One-sided: the share of orders whose statistic is >= `observed`, where
  /// statistics within 1e-12 times the largest |y| of it count as ties, hence
  /// as >=. The observed order is among them, so p_value >= 1/orders: never 0.
  double p_value = 1;
  /// Orders the p-value is taken over: 2^(blocks/2), less any orders that
  /// would leave the on or the off group without a single observation (their
  /// statistic is undefined). With at least one observation in every block
  /// this is exactly 2^(blocks/2).
  int orders = 0;
};

/// The exact randomization test: enumerates all 2^(blocks/2) orders that swap
/// on and off within pairs, computes the statistic of each on the same
/// observations relabelled, and counts those at least as large as the
/// observed one.
///
/// - `obs`: the observations, in any order, any number per block (a block may
///   have none: missed days).
/// - `on`: for each block, whether it was an on block in the order actually
///   used; its size is the number of blocks.
/// - `direction`: +1 when a higher outcome is better, -1 when lower is better.
///
/// Fails with Errc::invalid_input when:
/// - the number of blocks is odd, or a pair (2i, 2i+1) is not one on and one
///   off (`where` "on", the message names the blocks);
/// - an observation's block is outside 0..blocks-1, or its y is not finite
///   (`where` "observation i", counting from 0);
/// - `direction` is neither +1 nor -1 (`where` "direction");
/// - the observed order has no observation in its on blocks or none in its off
///   blocks (`where` "observations").
/// Fails with Errc::limit (`where` "on") for more than 20 pairs (2^20 orders,
/// about a million, is the most enumerated).
Result<RandomizationTest> block_randomization_test(std::span<const BlockObservation> obs, std::span<const bool> on,
                                                   int direction);

/// Draws the on/off order of `blocks` blocks from `seed`: element b is true
/// when block b is on. Every pair (2i, 2i+1) is one on and one off: on-off
/// when the top bit of the i-th output of splitmix64 seeded with `seed` is 0,
/// off-on when it is 1.
///
/// The generator is implemented here (detail::splitmix64) rather than taken
/// from <random>, whose distributions differ between standard libraries, so a
/// seed yields the same order on every platform and in every version of this
/// library: a recorded seed reproduces a trial's schedule forever. Changing
/// this mapping would break that promise; the tests pin it.
///
/// Precondition: `blocks` is even and >= 0 (validate user input first). A
/// violation is a bug: asserted in debug builds; in release builds a negative
/// count gives an empty order and an odd last block is off.
std::vector<bool> draw_block_order(int blocks, std::uint64_t seed);

namespace detail {
/// Sebastiano Vigna's splitmix64: advances `state` by the golden-ratio
/// increment 0x9e3779b97f4a7c15 and returns the mixed new state. For state =
/// 1234567 the first outputs are 6457827717110365317, 3203168211198807973.
std::uint64_t splitmix64(std::uint64_t& state);
}  // namespace detail

}  // namespace trialwise::stats

#pragma once

// What a Scratch holds: the arena its Values live in and the buffers the
// evaluator reuses so that an evaluation does not allocate.

#include <cstdint>
#include <string>
#include <vector>

#include "arena.hpp"
#include "trialwise/rules/value.hpp"

namespace trialwise::rules::detail {

struct ScratchState {
  explicit ScratchState(std::size_t memory_limit) : arena_(memory_limit) {}

  Arena arena_;

  // Reused by the evaluator so that it does not allocate per call.
  std::vector<Value> slots_;
  std::vector<unsigned char> slot_found_;
  std::string text_;
  // Where each path segment was last found in its object: a per-thread
  // "inline cache" that makes repeated lookups on same-shaped data a single
  // key comparison. Entries are hints, verified on use, so they persist.
  std::vector<std::uint32_t> lookup_cache_;
  // Shared subexpressions computed during this evaluation.
  std::vector<Value> memo_values_;
  std::vector<unsigned char> memo_known_;
};

}  // namespace trialwise::rules::detail

#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trialwise/rules/arena.hpp"
#include "trialwise/rules/value.hpp"

namespace trialwise::rules {

namespace detail {
class Evaluator;
}

/// Working memory for evaluations: a bump arena for the strings and arrays that
/// operations produce, plus reusable buffers. Reusing one Scratch across
/// evaluations makes the hot path free of heap allocation. Not thread-safe:
/// keep one per thread. Every evaluation resets it, which invalidates the
/// Values produced by the previous evaluation.
class Scratch {
 public:
  /// Bytes one evaluation may allocate before it fails with Errc::limit.
  static constexpr std::size_t kDefaultMemoryLimit = std::size_t{64} << 20;

  explicit Scratch(std::size_t memory_limit = kDefaultMemoryLimit);
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  /// Copies `s` into the arena. When the memory limit is reached, returns
  /// null and marks the evaluation as failed (exhausted() turns true).
  Value make_string(std::string_view s);
  /// Uninitialised room for `count` Values, or nullptr (and exhausted()) when
  /// the memory limit is reached.
  Value* make_array(std::size_t count);

  /// True once an allocation has been refused since the last reset().
  bool exhausted() const noexcept { return arena_.exhausted(); }
  /// Bytes handed out since the last reset().
  std::size_t bytes_used() const noexcept { return arena_.used(); }
  std::size_t memory_limit() const noexcept { return arena_.limit(); }

  /// Forgets every produced Value; keeps memory for reuse.
  void reset() noexcept { arena_.reset(); }

 private:
  friend class detail::Evaluator;

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

}  // namespace trialwise::rules

#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trialwise/rules/value.hpp"

namespace trialwise::rules {

namespace detail {
class Evaluator;
struct ScratchState;
}  // namespace detail

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
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  /// Copies `s` into the arena. When the memory limit is reached, returns
  /// null and marks the evaluation as failed (exhausted() turns true).
  Value make_string(std::string_view s);
  /// Uninitialised room for `count` Values, or nullptr (and exhausted()) when
  /// the memory limit is reached.
  Value* make_array(std::size_t count);

  /// True once an allocation has been refused since the last reset().
  bool exhausted() const noexcept;
  /// Bytes handed out since the last reset().
  std::size_t bytes_used() const noexcept;
  std::size_t memory_limit() const noexcept;

  /// Forgets every produced Value; keeps memory for reuse.
  void reset() noexcept;

 private:
  friend class detail::Evaluator;

  // The arena and the evaluator's reusable buffers (src/scratch_state.hpp).
  std::unique_ptr<detail::ScratchState> state_;
};

}  // namespace trialwise::rules

#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace trialwise::rules {

/// A bump allocator with a byte limit: allocation is a pointer increment,
/// and everything is freed at once by reset(). Blocks double in size from
/// `first_block`. Not thread-safe. Movable: what it handed out stays put.
class Arena {
 public:
  explicit Arena(std::size_t limit, std::size_t first_block = std::size_t{16} * 1024);

  /// `bytes` aligned to `align` (a power of two), or nullptr once the limit
  /// would be passed; after a refusal exhausted() stays true until reset().
  void* allocate(std::size_t bytes, std::size_t align);

  bool exhausted() const noexcept { return exhausted_; }
  std::size_t used() const noexcept { return used_; }
  std::size_t limit() const noexcept { return limit_; }

  /// Forgets every allocation; keeps the largest block for reuse.
  void reset() noexcept;

 private:
  struct Block {
    std::unique_ptr<std::byte[]> memory;
    std::size_t size = 0;
  };
  std::vector<Block> blocks_;
  std::byte* cursor_ = nullptr;
  std::byte* end_ = nullptr;
  std::size_t used_ = 0;
  std::size_t limit_;
  std::size_t first_block_;
  bool exhausted_ = false;
};

}  // namespace trialwise::rules

#include "arena.hpp"

#include <algorithm>
#include <cstdint>

namespace trialwise::rules {
namespace {

std::byte* align_up(std::byte* p, std::size_t align) noexcept {
  const auto v = reinterpret_cast<std::uintptr_t>(p);
  return reinterpret_cast<std::byte*>((v + align - 1) & ~(std::uintptr_t{align} - 1));
}

}  // namespace

Arena::Arena(std::size_t limit, std::size_t first_block) : limit_(limit), first_block_(first_block) {}

void* Arena::allocate(std::size_t bytes, std::size_t align) {
  if (exhausted_) return nullptr;
  if (bytes > limit_ - std::min(used_, limit_)) {
    exhausted_ = true;
    return nullptr;
  }
  std::byte* p = cursor_ ? align_up(cursor_, align) : nullptr;
  if (p == nullptr || bytes > static_cast<std::size_t>(end_ - p)) {
    const std::size_t last = blocks_.empty() ? first_block_ / 2 : blocks_.back().size;
    const std::size_t size = std::max(last * 2, bytes + align);
    blocks_.push_back({std::make_unique<std::byte[]>(size), size});
    cursor_ = blocks_.back().memory.get();
    end_ = cursor_ + size;
    p = align_up(cursor_, align);
  }
  cursor_ = p + bytes;
  used_ += bytes;
  return p;
}

void Arena::reset() noexcept {
  if (blocks_.size() > 1) {
    // Keep the largest (the last) block: the next round probably needs as much.
    std::swap(blocks_.front(), blocks_.back());
    blocks_.resize(1);
  }
  if (!blocks_.empty()) {
    cursor_ = blocks_.front().memory.get();
    end_ = cursor_ + blocks_.front().size;
  }
  used_ = 0;
  exhausted_ = false;
}

}  // namespace trialwise::rules

#include "trialwise/rules/scratch.hpp"

#include <algorithm>
#include <cstring>

namespace trialwise::rules {
namespace {
constexpr std::size_t kFirstBlock = 16 * 1024;
}

Scratch::Scratch(std::size_t memory_limit) : limit_(memory_limit) {}
Scratch::~Scratch() = default;

void* Scratch::allocate(std::size_t bytes, std::size_t align) {
  if (exhausted_) return nullptr;
  auto fits = [&] {
    const auto p = reinterpret_cast<std::uintptr_t>(cursor_);
    const std::uintptr_t aligned = (p + align - 1) & ~(std::uintptr_t{align} - 1);
    return cursor_ != nullptr && aligned + bytes <= reinterpret_cast<std::uintptr_t>(end_);
  };
  if (used_ + bytes > limit_) {
    exhausted_ = true;
    return nullptr;
  }
  if (!fits()) {
    // Blocks double, so a long evaluation makes few of them.
    const std::size_t last = blocks_.empty() ? kFirstBlock / 2 : blocks_.back().size;
    const std::size_t size = std::max(last * 2, bytes + align);
    blocks_.push_back({std::make_unique<std::byte[]>(size), size});
    cursor_ = blocks_.back().memory.get();
    end_ = cursor_ + size;
  }
  const auto p = reinterpret_cast<std::uintptr_t>(cursor_);
  const std::uintptr_t aligned = (p + align - 1) & ~(std::uintptr_t{align} - 1);
  auto* out = reinterpret_cast<std::byte*>(aligned);
  cursor_ = out + bytes;
  used_ += bytes;
  return out;
}

Value Scratch::make_string(std::string_view s) {
  if (s.empty()) return Value::string({});
  auto* p = static_cast<char*>(allocate(s.size(), 1));
  if (p == nullptr) return Value::null();
  std::memcpy(p, s.data(), s.size());
  return Value::string({p, s.size()});
}

Value* Scratch::make_array(std::size_t count) {
  if (count == 0) count = 1;  // a valid, distinct address even for []
  return static_cast<Value*>(allocate(count * sizeof(Value), alignof(Value)));
}

void Scratch::reset() noexcept {
  if (blocks_.size() > 1) {
    // Keep the largest block: the next evaluation probably needs as much.
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

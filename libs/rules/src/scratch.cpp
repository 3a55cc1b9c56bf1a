#include "trialwise/rules/scratch.hpp"

#include <cstring>

#include "scratch_state.hpp"

namespace trialwise::rules {

Scratch::Scratch(std::size_t memory_limit) : state_(std::make_unique<detail::ScratchState>(memory_limit)) {}
Scratch::~Scratch() = default;

bool Scratch::exhausted() const noexcept { return state_->arena_.exhausted(); }
std::size_t Scratch::bytes_used() const noexcept { return state_->arena_.used(); }
std::size_t Scratch::memory_limit() const noexcept { return state_->arena_.limit(); }
void Scratch::reset() noexcept { state_->arena_.reset(); }

Value Scratch::make_string(std::string_view s) {
  if (s.empty()) return Value::string({});
  auto* p = static_cast<char*>(state_->arena_.allocate(s.size(), 1));
  if (p == nullptr) return Value::null();
  std::memcpy(p, s.data(), s.size());
  return Value::string({p, s.size()});
}

Value* Scratch::make_array(std::size_t count) {
  if (count == 0) count = 1;  // a valid, distinct address even for []
  return static_cast<Value*>(state_->arena_.allocate(count * sizeof(Value), alignof(Value)));
}

}  // namespace trialwise::rules

#include "trialwise/rules/scratch.hpp"

#include <cstring>

namespace trialwise::rules {

Scratch::Scratch(std::size_t memory_limit) : arena_(memory_limit) {}

Value Scratch::make_string(std::string_view s) {
  if (s.empty()) return Value::string({});
  auto* p = static_cast<char*>(arena_.allocate(s.size(), 1));
  if (p == nullptr) return Value::null();
  std::memcpy(p, s.data(), s.size());
  return Value::string({p, s.size()});
}

Value* Scratch::make_array(std::size_t count) {
  if (count == 0) count = 1;  // a valid, distinct address even for []
  return static_cast<Value*>(arena_.allocate(count * sizeof(Value), alignof(Value)));
}

}  // namespace trialwise::rules

#include "trialwise/rules/value.hpp"

#include <cassert>

#include <boost/json/value.hpp>

namespace trialwise::rules {
namespace {
constexpr std::string_view kFrameKeys[2] = {"current", "accumulator"};
}

Value Value::reduce_frame(const Value* current_and_accumulator) noexcept {
  Value v;
  v.kind_ = Kind::object;
  v.backing_ = Backing::frame;
  v.size_ = 2;
  v.u_.items = current_and_accumulator;
  return v;
}

std::optional<Value> Value::find(std::string_view key) const noexcept {
  assert(kind_ == Kind::object);
  if (backing_ == Backing::frame) {
    for (std::size_t i = 0; i < 2; ++i)
      if (key == kFrameKeys[i]) return u_.items[i];
    return std::nullopt;
  }
  if (backing_ == Backing::members) {
    const std::uint32_t h = hash_key(key);
    for (std::size_t i = 0; i < size_; ++i)
      if (u_.members[i].key_hash == h && u_.members[i].name() == key) return u_.members[i].value;
    return std::nullopt;
  }
  const auto it = u_.json_object->find(key);
  if (it == u_.json_object->end()) return std::nullopt;
  return from_json(it->value());
}

std::string_view Value::key_at(std::size_t i) const noexcept {
  assert(kind_ == Kind::object && i < size());
  if (backing_ == Backing::frame) return kFrameKeys[i];
  if (backing_ == Backing::members) return u_.members[i].name();
  return (u_.json_object->begin() + static_cast<std::ptrdiff_t>(i))->key();
}

Value Value::value_at(std::size_t i) const noexcept {
  assert(kind_ == Kind::object && i < size());
  if (backing_ == Backing::frame) return u_.items[i];
  if (backing_ == Backing::members) return u_.members[i].value;
  return from_json((u_.json_object->begin() + static_cast<std::ptrdiff_t>(i))->value());
}

bool Value::same_identity(const Value& other) const noexcept {
  return kind_ == other.kind_ && backing_ == other.backing_ && size_ == other.size_ && u_.items == other.u_.items;
}

}  // namespace trialwise::rules

#include "trialwise/rules/value.hpp"

#include <cassert>

#include <boost/json/value.hpp>

namespace trialwise::rules {
namespace {
constexpr std::string_view kFrameKeys[2] = {"current", "accumulator"};
}

Value Value::string(std::string_view s) noexcept {
  assert(s.size() <= UINT32_MAX);
  Value v;
  v.kind_ = Kind::string;
  v.size_ = static_cast<std::uint32_t>(s.size());
  v.u_.str = s.data();
  return v;
}

Value Value::array(const Value* items, std::size_t count) noexcept {
  assert(count <= UINT32_MAX);
  Value v;
  v.kind_ = Kind::array;
  v.backing_ = Backing::owned;
  v.size_ = static_cast<std::uint32_t>(count);
  v.u_.items = items;
  return v;
}

Value Value::reduce_frame(const Value* current_and_accumulator) noexcept {
  Value v;
  v.kind_ = Kind::object;
  v.backing_ = Backing::frame;
  v.size_ = 2;
  v.u_.items = current_and_accumulator;
  return v;
}

Value Value::from_json(const boost::json::value& json) noexcept {
  switch (json.kind()) {
    case boost::json::kind::null: return null();
    case boost::json::kind::bool_: return boolean(json.get_bool());
    case boost::json::kind::int64: return number(static_cast<double>(json.get_int64()));
    case boost::json::kind::uint64: return number(static_cast<double>(json.get_uint64()));
    case boost::json::kind::double_: return number(json.get_double());
    case boost::json::kind::string: {
      const auto& s = json.get_string();
      return string(std::string_view(s.data(), s.size()));
    }
    case boost::json::kind::array: {
      Value v;
      v.kind_ = Kind::array;
      v.backing_ = Backing::json;
      v.u_.json_array = &json.get_array();
      return v;
    }
    case boost::json::kind::object: {
      Value v;
      v.kind_ = Kind::object;
      v.backing_ = Backing::json;
      v.u_.json_object = &json.get_object();
      return v;
    }
  }
  return null();
}

std::size_t Value::size() const noexcept {
  if (backing_ != Backing::json) return size_;
  return kind_ == Kind::array ? u_.json_array->size() : u_.json_object->size();
}

Value Value::at(std::size_t i) const noexcept {
  assert(kind_ == Kind::array && i < size());
  if (backing_ == Backing::json) return from_json((*u_.json_array)[i]);
  return u_.items[i];
}

std::optional<Value> Value::find(std::string_view key) const noexcept {
  assert(kind_ == Kind::object);
  if (backing_ == Backing::frame) {
    for (std::size_t i = 0; i < 2; ++i)
      if (key == kFrameKeys[i]) return u_.items[i];
    return std::nullopt;
  }
  const auto it = u_.json_object->find(key);
  if (it == u_.json_object->end()) return std::nullopt;
  return from_json(it->value());
}

std::string_view Value::key_at(std::size_t i) const noexcept {
  assert(kind_ == Kind::object && i < size());
  if (backing_ == Backing::frame) return kFrameKeys[i];
  return (u_.json_object->begin() + static_cast<std::ptrdiff_t>(i))->key();
}

Value Value::value_at(std::size_t i) const noexcept {
  assert(kind_ == Kind::object && i < size());
  if (backing_ == Backing::frame) return u_.items[i];
  return from_json((u_.json_object->begin() + static_cast<std::ptrdiff_t>(i))->value());
}

bool Value::same_identity(const Value& other) const noexcept {
  return kind_ == other.kind_ && backing_ == other.backing_ && size_ == other.size_ &&
         u_.items == other.u_.items;
}

}  // namespace trialwise::rules

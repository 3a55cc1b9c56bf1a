#pragma once

// The rule engine's runtime value: a 16-byte, trivially copyable view of a
// JSON-like datum. Values read from the caller's data or the rule itself point
// into that boost::json storage; values an operation produces (strings from
// `cat`, arrays from `map`) live in a Scratch arena. Either way a Value never
// owns memory, so copying one is as cheap as copying two words.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

namespace trialwise::rules {

namespace detail {
struct ValueAccess;
}
struct Member;

/// The JSON types, as JavaScript sees them through JsonLogic.
enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

/// A non-owning JSON value. Lifetime: valid while the data and rule it was
/// read from are alive and, for produced values, until its Scratch is reset
/// (the next evaluation with that Scratch).
class Value {
 public:
  /// JSON null.
  constexpr Value() noexcept = default;

  static constexpr Value null() noexcept { return Value{}; }
  static constexpr Value boolean(bool b) noexcept {
    Value v;
    v.kind_ = Kind::boolean;
    v.u_.b = b;
    return v;
  }
  static constexpr Value number(double n) noexcept {
    Value v;
    v.kind_ = Kind::number;
    v.u_.n = n;
    return v;
  }
  /// A string whose bytes (UTF-8) outlive the Value.
  static Value string(std::string_view s) noexcept;
  /// An array whose elements outlive the Value.
  static Value array(const Value* items, std::size_t count) noexcept;
  /// An object whose members (in document order, keys unique) outlive the Value.
  static Value object(const Member* members, std::size_t count) noexcept;
  /// Borrows `json`; numbers become doubles, as in JavaScript.
  static Value from_json(const boost::json::value& json) noexcept;
  /// Borrows an object that is not held in a boost::json::value.
  static Value from_json(const boost::json::object& object) noexcept;

  Kind kind() const noexcept { return kind_; }
  bool is_null() const noexcept { return kind_ == Kind::null; }
  bool is_number() const noexcept { return kind_ == Kind::number; }
  bool is_string() const noexcept { return kind_ == Kind::string; }
  bool is_array() const noexcept { return kind_ == Kind::array; }

  /// Preconditions: the matching kind.
  bool as_bool() const noexcept { return u_.b; }
  double as_number() const noexcept { return u_.n; }
  std::string_view as_string() const noexcept { return {u_.str, size_}; }

  /// Arrays: the element count. Objects: the member count.
  std::size_t size() const noexcept;
  /// Arrays: element `i` (precondition: i < size()).
  Value at(std::size_t i) const noexcept;
  /// Objects: the member named `key`, or nothing.
  std::optional<Value> find(std::string_view key) const noexcept;
  /// Objects: the i-th member's key and value, in document order.
  std::string_view key_at(std::size_t i) const noexcept;
  Value value_at(std::size_t i) const noexcept;

  /// True when both are the very same array or object (JavaScript identity),
  /// which `==` and `===` use for non-primitives.
  bool same_identity(const Value& other) const noexcept;

  /// Internal: a two-member {current, accumulator} object made by `reduce`.
  static Value reduce_frame(const Value* current_and_accumulator) noexcept;

 private:
  friend struct detail::ValueAccess;
  enum class Backing : std::uint8_t { inline_value, json, owned, frame, members };

  Kind kind_ = Kind::null;
  Backing backing_ = Backing::inline_value;
  std::uint32_t size_ = 0;
  union Payload {
    bool b;
    double n;
    const char* str;
    const Value* items;
    const boost::json::array* json_array;
    const boost::json::object* json_object;
    const Member* members;
  } u_{.n = 0.0};
};

/// JsonLogic's truthiness: JavaScript's, except that [] is false (as in
/// json-logic-js). null, false, 0, NaN, "" and [] are false.
inline bool truthy(const Value& v) noexcept {
  switch (v.kind()) {
    case Kind::null: return false;
    case Kind::boolean: return v.as_bool();
    case Kind::number: return v.as_number() != 0.0 && v.as_number() == v.as_number();
    case Kind::string:
    case Kind::array: return v.size() != 0;
    case Kind::object: return true;
  }
  return false;
}

/// A 32-bit FNV-1a hash of an object key; members carry it so that a lookup
/// rarely has to compare key bytes.
constexpr std::uint32_t hash_key(std::string_view key) noexcept {
  std::uint32_t h = 2166136261u;
  for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

/// One member of an object built by the engine (see Document).
struct Member {
  const char* key;
  std::uint32_t key_size;
  std::uint32_t key_hash;  // hash_key(name())
  Value value;
  std::string_view name() const noexcept { return {key, key_size}; }
};

static_assert(sizeof(Value) == 16, "Value is meant to fit in two registers");

// Inline: these sit on the evaluator's hot path.

inline Value Value::string(std::string_view s) noexcept {
  BOOST_ASSERT(s.size() <= UINT32_MAX);
  Value v;
  v.kind_ = Kind::string;
  v.size_ = static_cast<std::uint32_t>(s.size());
  v.u_.str = s.data();
  return v;
}

inline Value Value::array(const Value* items, std::size_t count) noexcept {
  BOOST_ASSERT(count <= UINT32_MAX);
  Value v;
  v.kind_ = Kind::array;
  v.backing_ = Backing::owned;
  v.size_ = static_cast<std::uint32_t>(count);
  v.u_.items = items;
  return v;
}

inline Value Value::object(const Member* members, std::size_t count) noexcept {
  BOOST_ASSERT(count <= UINT32_MAX);
  Value v;
  v.kind_ = Kind::object;
  v.backing_ = Backing::members;
  v.size_ = static_cast<std::uint32_t>(count);
  v.u_.members = members;
  return v;
}

inline Value Value::from_json(const boost::json::value& json) noexcept {
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
    case boost::json::kind::object: return from_json(json.get_object());
  }
  return null();
}

inline Value Value::from_json(const boost::json::object& object) noexcept {
  Value v;
  v.kind_ = Kind::object;
  v.backing_ = Backing::json;
  v.u_.json_object = &object;
  return v;
}

inline std::size_t Value::size() const noexcept {
  if (backing_ != Backing::json) return size_;
  return kind_ == Kind::array ? u_.json_array->size() : u_.json_object->size();
}

inline Value Value::at(std::size_t i) const noexcept {
  BOOST_ASSERT(kind_ == Kind::array && i < size());
  if (backing_ == Backing::json) return from_json((*u_.json_array)[i]);
  return u_.items[i];
}

}  // namespace trialwise::rules

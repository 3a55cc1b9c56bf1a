#include "evaluator.hpp"

#include <boost/json/object.hpp>
#include <cmath>
#include <cstring>
#include <limits>

#include "js.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"
#include "utf8.hpp"

namespace trialwise::rules::detail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_ascii(std::string_view s) noexcept {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// The UTF-16 code unit at `index` of a string, as a one-character string
// viewing the original bytes (JavaScript's "abc"[1]).
bool string_unit_at(std::string_view s, std::size_t index, Value& out) {
  std::size_t unit = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const std::uint32_t cp = next_code_point(s, i);
    const std::size_t width = cp >= 0x10000 ? 2 : 1;
    if (index < unit + width) {
      out = width == 1 ? Value::string(s.substr(start, i - start)) : Value::string(kReplacement);
      return true;
    }
    unit += width;
  }
  return false;
}

// One step of `var`: data[key], or false where JavaScript gives undefined.
bool step(const Value& data, std::string_view key, bool is_index, std::size_t index, Value& out) {
  switch (data.kind()) {
    case Kind::object: {
      auto found = data.find(key);
      if (!found) return false;
      out = *found;
      return true;
    }
    case Kind::array:
      if (is_index) {
        if (index >= data.size()) return false;
        out = data.at(index);
        return true;
      }
      if (key == "length") {
        out = Value::number(static_cast<double>(data.size()));
        return true;
      }
      return false;
    case Kind::string:
      if (is_index) return string_unit_at(data.as_string(), index, out);
      if (key == "length") {
        out = Value::number(static_cast<double>(utf16_length(data.as_string())));
        return true;
      }
      return false;
    default: return false;  // null stops the walk; numbers and booleans have no members
  }
}

// ToIntegerOrInfinity.
double to_integer(const Value& v) {
  const double n = to_number(v);
  if (std::isnan(n)) return 0.0;
  return std::trunc(n);
}

}  // namespace

struct ValueAccess {
  static const boost::json::object* json_object(const Value& v) noexcept {
    return v.kind_ == Kind::object && v.backing_ == Value::Backing::json ? v.u_.json_object : nullptr;
  }
  static const Member* members(const Value& v) noexcept {
    return v.kind_ == Kind::object && v.backing_ == Value::Backing::members ? v.u_.members : nullptr;
  }
  static const Value* frame(const Value& v) noexcept {
    return v.kind_ == Kind::object && v.backing_ == Value::Backing::frame ? v.u_.items : nullptr;
  }
};

namespace {

// Byte equality for short keys without a call into libc.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  if (n >= 8) {
    std::uint64_t x = 0, y = 0;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
    if (n <= 16) {
      std::memcpy(&x, a + n - 8, 8);
      std::memcpy(&y, b + n - 8, 8);
      return x == y;
    }
    return std::memcmp(a + 8, b + 8, n - 8) == 0;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// A member of a JSON object, trying first the position where this segment
// was found last time: records of one shape keep their keys in one order.
bool find_member(const boost::json::object& object, const Segment& seg, std::uint32_t& hint, Value& out) {
  const std::size_t n = object.size();
  if (hint < n) {
    const auto& kv = object.begin()[hint];
    const auto key = kv.key();
    if (key.size() == seg.key.size() && same_bytes(key.data(), seg.key.data(), key.size())) {
      out = Value::from_json(kv.value());
      return true;
    }
  }
  const auto it = object.find(seg.key);
  if (it == object.end()) return false;
  hint = static_cast<std::uint32_t>(it - object.begin());
  out = Value::from_json(it->value());
  return true;
}

// The same for a Document's object: members carry their key's hash, so a
// miss costs no byte comparison.
bool find_member(const Member* members, std::size_t n, const Segment& seg, std::uint32_t& hint, Value& out) {
  auto matches = [&](const Member& m) {
    return m.key_hash == seg.key_hash && m.key_size == seg.key.size() &&
           same_bytes(m.key, seg.key.data(), seg.key.size());
  };
  if (hint < n && matches(members[hint])) {
    out = members[hint].value;
    return true;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (matches(members[i])) {
      hint = static_cast<std::uint32_t>(i);
      out = members[i].value;
      return true;
    }
  }
  return false;
}

}  // namespace

bool lookup(const Value& data, const Path& path, std::uint32_t* cache, Value& out) {
  Value current = data;
  for (const Segment& seg : path.segments) {
    if (const Member* members = ValueAccess::members(current)) {
      if (!find_member(members, current.size(), seg, cache[seg.cache], current)) return false;
    } else if (const auto* object = ValueAccess::json_object(current)) {
      if (!find_member(*object, seg, cache[seg.cache], current)) return false;
    } else if (const Value* frame = ValueAccess::frame(current)) {
      if (seg.frame_field < 0) return false;
      current = frame[seg.frame_field];
    } else if (!step(current, seg.key, seg.is_index, seg.index, current)) {
      return false;
    }
  }
  out = current;
  return true;
}

bool lookup(const Value& data, std::string_view dotted, Value& out) {
  Value current = data;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', start);
    const std::string_view key = dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start);
    std::size_t index = 0;
    const bool is_index = parse_index(key, index);
    if (!step(current, key, is_index, index, current)) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  out = current;
  return true;
}

void Evaluator::bind(const Value& root) {
  s_.arena_.reset();
  s_.text_.clear();
  if (s_.lookup_cache_.size() < p_.cache_slots) s_.lookup_cache_.resize(p_.cache_slots);
  s_.memo_known_.assign(p_.memo_slots, 0);
  s_.memo_values_.resize(p_.memo_slots);
  const std::size_t n = p_.slot_paths.size();
  s_.slots_.resize(n);
  s_.slot_found_.resize(n);
  std::uint32_t* cache = s_.lookup_cache_.data();
  for (std::size_t i = 0; i < n; ++i) {
    s_.slot_found_[i] = lookup(root, p_.paths[p_.slot_paths[i]], cache, s_.slots_[i]) ? 1 : 0;
  }
}

std::optional<Error> Evaluator::take_error() {
  if (error_) return std::move(error_);
  if (s_.arena_.exhausted()) {
    return limit_reached(
        "", "the evaluation needed more than " + std::to_string(s_.arena_.limit() >> 20) + " MiB of working memory");
  }
  return std::nullopt;
}

void Evaluator::fail(Error e) {
  if (!error_) error_ = std::move(e);
}

const std::string& Evaluator::pointer_of(const Node& n) const {
  return p_.pointers[static_cast<std::size_t>(&n - p_.nodes.data())];
}

Value* Evaluator::new_array(std::size_t count, const Node& n) {
  Value* out = scratch_.make_array(count);
  if (out == nullptr && !error_) {
    fail(limit_reached(pointer_of(n), "the evaluation needed more than " + std::to_string(s_.arena_.limit() >> 20) +
                                          " MiB of working memory"));
  }
  return out;
}

Value Evaluator::new_string(std::string_view s, const Node& n) {
  const Value v = scratch_.make_string(s);
  if (s_.arena_.exhausted() && !error_) {
    fail(limit_reached(pointer_of(n), "the evaluation needed more than " + std::to_string(s_.arena_.limit() >> 20) +
                                          " MiB of working memory"));
  }
  return v;
}

// A thin dispatcher: each case tail-calls a handler, so this function needs
// no stack frame of its own and each handler saves only the registers it uses.
Value Evaluator::eval(std::uint32_t id, const Value& data) {
  const Node& n = p_.nodes[id];
  switch (n.op) {
    case Op::literal: return p_.literals[n.aux];
    case Op::array: return eval_array(n, data);
    case Op::var_slot: return eval_var_slot(n, data);
    case Op::var_path: return eval_var_path(n, data);
    case Op::var_whole: return data;
    case Op::var_dynamic: return eval_var(n, data);
    case Op::missing: return eval_missing(n, data);
    case Op::missing_some: return eval_missing_some(n, data);
    case Op::missing_static:
    case Op::missing_some_static: return eval_missing_static(n, data);
    case Op::if_: return eval_if(n, data);
    case Op::and_: return eval_and_or(n, data, false);
    case Op::or_: return eval_and_or(n, data, true);
    case Op::eq:
    case Op::strict_eq:
    case Op::ne:
    case Op::strict_ne:
    case Op::gt:
    case Op::ge: return eval_binary_compare(n, data);
    case Op::lt: return eval_less(n, data, false);
    case Op::le: return eval_less(n, data, true);
    case Op::not_: return eval_not(n, data, true);
    case Op::truthy: return eval_not(n, data, false);
    case Op::max: return eval_min_max(n, data, true);
    case Op::min: return eval_min_max(n, data, false);
    case Op::add:
    case Op::sub:
    case Op::mul:
    case Op::div:
    case Op::mod: return eval_arithmetic(n, data);
    case Op::map:
    case Op::filter:
    case Op::all:
    case Op::none:
    case Op::some: return eval_array_op(n, data);
    case Op::reduce: return eval_reduce(n, data);
    case Op::merge: return eval_merge(n, data);
    case Op::in: return eval_in(n, data);
    case Op::cat: return eval_cat(n, data);
    case Op::substr: return eval_substr(n, data);
    case Op::log: return eval_log(n, data);
    case Op::custom: return eval_custom(n, data);
    case Op::cmp_slot_string: return eval_cmp_slot_string(n);
    case Op::cmp_slot_number: return eval_cmp_slot_number(n);
    case Op::memo: return eval_memo(n, data);
  }
  return Value::null();
}

Value Evaluator::eval_var_slot(const Node& n, const Value& data) {
  if (s_.slot_found_[n.aux]) return s_.slots_[n.aux];
  return n.count ? arg(n, 0, data) : Value::null();
}

Value Evaluator::eval_var_path(const Node& n, const Value& data) {
  Value out;
  if (lookup(data, p_.paths[n.aux], s_.lookup_cache_.data(), out)) return out;
  return n.count ? arg(n, 0, data) : Value::null();
}

Value Evaluator::eval_if(const Node& n, const Value& data) {
  std::uint32_t i = 0;
  for (; i + 1 < n.count; i += 2) {
    if (truthy(arg(n, i, data))) return arg(n, i + 1, data);
  }
  return i < n.count ? arg(n, i, data) : Value::null();
}

// `and` returns the first falsy value or the last; `or` the first truthy or the last.
Value Evaluator::eval_and_or(const Node& n, const Value& data, bool stop_when) {
  Value current;
  for (std::uint32_t i = 0; i < n.count; ++i) {
    current = arg(n, i, data);
    if (truthy(current) == stop_when) return current;
  }
  return current;
}

Value Evaluator::eval_binary_compare(const Node& n, const Value& data) {
  const Value a = arg(n, 0, data);
  return eval_compare(n.op, a, arg(n, 1, data));
}

Value Evaluator::eval_not(const Node& n, const Value& data, bool negate) {
  return Value::boolean(truthy(arg(n, 0, data)) != negate);
}

Value Evaluator::eval_cmp_slot_string(const Node& n) {
  const Value a = s_.slot_found_[n.aux] ? s_.slots_[n.aux] : Value::null();
  const Value b = p_.literals[n.aux2];
  if (a.is_string()) {
    const bool same = a.as_string() == b.as_string();
    return Value::boolean(n.op2 == Op::eq || n.op2 == Op::strict_eq ? same : !same);
  }
  return eval_compare(n.op2, a, b);
}

Value Evaluator::eval_cmp_slot_number(const Node& n) {
  const Value a = s_.slot_found_[n.aux] ? s_.slots_[n.aux] : Value::null();
  const Value b = p_.literals[n.aux2];
  if (a.is_number()) {
    const double x = a.as_number(), y = b.as_number();
    switch (n.op2) {
      case Op::eq:
      case Op::strict_eq: return Value::boolean(x == y);
      case Op::ne:
      case Op::strict_ne: return Value::boolean(x != y);
      case Op::gt: return Value::boolean(x > y);
      case Op::ge: return Value::boolean(x >= y);
      case Op::lt: return Value::boolean(x < y);
      case Op::le: return Value::boolean(x <= y);
      default: break;
    }
  }
  return eval_compare(n.op2, a, b);
}

Value Evaluator::eval_memo(const Node& n, const Value& data) {
  if (s_.memo_known_[n.aux]) return s_.memo_values_[n.aux];
  const Value v = arg(n, 0, data);
  // Arrays and objects are not shared: JavaScript would build a new one at
  // each occurrence, and `==` tells them apart.
  if (v.kind() != Kind::array && v.kind() != Kind::object) {
    s_.memo_values_[n.aux] = v;
    s_.memo_known_[n.aux] = 1;
  }
  return v;
}

Value Evaluator::eval_compare(Op op, const Value& a, const Value& b) {
  switch (op) {
    case Op::eq: return Value::boolean(loose_equals(a, b));
    case Op::strict_eq: return Value::boolean(strict_equals(a, b));
    case Op::ne: return Value::boolean(!loose_equals(a, b));
    case Op::strict_ne: return Value::boolean(!strict_equals(a, b));
    case Op::gt: return Value::boolean(compare(a, b) == Order::greater);
    case Op::ge: {
      const Order o = compare(a, b);
      return Value::boolean(o == Order::greater || o == Order::equal);
    }
    case Op::lt: return Value::boolean(compare(a, b) == Order::less);
    case Op::le: {
      const Order o = compare(a, b);
      return Value::boolean(o == Order::less || o == Order::equal);
    }
    default: return Value::null();
  }
}

// `<` and `<=` with two arguments, or three for "between": a < b < c.
Value Evaluator::eval_less(const Node& n, const Value& data, bool or_equal) {
  const Op op = or_equal ? Op::le : Op::lt;
  const Value a = arg(n, 0, data);
  const Value b = arg(n, 1, data);
  if (n.count == 2) return eval_compare(op, a, b);
  const Value c = arg(n, 2, data);  // json-logic-js evaluates every argument
  return Value::boolean(eval_compare(op, a, b).as_bool() && eval_compare(op, b, c).as_bool());
}

Value Evaluator::eval_min_max(const Node& n, const Value& data, bool want_max) {
  // Math.max/Math.min: NaN wins; +0 counts as greater than -0.
  double result = want_max ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  bool saw_nan = false;
  for (std::uint32_t i = 0; i < n.count; ++i) {
    const double x = to_number(arg(n, i, data));
    if (std::isnan(x)) {
      saw_nan = true;
    } else if (want_max ? (x > result || (x == 0 && result == 0 && !std::signbit(x)))
                        : (x < result || (x == 0 && result == 0 && std::signbit(x)))) {
      result = x;
    }
  }
  return Value::number(saw_nan ? kNaN : result);
}

Value Evaluator::eval_arithmetic(const Node& n, const Value& data) {
  switch (n.op) {
    case Op::add: {
      // json-logic-js folds with parseFloat, starting from 0.
      double sum = 0.0;
      for (std::uint32_t i = 0; i < n.count; ++i) sum += parse_float(arg(n, i, data));
      return Value::number(sum);
    }
    case Op::mul: {
      // A fold with no initial value: one argument comes back untouched.
      const Value first = arg(n, 0, data);
      if (n.count == 1) return first;
      double product = parse_float(first);
      for (std::uint32_t i = 1; i < n.count; ++i) {
        product = (product == 0.0 ? 0.0 : product) * parse_float(arg(n, i, data));
      }
      return Value::number(product);
    }
    case Op::sub: {
      const double a = to_number(arg(n, 0, data));
      if (n.count == 1) return Value::number(-a);
      return Value::number(a - to_number(arg(n, 1, data)));
    }
    case Op::div: {
      const double a = to_number(arg(n, 0, data));
      return Value::number(a / to_number(arg(n, 1, data)));
    }
    case Op::mod: {
      const double a = to_number(arg(n, 0, data));
      return Value::number(std::fmod(a, to_number(arg(n, 1, data))));
    }
    default: return Value::null();
  }
}

Value Evaluator::eval_array(const Node& n, const Value& data) {
  Value* items = new_array(n.count, n);
  if (items == nullptr) return Value::null();
  for (std::uint32_t i = 0; i < n.count; ++i) items[i] = arg(n, i, data);
  return Value::array(items, n.count);
}

Value Evaluator::eval_array_op(const Node& n, const Value& data) {
  const Value array = arg(n, 0, data);
  const std::uint32_t logic = p_.args[n.first + 1];
  const std::size_t size = array.is_array() ? array.size() : 0;
  switch (n.op) {
    case Op::map:
    case Op::filter: {
      Value* items = new_array(size, n);
      if (items == nullptr) return Value::null();
      std::size_t kept = 0;
      for (std::size_t i = 0; i < size && !failed(); ++i) {
        const Value element = array.at(i);
        const Value result = eval(logic, element);
        if (n.op == Op::map) {
          items[kept++] = result;
        } else if (truthy(result)) {
          items[kept++] = element;
        }
      }
      return Value::array(items, kept);
    }
    case Op::all:
      if (size == 0) return Value::boolean(false);  // all of nothing is false here
      for (std::size_t i = 0; i < size; ++i)
        if (!truthy(eval(logic, array.at(i)))) return Value::boolean(false);
      return Value::boolean(true);
    case Op::none:
      for (std::size_t i = 0; i < size; ++i)
        if (truthy(eval(logic, array.at(i)))) return Value::boolean(false);
      return Value::boolean(true);
    case Op::some:
      for (std::size_t i = 0; i < size; ++i)
        if (truthy(eval(logic, array.at(i)))) return Value::boolean(true);
      return Value::boolean(false);
    default: return Value::null();
  }
}

Value Evaluator::eval_reduce(const Node& n, const Value& data) {
  const Value array = arg(n, 0, data);
  const std::uint32_t logic = p_.args[n.first + 1];
  Value accumulator = n.count == 3 ? arg(n, 2, data) : Value::null();
  if (!array.is_array()) return accumulator;
  const std::size_t size = array.size();
  for (std::size_t i = 0; i < size && !failed(); ++i) {
    // Each step sees a fresh {current, accumulator} object, as in JavaScript.
    Value* frame = new_array(2, n);
    if (frame == nullptr) return Value::null();
    frame[0] = array.at(i);
    frame[1] = accumulator;
    accumulator = eval(logic, Value::reduce_frame(frame));
  }
  return accumulator;
}

Value Evaluator::eval_merge(const Node& n, const Value& data) {
  Value* parts = new_array(n.count, n);
  if (parts == nullptr) return Value::null();
  std::size_t total = 0;
  for (std::uint32_t i = 0; i < n.count; ++i) {
    parts[i] = arg(n, i, data);
    total += parts[i].is_array() ? parts[i].size() : 1;
  }
  Value* items = new_array(total, n);
  if (items == nullptr) return Value::null();
  std::size_t k = 0;
  for (std::uint32_t i = 0; i < n.count; ++i) {
    if (parts[i].is_array()) {
      for (std::size_t j = 0; j < parts[i].size(); ++j) items[k++] = parts[i].at(j);
    } else {
      items[k++] = parts[i];
    }
  }
  return Value::array(items, total);
}

Value Evaluator::eval_in(const Node& n, const Value& data) {
  const Value needle = arg(n, 0, data);
  const Value haystack = arg(n, 1, data);
  if (haystack.is_string()) {
    if (haystack.size() == 0) return Value::boolean(false);  // "" is falsy: json-logic-js stops there
    if (needle.is_string())
      return Value::boolean(haystack.as_string().find(needle.as_string()) != std::string_view::npos);
    std::string text;
    append_string(text, needle);
    return Value::boolean(haystack.as_string().find(text) != std::string_view::npos);
  }
  if (haystack.is_array()) {
    for (std::size_t i = 0; i < haystack.size(); ++i)
      if (strict_equals(needle, haystack.at(i))) return Value::boolean(true);
  }
  return Value::boolean(false);
}

Value Evaluator::eval_cat(const Node& n, const Value& data) {
  // s_.text_ is used as a stack: a nested `cat` appends after our part and
  // truncates back, so one buffer serves every level.
  std::string& text = s_.text_;
  const std::size_t mark = text.size();
  for (std::uint32_t i = 0; i < n.count; ++i) {
    const Value v = arg(n, i, data);
    append_join_element(text, v);
  }
  const Value out = new_string(std::string_view(text).substr(mark), n);
  text.resize(mark);
  return out;
}

Value Evaluator::eval_substr(const Node& n, const Value& data) {
  const Value source = arg(n, 0, data);
  const Value start = arg(n, 1, data);
  const Value length = n.count == 3 ? arg(n, 2, data) : Value::null();

  std::string& text = s_.text_;
  const std::size_t mark = text.size();
  std::string_view s;
  if (source.is_string()) {
    s = source.as_string();
  } else {
    append_string(text, source);  // String(source)
    s = std::string_view(text).substr(mark);
  }
  const bool ascii = is_ascii(s);
  const double size = static_cast<double>(ascii ? s.size() : utf16_length(s));

  // String.prototype.substr(start, length), in UTF-16 code units.
  auto substr_range = [&](double total, const Value& start_value, const Value* length_value, double& from, double& to) {
    double int_start = to_integer(start_value);
    if (int_start < 0) int_start = std::max(total + int_start, 0.0);
    int_start = std::min(int_start, total);
    double int_length = length_value ? to_integer(*length_value) : total;
    int_length = std::min(std::max(int_length, 0.0), total);
    from = int_start;
    to = std::min(int_start + int_length, total);
  };

  double from = 0, to = 0;
  if (n.count == 3 && compare(length, Value::number(0)) == Order::less) {
    // json-logic-js: temp = source.substr(start); temp.substr(0, temp.length + end).
    double temp_from = 0, temp_to = 0;
    substr_range(size, start, nullptr, temp_from, temp_to);
    const double temp_length = temp_to - temp_from;
    double keep = 0;
    if (length.is_number()) {
      keep = temp_length + length.as_number();
    } else {
      // number + non-number concatenates as strings in JavaScript.
      std::string sum;
      json::append_js_number(sum, temp_length);
      append_string(sum, length);
      keep = string_to_number(sum);
    }
    const Value keep_value = Value::number(keep);
    double inner_from = 0, inner_to = 0;
    substr_range(temp_length, Value::number(0), &keep_value, inner_from, inner_to);
    from = temp_from + inner_from;
    to = temp_from + inner_to;
  } else {
    substr_range(size, start, n.count == 3 ? &length : nullptr, from, to);
  }

  const auto begin = static_cast<std::size_t>(from);
  const auto count = static_cast<std::size_t>(to - from);
  Value out;
  if (ascii && source.is_string()) {
    out = Value::string(s.substr(begin, count));  // a view of the source: no copy
  } else if (ascii) {
    out = new_string(s.substr(begin, count), n);
  } else {
    const std::string slice = utf16_slice(s, begin, count);
    out = new_string(slice, n);
  }
  text.resize(mark);
  return out;
}

Value Evaluator::eval_log(const Node& n, const Value& data) {
  const Value v = arg(n, 0, data);
  if (p_.log_sink && *p_.log_sink) (*p_.log_sink)(to_json_text(v));
  return v;
}

Value Evaluator::eval_custom(const Node& n, const Value& data) {
  Value* args = new_array(n.count, n);
  if (args == nullptr) return Value::null();
  for (std::uint32_t i = 0; i < n.count; ++i) args[i] = arg(n, i, data);
  const OperatorFn& fn = *p_.customs[n.aux];
  try {
    auto result = fn(std::span<const Value>(args, n.count), scratch_);
    if (result) return *result;
    Error e = std::move(result).error();
    if (e.where.empty()) e.where = pointer_of(n);
    fail(std::move(e));
  } catch (const std::exception& ex) {
    fail(internal_error(pointer_of(n), std::string("operator failed: ") + ex.what()));
  } catch (...) {
    fail(internal_error(pointer_of(n), "operator failed with an unknown exception"));
  }
  return Value::null();
}

Value Evaluator::eval_var(const Node& n, const Value& data) {
  const Value path = arg(n, 0, data);
  if (path.is_null() || (path.is_string() && path.size() == 0)) return data;
  Value out;
  bool found = false;
  if (path.is_string()) {
    found = lookup(data, path.as_string(), out);
  } else {
    std::string text;
    append_string(text, path);
    found = lookup(data, text, out);
  }
  if (found) return out;
  return n.count == 2 ? arg(n, 1, data) : Value::null();
}

namespace {

// json-logic-js's `missing`: each key is looked up as `var` would; null, ""
// and absent values count as missing.
bool is_missing(const Value& data, const Value& key) {
  Value v;
  if (key.is_null() || (key.is_string() && key.size() == 0)) {
    v = data;
  } else if (key.is_string()) {
    if (!lookup(data, key.as_string(), v)) return true;
  } else {
    std::string text;
    append_string(text, key);
    if (!lookup(data, text, v)) return true;
  }
  return v.is_null() || (v.is_string() && v.size() == 0);
}

}  // namespace

Value Evaluator::eval_missing(const Node& n, const Value& data) {
  Value* args = new_array(n.count, n);
  if (args == nullptr) return Value::null();
  for (std::uint32_t i = 0; i < n.count; ++i) args[i] = arg(n, i, data);
  // An array first argument is the list of keys; otherwise the arguments are.
  const Value keys = n.count > 0 && args[0].is_array() ? args[0] : Value::array(args, n.count);
  std::size_t k = 0;
  Value* missing = collect_missing(keys, data, n, k);
  return missing ? Value::array(missing, k) : Value::null();
}

Value* Evaluator::collect_missing(const Value& keys, const Value& data, const Node& n, std::size_t& count) {
  Value* missing = new_array(keys.size(), n);
  if (missing == nullptr) return nullptr;
  count = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const Value key = keys.at(i);
    if (is_missing(data, key)) missing[count++] = key;
  }
  return missing;
}

Value Evaluator::eval_missing_static(const Node& n, const Value& data) {
  const auto& keys = p_.key_lists[n.aux];
  Value* missing = new_array(keys.size(), n);
  if (missing == nullptr) return Value::null();
  std::size_t k = 0;
  for (const MissingKey& key : keys) {
    Value v;
    bool found = true;
    if (key.whole) {
      v = data;
    } else if (key.slot) {
      found = s_.slot_found_[key.index] != 0;
      v = s_.slots_[key.index];
    } else {
      found = lookup(data, p_.paths[key.index], s_.lookup_cache_.data(), v);
    }
    if (!found || v.is_null() || (v.is_string() && v.size() == 0)) missing[k++] = key.key;
  }
  if (n.op == Op::missing_some_static) {
    const Value found_count = Value::number(static_cast<double>(keys.size() - k));
    const Order o = compare(found_count, arg(n, 0, data));
    if (o == Order::greater || o == Order::equal) return Value::array(missing, 0);
  }
  return Value::array(missing, k);
}

Value Evaluator::eval_missing_some(const Node& n, const Value& data) {
  const Value need = arg(n, 0, data);
  const Value options = arg(n, 1, data);
  // {"missing": options}: an array is the key list, anything else one key.
  Value single[1] = {options};
  const Value keys = options.is_array() ? options : Value::array(single, 1);
  const Value key_list = keys.size() > 0 && keys.at(0).is_array() ? keys.at(0) : keys;
  std::size_t k = 0;
  Value* missing = collect_missing(key_list, data, n, k);
  if (missing == nullptr) return Value::null();
  double options_length = kNaN;  // options.length: undefined for non-arrays
  if (options.is_array()) options_length = static_cast<double>(options.size());
  if (options.is_string()) options_length = static_cast<double>(utf16_length(options.as_string()));
  const Value found = Value::number(options_length - static_cast<double>(k));
  const Order o = compare(found, need);
  if (o == Order::greater || o == Order::equal) return Value::array(missing, 0);
  return Value::array(missing, k);
}

}  // namespace trialwise::rules::detail

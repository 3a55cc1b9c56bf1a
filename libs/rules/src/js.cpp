#include "js.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"
#include "utf8.hpp"

namespace trialwise::rules::detail {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// StrWhiteSpaceChar: WhiteSpace and LineTerminator (ECMA-262 12.2, 12.3).
bool is_js_space(std::uint32_t cp) noexcept {
  switch (cp) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF: return true;
    default: return cp >= 0x2000 && cp <= 0x200A;
  }
}

std::string_view trim_start(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t next = i;
    if (!is_js_space(next_code_point(s, next))) break;
    i = next;
  }
  return s.substr(i);
}

std::string_view trim(std::string_view s) noexcept {
  s = trim_start(s);
  // Walk forward remembering where the last non-space code point ended.
  std::size_t i = 0, end = 0;
  while (i < s.size()) {
    const std::uint32_t cp = next_code_point(s, i);
    if (!is_js_space(cp)) end = i;
  }
  return s.substr(0, end);
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Length of the longest prefix of `s` that is a StrUnsignedDecimalLiteral
// without "Infinity": digits [. digits] [exponent] | . digits [exponent].
std::size_t decimal_prefix(std::string_view s) noexcept {
  std::size_t i = 0;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) ++j, ++frac_digits;
    if (int_digits == 0 && frac_digits == 0) return 0;
    i = j;
  }
  if (int_digits == 0 && frac_digits == 0) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    const std::size_t exp_start = j;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j > exp_start) i = j;
  }
  return i;
}

// The value of a validated decimal literal; from_chars rounds correctly.
double decimal_value(std::string_view s) noexcept {
  double out = 0.0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars reports overflow and underflow alike; tell them apart.
    std::size_t e = s.find_first_of("eE");
    const bool tiny = e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
    return tiny ? 0.0 : kInfinity;
  }
  return out;
}

double non_decimal_value(std::string_view digits, int base) noexcept {
  if (digits.empty()) return kNaN;
  double value = 0.0;
  for (char c : digits) {
    int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
    if (d >= base) return kNaN;
    value = value * base + d;
  }
  return value;
}

// Signed decimal or Infinity; `whole` demands that the literal fill `s`.
double signed_decimal(std::string_view s, bool whole, bool& matched) noexcept {
  matched = false;
  double sign = 1.0;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    if (body[0] == '-') sign = -1.0;
    body.remove_prefix(1);
  }
  constexpr std::string_view kInf = "Infinity";
  if (body.substr(0, kInf.size()) == kInf) {
    matched = !whole || body.size() == kInf.size();
    return matched ? sign * kInfinity : kNaN;
  }
  const std::size_t n = decimal_prefix(body);
  if (n == 0 || (whole && n != body.size())) return kNaN;
  matched = true;
  return sign * decimal_value(body.substr(0, n));
}

void append_object_string(std::string& out) { out += "[object Object]"; }

void append_array_join(std::string& out, const Value& array) {
  const std::size_t n = array.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out.push_back(',');
    append_join_element(out, array.at(i));
  }
}

// ToPrimitive for the hint "default"/"number": arrays become their joined
// string, objects "[object Object]"; primitives stay as they are.
bool is_primitive(const Value& v) noexcept { return v.kind() != Kind::array && v.kind() != Kind::object; }

std::string primitive_string(const Value& v) {
  std::string s;
  append_string(s, v);
  return s;
}

bool primitive_loose_equals(const Value& a, const Value& b);

}  // namespace

double string_to_number(std::string_view s) {
  s = trim(s);
  if (s.empty()) return 0.0;
  if (s.size() > 2 && s[0] == '0') {
    const char p = s[1];
    if (p == 'x' || p == 'X') return non_decimal_value(s.substr(2), 16);
    if (p == 'o' || p == 'O') return non_decimal_value(s.substr(2), 8);
    if (p == 'b' || p == 'B') return non_decimal_value(s.substr(2), 2);
  }
  bool matched = false;
  return signed_decimal(s, true, matched);
}

double to_number_slow(const Value& v) {
  switch (v.kind()) {
    case Kind::null: return 0.0;
    case Kind::boolean: return v.as_bool() ? 1.0 : 0.0;
    case Kind::number: return v.as_number();
    case Kind::string: return string_to_number(v.as_string());
    case Kind::array: {
      if (v.size() == 0) return 0.0;
      std::string s;
      append_array_join(s, v);
      return string_to_number(s);
    }
    case Kind::object: return kNaN;
  }
  return kNaN;
}

double parse_float_slow(const Value& v) {
  std::string text;
  std::string_view s;
  if (v.kind() == Kind::string) {
    s = v.as_string();
  } else {
    append_string(text, v);
    s = text;
  }
  bool matched = false;
  const double value = signed_decimal(trim_start(s), false, matched);
  return matched ? value : kNaN;
}

void append_string(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Kind::null: out += "null"; return;
    case Kind::boolean: out += v.as_bool() ? "true" : "false"; return;
    case Kind::number: json::append_js_number(out, v.as_number()); return;
    case Kind::string: out += v.as_string(); return;
    case Kind::array: append_array_join(out, v); return;
    case Kind::object: append_object_string(out); return;
  }
}

void append_join_element(std::string& out, const Value& v) {
  if (!v.is_null()) append_string(out, v);
}

bool strict_equals(const Value& a, const Value& b) noexcept {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::null: return true;
    case Kind::boolean: return a.as_bool() == b.as_bool();
    case Kind::number: return a.as_number() == b.as_number();
    case Kind::string: return a.as_string() == b.as_string();
    case Kind::array:
    case Kind::object: return a.same_identity(b);
  }
  return false;
}

namespace {

bool primitive_loose_equals(const Value& a, const Value& b) {
  // Both primitives here (null, boolean, number, string).
  if (a.kind() == b.kind()) return strict_equals(a, b);
  if (a.is_null() || b.is_null()) return false;  // null == undefined only
  if (a.kind() == Kind::boolean) return primitive_loose_equals(Value::number(to_number(a)), b);
  if (b.kind() == Kind::boolean) return primitive_loose_equals(a, Value::number(to_number(b)));
  // number vs string: compare as numbers.
  return to_number(a) == to_number(b);
}

}  // namespace

bool loose_equals(const Value& a, const Value& b) {
  if (a.kind() == b.kind()) return strict_equals(a, b);
  const bool pa = is_primitive(a), pb = is_primitive(b);
  if (pa && pb) return primitive_loose_equals(a, b);
  if (!pa && !pb) return false;  // an array and an object are never the same
  const Value& object = pa ? b : a;
  const Value& primitive = pa ? a : b;
  if (primitive.is_null()) return false;
  // ToPrimitive(object) is a string; compare that string with the primitive.
  const std::string s = primitive_string(object);
  return primitive_loose_equals(Value::string(s), primitive);
}

Order compare(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.as_number(), y = b.as_number();
    if (x < y) return Order::less;
    if (x > y) return Order::greater;
    if (x == y) return Order::equal;
    return Order::unordered;
  }
  std::string sa, sb;
  Value va = a, vb = b;
  if (!is_primitive(a)) {
    sa = primitive_string(a);
    va = Value::string(sa);
  }
  if (!is_primitive(b)) {
    sb = primitive_string(b);
    vb = Value::string(sb);
  }
  if (va.is_string() && vb.is_string()) {
    const int c = compare_utf16(va.as_string(), vb.as_string());
    return c < 0 ? Order::less : c > 0 ? Order::greater : Order::equal;
  }
  return compare(Value::number(to_number(va)), Value::number(to_number(vb)));
}

int compare_utf16(std::string_view a, std::string_view b) noexcept {
  // UTF-8 byte order is code point order; UTF-16 order differs only where a
  // supplementary character (a surrogate pair, 0xD800..) meets U+E000..U+FFFF.
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++i, ++j;
      continue;
    }
    // Back up to the starts of the differing code points.
    while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i, --j;
    std::uint32_t ca = next_code_point(a, i), cb = next_code_point(b, j);
    auto unit = [](std::uint32_t cp) { return cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp; };
    const std::uint32_t ua = unit(ca), ub = unit(cb);
    if (ua != ub) return ua < ub ? -1 : 1;
    return ca < cb ? -1 : 1;  // same high surrogate: code point order decides
  }
  if (i == a.size() && j == b.size()) return 0;
  return i == a.size() ? -1 : 1;
}

std::size_t utf16_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) n += next_code_point(s, i) >= 0x10000 ? 2u : 1u;
  return n;
}

std::string utf16_slice(std::string_view s, std::size_t start, std::size_t count) {
  std::string out;
  const std::size_t end = start + count;
  std::size_t unit = 0;
  for (std::size_t i = 0; i < s.size() && unit < end;) {
    const std::uint32_t cp = next_code_point(s, i);
    const std::size_t width = cp >= 0x10000 ? 2 : 1;
    if (unit >= start && unit + width <= end) {
      append_utf8(out, cp);
    } else if (unit + width > start) {
      append_utf8(out, 0xFFFD);  // half of a surrogate pair
    }
    unit += width;
  }
  return out;
}

bool parse_index(std::string_view key, std::size_t& index) noexcept {
  if (key.empty() || key.size() > 15 || (key.size() > 1 && key[0] == '0')) return false;
  std::size_t value = 0;
  for (char c : key) {
    if (!is_digit(c)) return false;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  index = value;
  return true;
}

}  // namespace trialwise::rules::detail

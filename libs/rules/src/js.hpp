#pragma once

// JavaScript's abstract operations, as ECMAScript defines them, for the value
// types JsonLogic can see. json-logic-js leans on these everywhere (==, <, +,
// String(x), truthiness), so matching them is what makes results agree.

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

#include "trialwise/rules/value.hpp"

namespace trialwise::rules::detail {

using rules::truthy;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// ToNumber for anything but a number (the slow path of to_number).
double to_number_slow(const Value& v);

/// ToNumber: null is 0, booleans 0 or 1, strings by StringToNumber, arrays
/// through their string form, objects NaN.
inline double to_number(const Value& v) { return v.is_number() ? v.as_number() : to_number_slow(v); }

/// StringToNumber: trims white space; "" is 0; decimal, Infinity, 0x/0o/0b.
double string_to_number(std::string_view s);

/// parseFloat for anything but a number (the slow path of parse_float).
double parse_float_slow(const Value& v);

/// parseFloat(String(v)): the longest decimal prefix, else NaN. String(-0)
/// is "0", so -0 reads as +0; every other number round-trips.
inline double parse_float(const Value& v) {
  if (v.is_number()) return v.as_number() == 0.0 ? 0.0 : v.as_number();
  return parse_float_slow(v);
}

/// Appends String(v). Arrays join their elements with "," (null elements
/// become empty); objects are "[object Object]".
void append_string(std::string& out, const Value& v);

/// Appends v as Array.prototype.join writes an element: like append_string,
/// but null becomes the empty string.
void append_join_element(std::string& out, const Value& v);

/// Abstract (loose) equality, ==.
bool loose_equals(const Value& a, const Value& b);

/// Strict equality, ===. Arrays and objects are equal only to themselves.
bool strict_equals(const Value& a, const Value& b) noexcept;

/// The outcome of JavaScript's abstract relational comparison.
enum class Order { less, equal, greater, unordered };

/// Compares as <, <=, >, >= do: both sides to primitives; two strings compare
/// by UTF-16 code units, anything else as numbers (NaN is unordered).
Order compare(const Value& a, const Value& b);

/// Three-way comparison of UTF-8 strings in UTF-16 code unit order.
int compare_utf16(std::string_view a, std::string_view b) noexcept;

/// String length in UTF-16 code units, as JavaScript's .length.
std::size_t utf16_length(std::string_view s) noexcept;

/// The UTF-16 code units of `s` [start, start + count), re-encoded as UTF-8.
/// A surrogate half cut off from its pair becomes U+FFFD.
std::string utf16_slice(std::string_view s, std::size_t start, std::size_t count);

/// If `key` is a canonical array index ("0", "17", not "01" or "-1"), its value.
bool parse_index(std::string_view key, std::size_t& index) noexcept;

}  // namespace trialwise::rules::detail

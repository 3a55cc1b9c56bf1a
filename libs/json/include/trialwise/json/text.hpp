#pragma once

// JSON text in and out, the way JavaScript sees it: parsing reports where the
// text is broken and rounds every number as JSON.parse does; writing matches
// JSON.stringify byte for byte (numbers in JavaScript's shortest form, NaN
// and Infinity as null). Every library reads and writes JSON through here.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"

namespace trialwise::json {

/// Nesting allowed in parsed JSON text. Deeper text fails with Errc::limit
/// rather than risk the stack of whatever walks the value later.
inline constexpr std::size_t kMaxDepth = 1024;

/// What a parser does with a member named twice in one object.
enum class Duplicates {
  refuse,     ///< an invalid_input error naming it: its meaning would be a guess
  keep_last,  ///< as JSON.parse (for comparing with readers that do so)
};

/// A reusable JSON parser. Doubles are rounded exactly as JSON.parse rounds
/// them (Boost.JSON 1.81's own parser can be one unit off). Not thread-safe.
class Parser {
 public:
  explicit Parser(std::size_t max_depth = kMaxDepth, Duplicates duplicates = Duplicates::refuse);
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  /// Parses one whole document into memory from `storage` (the heap by
  /// default). Errors as parse()'s.
  Result<boost::json::value> parse(std::string_view text, boost::json::storage_ptr storage = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Parses one JSON document. On failure, Errc::invalid_input (or Errc::limit
/// when nested past `max_depth`) with `where` = "line L, column C" (1-based);
/// a member named twice in one object is such a failure.
Result<boost::json::value> parse(std::string_view text, std::size_t max_depth = kMaxDepth);

/// Appends `value` as JSON.stringify would write it.
void append(std::string& out, const boost::json::value& value);
/// `value` as JSON.stringify would write it.
std::string to_text(const boost::json::value& value);
/// `value` indented by two spaces a level, as JSON.stringify(v, null, 2).
std::string to_pretty(const boost::json::value& value);

/// Appends `s` as a quoted JSON string, escaped as JSON.stringify escapes.
void append_string(std::string& out, std::string_view s);

/// Whether append_string escapes this byte: a control character (below
/// 0x20), '"' or '\\'.
constexpr bool needs_escape(unsigned char c) noexcept { return c < 0x20 || c == '"' || c == '\\'; }

/// Appends a number as JavaScript's Number.prototype.toString writes it
/// ("1", "0.1", "1e+21", "NaN", "Infinity").
void append_js_number(std::string& out, double n);

/// Appends a number as JSON.stringify writes it: as append_js_number, but
/// "null" for NaN and the infinities.
void append_number(std::string& out, double n);

/// A number as JSON.stringify writes it: JavaScript's shortest form, and
/// "null" for NaN and the infinities. The one way numbers become text in
/// messages and words, so "2.5" never shows as "2.500000".
std::string number_text(double n);

}  // namespace trialwise::json

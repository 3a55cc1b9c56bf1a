#pragma once

// JSON text in and out, the way JavaScript sees it: parsing reports where the
// text is broken, and writing matches JSON.stringify byte for byte (numbers in
// JavaScript's shortest form, NaN and Infinity as null), so results can be
// compared with those of json-logic-js.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/rules/value.hpp"

namespace trialwise::rules {

/// Nesting allowed in parsed JSON text. Deeper text fails with Errc::limit
/// rather than risk the stack of whatever walks the value later.
inline constexpr std::size_t kMaxJsonDepth = 1024;

/// A reusable JSON parser. Doubles are rounded exactly as JSON.parse rounds
/// them (Boost.JSON 1.81's own parser can be one unit off). Not thread-safe.
class JsonParser {
 public:
  explicit JsonParser(std::size_t max_depth = kMaxJsonDepth);
  ~JsonParser();
  JsonParser(const JsonParser&) = delete;
  JsonParser& operator=(const JsonParser&) = delete;

  /// Parses one whole document into memory from `storage` (the heap by
  /// default). Errors as parse_json's.
  Result<boost::json::value> parse(std::string_view text, boost::json::storage_ptr storage = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Parses one JSON document. On failure, Errc::invalid_input (or Errc::limit
/// when nested past `max_depth`) with `where` = "line L, column C" (1-based).
Result<boost::json::value> parse_json(std::string_view text,
                                      std::size_t max_depth = kMaxJsonDepth);

/// Appends `value` as JSON.stringify would write it.
void append_json(std::string& out, const Value& value);
void append_json(std::string& out, const boost::json::value& value);

/// `value` as JSON.stringify would write it.
std::string to_json_text(const Value& value);
std::string to_json_text(const boost::json::value& value);

/// `value` indented by two spaces a level, as JSON.stringify(v, null, 2).
std::string to_json_pretty(const boost::json::value& value);

/// Appends a number as JavaScript's Number.prototype.toString writes it
/// ("1", "0.1", "1e+21", "NaN", "Infinity").
void append_js_number(std::string& out, double n);

/// An owned copy. Integral numbers within ±2^53 become int64, others double;
/// NaN and the infinities become null, as JSON.stringify would make them.
boost::json::value to_boost_json(const Value& value);

}  // namespace trialwise::rules

#pragma once

// Pieces for writing a JSON reader on Boost's basic_parser: the library's own
// (parser.cpp builds boost::json::value) and the rules engine's Document.

#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "trialwise/core/error.hpp"

namespace trialwise::json::detail {

/// Strict JSON, nested at most `max_depth` deep.
inline boost::json::parse_options parse_options_for(std::size_t max_depth) {
  boost::json::parse_options o;
  o.max_depth = max_depth;
  return o;
}

/// The double nearest to a JSON number's text, as JSON.parse rounds it:
/// std::from_chars is exact; overflow gives ±Infinity and underflow ±0.
double exact_double(std::string_view text, double fallback) noexcept;

/// A JSON number's text, which basic_parser may hand over in parts.
class NumberText {
 public:
  void add_part(std::string_view part) { parts_.append(part); }
  void clear() noexcept { parts_.clear(); }
  /// The exact double of the number whose last part is `last`; resets.
  double finish(std::string_view last, double fallback) {
    if (parts_.empty()) return exact_double(last, fallback);
    parts_.append(last);
    const double d = exact_double(parts_, fallback);
    parts_.clear();
    return d;
  }

 private:
  std::string parts_;
};

/// "line L, column C" (1-based, columns in code points) of a byte offset.
std::string line_and_column(std::string_view text, std::size_t offset);

/// The error for a failed parse: "line L, column C" of where it stopped.
Error parse_error(boost::json::error_code ec, std::string_view text, std::size_t consumed, std::size_t max_depth);

}  // namespace trialwise::json::detail

#pragma once

// Pieces shared by the two JSON readers (json_parser.cpp builds
// boost::json::value; document.cpp builds a Document).

#include <boost/json/error.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "trialwise/core/error.hpp"

namespace trialwise::rules::detail {

/// The double nearest to a JSON number's text, as JSON.parse rounds it:
/// std::from_chars is exact; overflow gives ±Infinity and underflow ±0.
double exact_double(std::string_view text, double fallback) noexcept;

/// The error for a failed parse: "line L, column C" of where it stopped.
Error parse_error(boost::json::error_code ec, std::string_view text, std::size_t consumed,
                  std::size_t max_depth);

}  // namespace trialwise::rules::detail

#include "trialwise/json/parse_support.hpp"

#include <charconv>
#include <limits>

namespace trialwise::json::detail {

std::string line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // count code points, not bytes
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

double exact_double(std::string_view text, double fallback) noexcept {
  double out = 0.0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
  if (r.ec == std::errc()) return out;
  if (r.ec == std::errc::result_out_of_range) {
    // Overflow gives ±Infinity and underflow ±0, as JSON.parse does.
    const bool negative = !text.empty() && text.front() == '-';
    const std::size_t e = text.find_first_of("eE");
    const bool tiny = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
    const double magnitude = tiny ? 0.0 : std::numeric_limits<double>::infinity();
    return negative ? -magnitude : magnitude;
  }
  return fallback;
}

Error parse_error(boost::json::error_code ec, std::string_view text, std::size_t consumed, std::size_t max_depth) {
  const bool too_deep = ec == boost::json::error::too_deep;
  std::string message = too_deep ? "JSON nests deeper than " + std::to_string(max_depth) + " levels"
                        : text.find_first_not_of(" \t\r\n") == std::string_view::npos
                            ? std::string("no JSON value (the text is empty)")
                            : "not valid JSON (" + ec.message() + ")";
  return Error{too_deep ? Errc::limit : Errc::invalid_input, std::move(message), line_and_column(text, consumed)};
}

}  // namespace trialwise::json::detail

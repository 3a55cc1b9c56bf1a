#include "numbers.hpp"

#include <array>
#include <charconv>

namespace trialwise::labels::detail {

std::string format_number(double n) {
  std::array<char, 400> buf{};  // fixed form of the largest double fits
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), n, std::chars_format::fixed);
  return std::string(buf.data(), r.ptr);
}

}  // namespace trialwise::labels::detail

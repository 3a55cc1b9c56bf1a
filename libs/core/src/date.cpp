#include "trialwise/core/date.hpp"

#include <charconv>
#include <cstdio>

namespace trialwise {

Result<Date> Date::parse(std::string_view text, std::string_view where) {
  auto bad = [&] {
    return Unexpected{invalid_input(
        std::string(where), "\"" + std::string(text) + "\" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01")};
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t from, std::size_t len, auto& out) {
    const auto r = std::from_chars(text.data() + from, text.data() + from + len, out);
    return r.ec == std::errc() && r.ptr == text.data() + from + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return bad();
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return bad();
  return Date(std::chrono::sys_days(ymd));
}

std::string Date::to_string() const {
  const std::chrono::year_month_day ymd(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace trialwise

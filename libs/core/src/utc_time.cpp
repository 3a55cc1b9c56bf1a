#include "trialwise/core/utc_time.hpp"

#include <cstdio>
#include <ctime>

#include "trialwise/core/date.hpp"

namespace trialwise {
namespace {

std::tm utc_parts(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm parts{};
  gmtime_r(&seconds, &parts);  // std::gmtime shares a static buffer between threads
  return parts;
}

}  // namespace

std::string utc_iso8601(std::chrono::system_clock::time_point t) {
  const std::tm parts = utc_parts(t);
  char buf[32];
  return std::string(buf, std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &parts));
}

std::string utc_compact(std::chrono::system_clock::time_point t) {
  const std::tm parts = utc_parts(t);
  char buf[32];
  return std::string(buf, std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &parts));
}

std::optional<std::chrono::system_clock::time_point> parse_utc_iso8601(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[19] != 'Z') return std::nullopt;
  const auto day = Date::parse(text.substr(0, 10), "");
  const std::string clock(text.substr(11, 8));
  int h = 0, m = 0, s = 0;
  if (!day || std::sscanf(clock.c_str(), "%2d:%2d:%2d", &h, &m, &s) != 3) return std::nullopt;
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  const std::chrono::sys_days midnight{std::chrono::days(day->days_since(Date{}))};
  return std::chrono::system_clock::time_point(midnight) + std::chrono::hours(h) + std::chrono::minutes(m) +
         std::chrono::seconds(s);
}

}  // namespace trialwise

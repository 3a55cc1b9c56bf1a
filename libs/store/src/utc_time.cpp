#include "utc_time.hpp"

#include <ctime>

namespace trialwise::store::detail {
namespace {

std::tm utc_parts(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
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

}  // namespace trialwise::store::detail

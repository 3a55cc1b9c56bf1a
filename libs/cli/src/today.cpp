#include "today.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>

namespace trialwise::cli {

Result<Date> today() {
  if (const char* forced = std::getenv("TRIALWISE_TODAY"); forced && *forced) {
    return Date::parse(forced, "TRIALWISE_TODAY");
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  if (localtime_r(&now, &local) == nullptr) return Unexpected{internal_error("clock", "cannot read the local date")};
  const std::chrono::year_month_day ymd{std::chrono::year(local.tm_year + 1900),
                                        std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
                                        std::chrono::day(static_cast<unsigned>(local.tm_mday))};
  return Date(std::chrono::sys_days(ymd));
}

}  // namespace trialwise::cli

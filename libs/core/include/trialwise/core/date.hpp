#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "trialwise/core/result.hpp"

namespace trialwise {

/// A calendar date (no time zone: the person's own days).
class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::sys_days days) : days_(days) {}

  /// Parses "YYYY-MM-DD"; anything else, or an impossible date such as
  /// 2026-02-30, fails with Errc::invalid_input naming `where`.
  static Result<Date> parse(std::string_view text, std::string_view where);

  /// "YYYY-MM-DD".
  std::string to_string() const;

  constexpr Date plus_days(int n) const { return Date(days_ + std::chrono::days(n)); }
  /// Whole days from `other` to this date.
  constexpr int days_since(Date other) const { return static_cast<int>((days_ - other.days_).count()); }

  constexpr auto operator<=>(const Date&) const = default;

 private:
  std::chrono::sys_days days_{};
};

}  // namespace trialwise

#pragma once

// A trial as an iCalendar file (RFC 5545) for the person's own calendar:
//   - a dose reminder per dose step (for a block design, per step and on
//     block: off blocks get no reminders), recurring daily at the dose times
//     for exactly the step's days (RRULE with COUNT), with an alarm;
//   - all-day events: the baseline's last day, each step-up check (a step
//     that begins only if tolerated), each off block, the review date, and,
//     when the review says continue or reduce_dose, the next review date.
// Pure: no I/O, no clock; "now" (DTSTAMP) is a parameter.
//
// Times: floating local times by default (DTSTART:20261214T080000 with no
// zone): a reminder to take a dose at 08:00 should ring at 08:00 wherever the
// person is, which is what RFC 5545 floating time means. With a TimeZone the
// times are given with its TZID and the file carries a VTIMEZONE built from
// the offsets and daylight-saving rules given (docs/export.md).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/model/trial_json.hpp"

namespace trialwise::interop {

/// A local time of day.
struct TimeOfDay {
  int hour = 8;    ///< 0-23
  int minute = 0;  ///< 0-59
  auto operator<=>(const TimeOfDay&) const = default;
};

/// When a daylight-saving period starts or ends, as calendars say it: the
/// `week`th `weekday` of `month` (week -1 = the last), at local `at` time.
struct Transition {
  int month = 3;    ///< 1-12
  int week = -1;    ///< 1-4, or -1 for the last
  int weekday = 0;  ///< 0 = Sunday ... 6 = Saturday
  TimeOfDay at{2, 0};
};

struct DaylightSaving {
  int utc_offset_minutes = 120;  ///< in force during daylight saving
  Transition starts{3, -1, 0, {2, 0}};
  Transition ends{10, -1, 0, {3, 0}};
  std::string name;  ///< e.g. "CEST"; optional
};

/// A time zone as the caller knows it (Trialwise reads no tz database): its
/// IANA id, its standard UTC offset and, if it has one, its daylight-saving
/// rule. The VTIMEZONE written holds exactly these rules, from 1970 on.
struct TimeZone {
  std::string tzid;            ///< e.g. "Europe/Berlin"; printable ASCII, no ';' ':' ',' or '"'
  int utc_offset_minutes = 0;  ///< standard time, e.g. 60 for CET
  std::string name;            ///< e.g. "CET"; optional
  std::optional<DaylightSaving> daylight{};
};

/// The European Union's rule (last Sunday of March 01:00 UTC to last Sunday
/// of October 01:00 UTC) for a zone whose standard offset is `utc_offset_minutes`.
TimeZone eu_time_zone(std::string tzid, int utc_offset_minutes, std::string standard_name = {},
                      std::string daylight_name = {});

/// The United States' rule (second Sunday of March 02:00 to first Sunday of
/// November 02:00, local time).
TimeZone us_time_zone(std::string tzid, int utc_offset_minutes, std::string standard_name = {},
                      std::string daylight_name = {});

/// The default dose times: spread from 08:00 to 20:00 (08:00 once a day;
/// 08:00 and 20:00 twice; 08:00, 14:00, 20:00 three times; ...). These are
/// Trialwise's defaults, not the article's: the glutamine pack's timing note
/// says consistency matters more than the minute on the clock.
std::vector<TimeOfDay> default_dose_times(int times_per_day);

struct CalendarOptions {
  /// DTSTAMP: when the file was made (UTC).
  std::chrono::sys_seconds now{};
  /// Empty: floating local times.
  std::optional<TimeZone> zone{};
  /// Dose times by doses a day; a count not listed uses default_dose_times.
  std::map<int, std::vector<TimeOfDay>> dose_times{};
  /// How long each dose reminder lasts in the calendar.
  int reminder_minutes = 15;
  /// The alarm, in minutes before each dose (0: at the dose time).
  int alarm_minutes_before = 0;
  /// When all-day events (step-up check, review) ring: this local time.
  TimeOfDay all_day_alarm{8, 0};
};

/// The calendar as RFC 5545 text: CRLF line endings, lines folded at 75
/// octets (never inside a UTF-8 character), TEXT values escaped, one UID per
/// event derived from the trial ("<uuid>@trialwise", ids.hpp), so that
/// importing a newer file updates events instead of duplicating them.
/// Reminders end early when the trial has ended (Trial::ended_on) or when the
/// review says stop now (see_clinician, stop_side_effects): from that day on
/// none are written.
/// Fails with Errc::invalid_input when an option is bad: `where` names it
/// ("dose_times/2" when the times for twice a day are not 2 distinct valid
/// times, "zone/tzid", "zone/utc_offset_minutes", "zone/daylight",
/// "reminder_minutes", "alarm_minutes_before", "all_day_alarm").
Result<std::string> icalendar(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
                              const CalendarOptions& options);

}  // namespace trialwise::interop

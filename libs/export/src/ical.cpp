// iCalendar text (RFC 5545): the trial's reminders and dates.

#include "trialwise/export/ical.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "trial_view.hpp"
#include "trialwise/export/ids.hpp"

namespace trialwise::interop {

namespace {

using namespace detail;
using namespace std::chrono;

// ---- RFC 5545 text -------------------------------------------------------

// TEXT values (3.3.11): backslash, semicolon, comma and newlines escaped;
// other control characters, which TEXT may not hold, dropped.
std::string escape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += c; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
    }
  }
  return out;
}

// Folds one content line (3.1): at most 75 octets a line, continuation lines
// starting with one space; never splits a UTF-8 character.
void append_folded(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // inside a character
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;  // the leading space counts
  }
  out.append(line);
  out += "\r\n";
}

// Two digits, for the parts of dates, times and offsets (0-99).
std::string two(int n) { return std::string{static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)}; }

std::string basic_date(Date d) {
  std::string s = d.to_string();  // YYYY-MM-DD
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

std::string local_time(Date d, TimeOfDay t) { return basic_date(d) + "T" + two(t.hour) + two(t.minute) + "00"; }

std::string utc_stamp(sys_seconds t) {
  const auto day = floor<days>(t);
  const hh_mm_ss hms(t - day);
  return basic_date(Date(day)) + "T" + two(static_cast<int>(hms.hours().count())) +
         two(static_cast<int>(hms.minutes().count())) + two(static_cast<int>(hms.seconds().count())) + "Z";
}

std::string offset_text(int minutes) {
  const char sign = minutes < 0 ? '-' : '+';
  const int m = minutes < 0 ? -minutes : minutes;
  return sign + two(m / 60) + two(m % 60);
}

bool valid(TimeOfDay t) { return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59; }

// ---- time zones --------------------------------------------------------------

const char* const kDays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

// The first day, from 1970, on which `tr` falls.
Date first_onset(const Transition& tr) {
  const auto m = month{static_cast<unsigned>(tr.month)};
  const auto wd = weekday{static_cast<unsigned>(tr.weekday)};
  const sys_days d =
      tr.week < 0 ? sys_days(year{1970} / m / wd[last]) : sys_days(year{1970} / m / wd[static_cast<unsigned>(tr.week)]);
  return Date(d);
}

void observance(std::vector<std::string>& lines, const char* kind, const Transition& tr, int from, int to,
                const std::string& name) {
  lines.push_back(std::string("BEGIN:") + kind);
  lines.push_back("DTSTART:" + local_time(first_onset(tr), tr.at));
  lines.push_back("RRULE:FREQ=YEARLY;BYMONTH=" + std::to_string(tr.month) + ";BYDAY=" + std::to_string(tr.week) +
                  kDays[tr.weekday]);
  lines.push_back("TZOFFSETFROM:" + offset_text(from));
  lines.push_back("TZOFFSETTO:" + offset_text(to));
  if (!name.empty()) lines.push_back("TZNAME:" + escape_text(name));
  lines.push_back(std::string("END:") + kind);
}

void vtimezone(std::vector<std::string>& lines, const TimeZone& z) {
  lines.push_back("BEGIN:VTIMEZONE");
  lines.push_back("TZID:" + z.tzid);
  if (!z.daylight) {
    lines.push_back("BEGIN:STANDARD");
    lines.push_back("DTSTART:19700101T000000");
    lines.push_back("TZOFFSETFROM:" + offset_text(z.utc_offset_minutes));
    lines.push_back("TZOFFSETTO:" + offset_text(z.utc_offset_minutes));
    if (!z.name.empty()) lines.push_back("TZNAME:" + escape_text(z.name));
    lines.push_back("END:STANDARD");
  } else {
    const auto& d = *z.daylight;
    observance(lines, "DAYLIGHT", d.starts, z.utc_offset_minutes, d.utc_offset_minutes, d.name);
    observance(lines, "STANDARD", d.ends, d.utc_offset_minutes, z.utc_offset_minutes, z.name);
  }
  lines.push_back("END:VTIMEZONE");
}

Result<void> check_transition(const Transition& tr, const std::string& where) {
  if (tr.month < 1 || tr.month > 12) return Unexpected{invalid_input(where + "/month", "the month must be 1 to 12")};
  if (tr.week != -1 && (tr.week < 1 || tr.week > 4))
    return Unexpected{invalid_input(where + "/week", "the week must be 1 to 4, or -1 for the last")};
  if (tr.weekday < 0 || tr.weekday > 6)
    return Unexpected{invalid_input(where + "/weekday", "the weekday must be 0 (Sunday) to 6 (Saturday)")};
  if (!valid(tr.at)) return Unexpected{invalid_input(where + "/at", "not a time of day (00:00 to 23:59)")};
  return {};
}

Result<void> check_zone(const TimeZone& z) {
  if (z.tzid.empty() || z.tzid.size() > 100)
    return Unexpected{invalid_input("zone/tzid", "give the time zone's id, e.g. Europe/Berlin")};
  for (char c : z.tzid)
    if (c < 0x21 || c > 0x7E || c == ';' || c == ':' || c == ',' || c == '"')
      return Unexpected{
          invalid_input("zone/tzid", "the time zone id may hold printable ASCII only, without ; : , or \"")};
  if (z.utc_offset_minutes < -14 * 60 || z.utc_offset_minutes > 14 * 60)
    return Unexpected{invalid_input("zone/utc_offset_minutes", "the UTC offset must be within -14:00 to +14:00")};
  if (z.daylight) {
    const auto& d = *z.daylight;
    if (d.utc_offset_minutes < -14 * 60 || d.utc_offset_minutes > 14 * 60 ||
        d.utc_offset_minutes == z.utc_offset_minutes)
      return Unexpected{
          invalid_input("zone/daylight/utc_offset_minutes",
                        "the daylight-saving offset must be within -14:00 to +14:00 and differ from standard time")};
    if (auto ok = check_transition(d.starts, "zone/daylight/starts"); !ok) return ok;
    if (auto ok = check_transition(d.ends, "zone/daylight/ends"); !ok) return ok;
  }
  return {};
}

Result<std::map<int, std::vector<TimeOfDay>>> checked_dose_times(const std::map<int, std::vector<TimeOfDay>>& given) {
  std::map<int, std::vector<TimeOfDay>> out;
  for (const auto& [n, times] : given) {
    const std::string where = "dose_times/" + std::to_string(n);
    if (n < 1 || n > 24) return Unexpected{invalid_input(where, "doses a day must be 1 to 24")};
    if (static_cast<int>(times.size()) != n)
      return Unexpected{invalid_input(where, "give " + std::to_string(n) + " time(s) of day for " + std::to_string(n) +
                                                 " dose(s) a day, not " + std::to_string(times.size()))};
    auto sorted = times;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      if (!valid(sorted[i])) return Unexpected{invalid_input(where, "not a time of day (00:00 to 23:59)")};
      if (i > 0 && sorted[i] == sorted[i - 1]) return Unexpected{invalid_input(where, "the same time is given twice")};
    }
    out[n] = std::move(sorted);
  }
  return out;
}

// ---- the calendar --------------------------------------------------------------

class Writer {
 public:
  Writer(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
         const CalendarOptions& options, std::map<int, std::vector<TimeOfDay>> dose_times)
      : pack_(pack), t_(record.trial), review_(review), options_(options), dose_times_(std::move(dose_times)) {}

  std::string write() {
    lines_ = {"BEGIN:VCALENDAR",    "VERSION:2.0",    "PRODID:-//Trialwise//Trialwise trial calendar//EN",
              "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + escape_text(pack_.supplement + " trial")};
    if (options_.zone) vtimezone(lines_, *options_.zone);
    baseline_end_event();
    dose_events();
    step_up_events();
    off_block_events();
    review_events();
    lines_.push_back("END:VCALENDAR");
    std::string out;
    for (const auto& l : lines_) append_folded(out, l);
    return out;
  }

 private:
  std::string uid(std::string_view kind, std::string_view index) const {
    return "UID:" + export_uuid(t_, kind, index) + "@trialwise";
  }

  std::string date_time(const char* name, Date d, TimeOfDay t) const {
    if (options_.zone) return std::string(name) + ";TZID=" + options_.zone->tzid + ":" + local_time(d, t);
    return std::string(name) + ":" + local_time(d, t);
  }

  void begin_event(std::string_view kind, std::string_view index) {
    lines_.push_back("BEGIN:VEVENT");
    lines_.push_back(uid(kind, index));
    lines_.push_back("DTSTAMP:" + utc_stamp(options_.now));
  }

  void alarm(const std::string& description, const std::string& trigger) {
    lines_.push_back("BEGIN:VALARM");
    lines_.push_back("ACTION:DISPLAY");
    lines_.push_back("DESCRIPTION:" + escape_text(description));
    lines_.push_back("TRIGGER:" + trigger);
    lines_.push_back("END:VALARM");
  }

  // An all-day event from `first` to `last` (inclusive), with an alarm on
  // its first day at the all-day alarm time when `ring`.
  void all_day(std::string_view kind, std::string_view index, Date first, Date last, const std::string& summary,
               const std::string& description, bool ring) {
    begin_event(kind, index);
    lines_.push_back("DTSTART;VALUE=DATE:" + basic_date(first));
    lines_.push_back("DTEND;VALUE=DATE:" + basic_date(last.plus_days(1)));
    lines_.push_back("SUMMARY:" + escape_text(summary));
    lines_.push_back("DESCRIPTION:" + escape_text(description));
    lines_.push_back("CATEGORIES:Trialwise");
    lines_.push_back("TRANSP:TRANSPARENT");
    if (ring) {
      const auto& a = options_.all_day_alarm;
      alarm(summary, "PT" + std::to_string(a.hour) + "H" + (a.minute > 0 ? std::to_string(a.minute) + "M" : ""));
    }
    lines_.push_back("END:VEVENT");
  }

  // No reminders from this day on: the trial ended, or the review says stop now.
  std::optional<Date> stop_day() const {
    std::optional<Date> stop = t_.ended_on;
    if (review_.verdict == review::Verdict::see_clinician || review_.verdict == review::Verdict::stop_side_effects)
      stop = stop ? std::min(*stop, review_.as_of) : review_.as_of;
    return stop;
  }

  std::vector<TimeOfDay> times_for(int n) const {
    const auto found = dose_times_.find(n);
    return found != dose_times_.end() ? found->second : default_dose_times(n);
  }

  std::string product() const {
    return pack_.supplement + (t_.product_name.empty() ? std::string() : " (" + t_.product_name + ")");
  }

  void baseline_end_event() {
    const auto segments = dose_segments(t_);
    std::string description = "The baseline (no " + pack_.supplement + ", score the outcome every day) ends today.";
    if (!segments.empty())
      description += " The first dose is on " + segments.front().first.to_string() + ": " +
                     number(segments.front().dose_g) + " g " + times_a_day(segments.front().times_per_day) + " a day.";
    all_day("ics/baseline-end", "", baseline_end(t_), baseline_end(t_), "Trial: last baseline day", description, false);
  }

  void dose_events() {
    const auto stop = stop_day();
    const std::size_t steps = t_.steps.size();
    for (const auto& s : dose_segments(t_)) {
      Date last = s.last;
      if (stop && *stop <= last) last = stop->plus_days(-1);
      if (last < s.first) continue;
      const int day_count = last.days_since(s.first) + 1;
      const auto times = times_for(s.times_per_day);
      std::set<int> hours, minutes;
      for (const auto& t : times) {
        hours.insert(t.hour);
        minutes.insert(t.minute);
      }
      // One event when the times are every hour given at every minute given
      // (BYHOUR x BYMINUTE); else one event per time of day.
      const bool grid = hours.size() * minutes.size() == times.size();
      std::string summary = pack_.supplement + ": " + number(s.dose_g) + " g (step " + std::to_string(s.step) + " of " +
                            std::to_string(steps) + (s.requires_tolerance ? ", if tolerated" : "") + ")";
      std::string description = "Take " + number(s.dose_g) + " g of " + product() + ", " +
                                times_a_day(s.times_per_day) + " a day (" + number(s.dose_g * s.times_per_day) +
                                " g a day), " + s.first.to_string() + " to " + last.to_string() + ".";
      if (s.block >= 0) description += " On block " + std::to_string(s.block + 1) + " of the randomized design.";
      if (s.requires_tolerance)
        description += " Only " + tolerance_condition(pack_) +
                       "; otherwise stay at the dose before. "
                       "The trial's status says which step is in force.";
      description += " " + pack_.timing.text + " Log the day's scores and doses.";
      const std::string alarm_text = "Take " + number(s.dose_g) + " g " + pack_.supplement;
      const std::string trigger =
          options_.alarm_minutes_before == 0 ? "PT0S" : "-PT" + std::to_string(options_.alarm_minutes_before) + "M";
      const std::string index =
          "step" + std::to_string(s.step) + (s.block >= 0 ? "/block" + std::to_string(s.block + 1) : "");
      auto event = [&](std::string_view suffix, TimeOfDay first_time, const std::string& rrule) {
        begin_event("ics/dose", index + std::string(suffix));
        lines_.push_back(date_time("DTSTART", s.first, first_time));
        lines_.push_back("DURATION:PT" + std::to_string(options_.reminder_minutes) + "M");
        lines_.push_back(rrule);
        lines_.push_back("SUMMARY:" + escape_text(summary));
        lines_.push_back("DESCRIPTION:" + escape_text(description));
        lines_.push_back("CATEGORIES:Trialwise");
        lines_.push_back("TRANSP:TRANSPARENT");
        alarm(alarm_text, trigger);
        lines_.push_back("END:VEVENT");
      };
      if (times.size() == 1) {
        event("", times[0], "RRULE:FREQ=DAILY;COUNT=" + std::to_string(day_count));
      } else if (grid) {
        std::string by_hour, by_minute;
        for (int h : hours) by_hour += (by_hour.empty() ? "" : ",") + std::to_string(h);
        for (int m : minutes) by_minute += (by_minute.empty() ? "" : ",") + std::to_string(m);
        event("", times[0],
              "RRULE:FREQ=DAILY;COUNT=" + std::to_string(day_count * static_cast<int>(times.size())) +
                  ";BYHOUR=" + by_hour + ";BYMINUTE=" + by_minute);
      } else {
        for (std::size_t i = 0; i < times.size(); ++i)
          event("/t" + std::to_string(i + 1), times[i], "RRULE:FREQ=DAILY;COUNT=" + std::to_string(day_count));
      }
    }
  }

  void step_up_events() {
    const auto stop = stop_day();
    for (std::size_t i = 1; i < t_.steps.size(); ++i) {
      const auto& s = t_.steps[i];
      const auto range = step_range(t_, i);
      if (!s.requires_tolerance || !range || (stop && *stop <= range->first)) continue;
      const std::string step_text = number(s.dose_g) + " g " + times_a_day(s.times_per_day) + " a day";
      all_day("ics/step-up", "step" + std::to_string(s.number), range->first, range->first,
              "Step-up check: " + step_text + " if tolerated",
              "From today the plan moves to step " + std::to_string(s.number) + " (" + step_text + ") only " +
                  tolerance_condition(pack_) +
                  ". If not, stay at the dose before; the trial's status says which step is in force.",
              true);
    }
  }

  void off_block_events() {
    const auto blocks = blocks_of(t_);
    for (const auto& b : blocks) {
      if (b.on) continue;
      const Date last = std::min(b.last, t_.review_date.plus_days(-1));
      if (last < b.first) continue;
      all_day("ics/off-block", "block" + std::to_string(b.index + 1), b.first, last,
              "Off block " + std::to_string(b.index + 1) + " of " + std::to_string(blocks.size()) + ": no " +
                  pack_.supplement,
              "Randomized block design: take no " + pack_.supplement + " from " + b.first.to_string() + " to " +
                  last.to_string() + ", and keep scoring the outcome every day.",
              false);
    }
  }

  void review_events() {
    const std::string section = pack_.review.source.section.empty() ? "pack default" : pack_.review.source.section;
    all_day("ics/review", t_.review_date.to_string(), t_.review_date, t_.review_date,
            "Review day: is " + pack_.supplement + " helping?",
            "See the trial's review. Stop if there is no clear benefit: a supplement that is not helping does not earn "
            "a permanent place (" +
                section + ").",
            true);
    const bool goes_on =
        review_.verdict == review::Verdict::continue_trial || review_.verdict == review::Verdict::reduce_dose;
    if (goes_on && review_.next_review_date && *review_.next_review_date > t_.review_date)
      all_day("ics/review", review_.next_review_date->to_string(), *review_.next_review_date, *review_.next_review_date,
              "Next review: is " + pack_.supplement + " still helping?",
              "The review on " + review_.as_of.to_string() + " said to " +
                  (review_.verdict == review::Verdict::reduce_dose ? "reduce the dose" : "continue") +
                  " until this date, never open-ended. See the review again then.",
              true);
  }

  const pack::Pack& pack_;
  const model::Trial& t_;
  const review::Review& review_;
  const CalendarOptions& options_;
  std::map<int, std::vector<TimeOfDay>> dose_times_;
  std::vector<std::string> lines_;
};

}  // namespace

TimeZone eu_time_zone(std::string tzid, int utc_offset_minutes, std::string standard_name, std::string daylight_name) {
  // Both changes happen at 01:00 UTC: local standard time at the start,
  // local daylight time at the end.
  const int start = 60 + utc_offset_minutes, end = 60 + utc_offset_minutes + 60;
  return TimeZone{.tzid = std::move(tzid),
                  .utc_offset_minutes = utc_offset_minutes,
                  .name = std::move(standard_name),
                  .daylight = DaylightSaving{.utc_offset_minutes = utc_offset_minutes + 60,
                                             .starts = {3, -1, 0, {start / 60, start % 60}},
                                             .ends = {10, -1, 0, {end / 60, end % 60}},
                                             .name = std::move(daylight_name)}};
}

TimeZone us_time_zone(std::string tzid, int utc_offset_minutes, std::string standard_name, std::string daylight_name) {
  return TimeZone{.tzid = std::move(tzid),
                  .utc_offset_minutes = utc_offset_minutes,
                  .name = std::move(standard_name),
                  .daylight = DaylightSaving{.utc_offset_minutes = utc_offset_minutes + 60,
                                             .starts = {3, 2, 0, {2, 0}},
                                             .ends = {11, 1, 0, {2, 0}},
                                             .name = std::move(daylight_name)}};
}

std::vector<TimeOfDay> default_dose_times(int times_per_day) {
  if (times_per_day <= 1) return {{8, 0}};
  std::vector<TimeOfDay> out;
  for (int i = 0; i < times_per_day; ++i) {
    const int minutes = 8 * 60 + i * 12 * 60 / (times_per_day - 1);
    out.push_back({minutes / 60, minutes % 60});
  }
  return out;
}

Result<std::string> icalendar(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
                              const CalendarOptions& options) {
  if (options.zone)
    if (auto ok = check_zone(*options.zone); !ok) return Unexpected{ok.error()};
  auto times = checked_dose_times(options.dose_times);
  if (!times) return Unexpected{times.error()};
  if (options.reminder_minutes < 1 || options.reminder_minutes > 24 * 60)
    return Unexpected{invalid_input("reminder_minutes", "a reminder lasts 1 to 1440 minutes")};
  if (options.alarm_minutes_before < 0 || options.alarm_minutes_before > 24 * 60)
    return Unexpected{invalid_input("alarm_minutes_before", "an alarm rings 0 to 1440 minutes before the dose")};
  if (!valid(options.all_day_alarm))
    return Unexpected{invalid_input("all_day_alarm", "not a time of day (00:00 to 23:59)")};
  return Writer(pack, record, review, options, std::move(*times)).write();
}

}  // namespace trialwise::interop

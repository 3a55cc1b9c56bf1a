#include <set>

#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "trialwise/export/ical.hpp"

namespace trialwise::interop {
namespace {

using namespace std::chrono;

const sys_seconds kNow = sys_days{year{2026} / 12 / 6} + hours{19} + minutes{31} + seconds{5};

CalendarOptions options() { return {.now = kNow}; }

// The content lines, unfolded; fails the test on a bare LF or CR.
std::vector<std::string> unfold(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "the text must end with CRLF";
    if (end == std::string::npos) break;
    const std::string physical = text.substr(pos, end - pos);
    EXPECT_EQ(physical.find('\n'), std::string::npos);
    EXPECT_EQ(physical.find('\r'), std::string::npos);
    if (!physical.empty() && physical[0] == ' ') {
      lines.back() += physical.substr(1);
    } else {
      lines.push_back(physical);
    }
    pos = end + 2;
  }
  return lines;
}

struct Event {
  std::map<std::string, std::string> props;  // name with parameters -> value (the event's own, not its alarm's)
  bool has_alarm = false;
};

std::vector<Event> events(const std::string& text) {
  std::vector<Event> out;
  bool in_event = false, in_alarm = false;
  for (const auto& line : unfold(text)) {
    if (line == "BEGIN:VEVENT") {
      out.emplace_back();
      in_event = true;
    } else if (line == "END:VEVENT") {
      in_event = false;
    } else if (line == "BEGIN:VALARM") {
      in_alarm = true;
      out.back().has_alarm = true;
    } else if (line == "END:VALARM") {
      in_alarm = false;
    } else if (in_event && !in_alarm) {
      const auto colon = line.find(':');
      out.back().props[line.substr(0, colon)] = line.substr(colon + 1);
    }
  }
  return out;
}

std::vector<Event> with_uid_part(const std::vector<Event>& all, std::string_view summary_start) {
  std::vector<Event> out;
  for (const auto& e : all)
    if (e.props.at("SUMMARY").rfind(summary_start, 0) == 0) out.push_back(e);
  return out;
}

class IcalendarTest : public ::testing::Test {
 protected:
  testing::Sample open_ = testing::open_sample();
  const pack::Pack& pack_ = testing::shipped();
};

TEST_F(IcalendarTest, LinesAreCrlfFoldedAt75OctetsNeverInsideACharacter) {
  const auto text = *icalendar(pack_, open_.record, open_.review, options());
  std::size_t pos = 0;
  int folded = 0;
  while (pos < text.size()) {
    const auto end = text.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos);
    const std::string line = text.substr(pos, end - pos);
    EXPECT_LE(line.size(), 75u) << line;
    if (!line.empty() && line[0] == ' ') ++folded;
    // Each physical line is whole UTF-8: it neither starts nor ends mid-character.
    const std::size_t start = line.empty() || line[0] != ' ' ? 0 : 1;
    if (line.size() > start) {
      EXPECT_NE(static_cast<unsigned char>(line[start]) & 0xC0, 0x80) << line;
    }
    if (!line.empty()) {
      std::size_t i = line.size();
      while (i > 0 && (static_cast<unsigned char>(line[i - 1]) & 0xC0) == 0x80) --i;
      const auto lead = i > 0 ? static_cast<unsigned char>(line[i - 1]) : 0;
      const std::size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
      EXPECT_EQ(line.size() - i, need) << "a character is split at the end of: " << line;
    }
    pos = end + 2;
  }
  EXPECT_GT(folded, 5);
  EXPECT_EQ(text.rfind("END:VCALENDAR\r\n"), text.size() - 15);
}

TEST_F(IcalendarTest, TextIsEscaped) {
  const auto all = events(*icalendar(pack_, open_.record, open_.review, options()));
  const auto doses = with_uid_part(all, "L-glutamine: 5 g");
  ASSERT_EQ(doses.size(), 1u);
  const auto& d = doses[0].props.at("DESCRIPTION");
  EXPECT_NE(d.find("Pure \"Glut\" <b>& Co</b>\\; caps\\, naïve \\\\ 🙂"), std::string::npos) << d;
  EXPECT_EQ(d.find('\n'), std::string::npos);
}

TEST_F(IcalendarTest, EachStepRecursDailyAtTheDoseTimesForItsDays) {
  const auto all = events(*icalendar(pack_, open_.record, open_.review, options()));
  const auto step1 = with_uid_part(all, "L-glutamine: 5 g");
  const auto step2 = with_uid_part(all, "L-glutamine: 10 g");
  ASSERT_EQ(step1.size(), 1u);
  ASSERT_EQ(step2.size(), 1u);
  EXPECT_EQ(step1[0].props.at("DTSTART"), "20261214T080000");  // floating local time
  EXPECT_EQ(step1[0].props.at("RRULE"), "FREQ=DAILY;COUNT=14;BYHOUR=8,20;BYMINUTE=0");
  EXPECT_EQ(step2[0].props.at("DTSTART"), "20261221T080000");
  EXPECT_EQ(step2[0].props.at("RRULE"), "FREQ=DAILY;COUNT=42;BYHOUR=8,20;BYMINUTE=0");
  EXPECT_EQ(step1[0].props.at("DURATION"), "PT15M");
  EXPECT_TRUE(step1[0].has_alarm);
  EXPECT_EQ(step1[0].props.at("DTSTAMP"), "20261206T193105Z");
  // Baseline end, the step-up check and the review are all-day events.
  const auto baseline = with_uid_part(all, "Trial: last baseline day");
  ASSERT_EQ(baseline.size(), 1u);
  EXPECT_EQ(baseline[0].props.at("DTSTART;VALUE=DATE"), "20261213");
  EXPECT_EQ(baseline[0].props.at("DTEND;VALUE=DATE"), "20261214");
  const auto check = with_uid_part(all, "Step-up check");
  ASSERT_EQ(check.size(), 1u);
  EXPECT_EQ(check[0].props.at("DTSTART;VALUE=DATE"), "20261221");
  const auto review = with_uid_part(all, "Review day");
  ASSERT_EQ(review.size(), 1u);
  EXPECT_EQ(review[0].props.at("DTSTART;VALUE=DATE"), "20270111");
}

TEST_F(IcalendarTest, UidsAreUniqueAndStable) {
  const auto a = events(*icalendar(pack_, open_.record, open_.review, options()));
  auto later = options();
  later.now += hours{48};
  const auto b = events(*icalendar(pack_, open_.record, open_.review, later));
  ASSERT_EQ(a.size(), b.size());
  std::set<std::string> uids;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].props.at("UID"), b[i].props.at("UID"));
    EXPECT_TRUE(a[i].props.at("UID").ends_with("@trialwise"));
    EXPECT_TRUE(uids.insert(a[i].props.at("UID")).second);
  }
}

TEST_F(IcalendarTest, TimesThatAreNotAGridBecomeOneEventPerTime) {
  auto o = options();
  o.dose_times[2] = {{20, 30}, {7, 45}};
  const auto all = events(*icalendar(pack_, open_.record, open_.review, o));
  const auto step1 = with_uid_part(all, "L-glutamine: 5 g");
  ASSERT_EQ(step1.size(), 2u);
  EXPECT_EQ(step1[0].props.at("DTSTART"), "20261214T074500");
  EXPECT_EQ(step1[0].props.at("RRULE"), "FREQ=DAILY;COUNT=7");
  EXPECT_EQ(step1[1].props.at("DTSTART"), "20261214T203000");
}

TEST_F(IcalendarTest, AZoneGivesTzidTimesAndItsVtimezone) {
  auto o = options();
  o.zone = eu_time_zone("Europe/Berlin", 60, "CET", "CEST");
  const auto text = *icalendar(pack_, open_.record, open_.review, o);
  EXPECT_NE(
      text.find(
          "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n"
          "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
          "END:DAYLIGHT\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
          "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"),
      std::string::npos)
      << text.substr(0, 900);
  const auto all = events(text);
  EXPECT_EQ(with_uid_part(all, "L-glutamine: 5 g")[0].props.at("DTSTART;TZID=Europe/Berlin"), "20261214T080000");
  o.zone = us_time_zone("America/New_York", -300, "EST", "EDT");
  const auto us = *icalendar(pack_, open_.record, open_.review, o);
  EXPECT_NE(us.find("DTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nTZOFFSETFROM:-0500\r\n"),
            std::string::npos);
  EXPECT_NE(us.find("DTSTART:19701101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nTZOFFSETFROM:-0400\r\n"),
            std::string::npos);
  o.zone = TimeZone{.tzid = "Asia/Kolkata", .utc_offset_minutes = 330, .name = "IST", .daylight = std::nullopt};
  const auto india = *icalendar(pack_, open_.record, open_.review, o);
  EXPECT_NE(india.find("TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n"), std::string::npos);
}

TEST_F(IcalendarTest, BlockDesignsRemindOnOnBlocksOnly) {
  const auto s = testing::blocks_sample();
  const auto all = events(*icalendar(pack_, s.record, s.review, options()));
  int on_blocks = 0;
  for (bool on : s.record.trial.blocks->on) on_blocks += on ? 1 : 0;
  int dose_events = 0, off_events = 0;
  for (const auto& e : all) {
    const auto& summary = e.props.at("SUMMARY");
    if (summary.rfind("L-glutamine:", 0) == 0) {
      ++dose_events;
      const auto start = *Date::parse(e.props.at("DTSTART").substr(0, 4) + "-" + e.props.at("DTSTART").substr(4, 2) +
                                          "-" + e.props.at("DTSTART").substr(6, 2),
                                      "t");
      EXPECT_TRUE(model::is_on_day(s.record.trial, start)) << summary;
    }
    if (summary.rfind("Off block", 0) == 0) ++off_events;
  }
  EXPECT_GE(dose_events, on_blocks);
  EXPECT_EQ(off_events, static_cast<int>(s.record.trial.blocks->on.size()) - on_blocks);
}

TEST_F(IcalendarTest, AStopEndsTheReminders) {
  auto s = testing::open_sample();
  // A red flag on 2026-12-24: the review that day says see a clinician.
  for (auto& e : s.record.entries)
    if (e.date == testing::day("2026-12-24")) e.red_flags = {"new_neuro_symptoms"};
  s.review = review::review_trial(pack_, s.record.trial, s.record.entries, testing::day("2026-12-24"));
  ASSERT_EQ(s.review.verdict, review::Verdict::see_clinician);
  const auto all = events(*icalendar(pack_, s.record, s.review, options()));
  const auto step2 = with_uid_part(all, "L-glutamine: 10 g");
  ASSERT_EQ(step2.size(), 1u);
  EXPECT_EQ(step2[0].props.at("RRULE"), "FREQ=DAILY;COUNT=6;BYHOUR=8,20;BYMINUTE=0");  // 12-21 to 12-23
  s.record.trial.ended_on = testing::day("2026-12-21");
  const auto ended = events(*icalendar(pack_, s.record, s.review, options()));
  EXPECT_TRUE(with_uid_part(ended, "L-glutamine: 10 g").empty());
  EXPECT_TRUE(with_uid_part(ended, "Step-up check").empty());
}

TEST_F(IcalendarTest, ContinueAddsTheNextReview) {
  ASSERT_EQ(open_.review.verdict, review::Verdict::continue_trial);
  const auto all = events(*icalendar(pack_, open_.record, open_.review, options()));
  const auto next = with_uid_part(all, "Next review");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].props.at("DTSTART;VALUE=DATE"), "20270208");
}

TEST_F(IcalendarTest, BadOptionsAreNamed) {
  auto o = options();
  o.dose_times[2] = {{8, 0}};
  auto r = icalendar(pack_, open_.record, open_.review, o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_input);
  EXPECT_EQ(r.error().where, "dose_times/2");
  o = options();
  o.dose_times[2] = {{8, 0}, {8, 0}};
  EXPECT_EQ(icalendar(pack_, open_.record, open_.review, o).error().where, "dose_times/2");
  o = options();
  o.dose_times[1] = {{24, 0}};
  EXPECT_EQ(icalendar(pack_, open_.record, open_.review, o).error().where, "dose_times/1");
  o = options();
  o.zone = TimeZone{.tzid = "Bad;Zone", .utc_offset_minutes = 0, .name = "", .daylight = std::nullopt};
  EXPECT_EQ(icalendar(pack_, open_.record, open_.review, o).error().where, "zone/tzid");
  o.zone = TimeZone{.tzid = "X", .utc_offset_minutes = 15 * 60, .name = "", .daylight = std::nullopt};
  EXPECT_EQ(icalendar(pack_, open_.record, open_.review, o).error().where, "zone/utc_offset_minutes");
  o.zone = eu_time_zone("Europe/Paris", 60);
  o.zone->daylight->starts.month = 13;
  EXPECT_EQ(icalendar(pack_, open_.record, open_.review, o).error().where, "zone/daylight/starts/month");
  o = options();
  o.reminder_minutes = 0;
  EXPECT_EQ(icalendar(pack_, open_.record, open_.review, o).error().where, "reminder_minutes");
}

TEST(DefaultDoseTimesTest, SpreadFromEightToTwenty) {
  EXPECT_EQ(default_dose_times(1), (std::vector<TimeOfDay>{{8, 0}}));
  EXPECT_EQ(default_dose_times(2), (std::vector<TimeOfDay>{{8, 0}, {20, 0}}));
  EXPECT_EQ(default_dose_times(3), (std::vector<TimeOfDay>{{8, 0}, {14, 0}, {20, 0}}));
  EXPECT_EQ(default_dose_times(4), (std::vector<TimeOfDay>{{8, 0}, {12, 0}, {16, 0}, {20, 0}}));
}

}  // namespace
}  // namespace trialwise::interop

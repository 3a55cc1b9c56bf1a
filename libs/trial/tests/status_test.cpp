#include "trialwise/trial/status.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "trialwise/test_support/trial_maker.hpp"

namespace trialwise::trial {
namespace {

using test_support::day;
using test_support::gut_trial;
using test_support::shipped;

model::DayEntry entry(const char* date, double outcome, int doses, int worst_side_effect = 0) {
  model::DayEntry e;
  e.date = day(date);
  e.outcome = outcome;
  e.doses_taken = doses;
  e.side_effects["bloating"] = worst_side_effect;
  return e;
}

// Every day from `from` to `to` logged with `doses` and side effects `worst`.
void log_days(std::vector<model::DayEntry>& log, const char* from, const char* to, int doses, int worst = 0) {
  for (Date d = day(from); d <= day(to); d = d.plus_days(1)) {
    const std::string s = d.to_string();
    log.push_back(entry(s.c_str(), 4, doses, worst));
  }
}

TEST(StatusTest, PhasesFollowThePlansDates) {
  const model::Trial t = gut_trial();
  EXPECT_EQ(compute_status(shipped(), t, {}, day("2026-12-06")).phase, Phase::not_started);
  const auto baseline = compute_status(shipped(), t, {}, day("2026-12-09"));
  EXPECT_EQ(baseline.phase, Phase::baseline);
  EXPECT_EQ(baseline.day, 3);
  EXPECT_FALSE(baseline.step);
  const auto active = compute_status(shipped(), t, {}, day("2026-12-14"));
  EXPECT_EQ(active.phase, Phase::active);
  EXPECT_EQ(active.day, 1);
  ASSERT_TRUE(active.step);
  EXPECT_EQ(active.step->dose_g, 5);
  EXPECT_EQ(compute_status(shipped(), t, {}, day("2027-01-10")).phase, Phase::active);
  EXPECT_EQ(compute_status(shipped(), t, {}, day("2027-01-11")).phase, Phase::review_due);
}

TEST(StatusTest, StepsUpOnlyWhenTolerated) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-14", "2026-12-20", 2, 1);  // mild side effects: tolerated
  auto st = compute_status(shipped(), t, log, day("2026-12-21"));
  ASSERT_TRUE(st.step);
  EXPECT_EQ(st.step->number, 2);
  EXPECT_EQ(st.step->dose_g, 10);

  // Moderate side effects (4/10, the pack's threshold) in the days before: held.
  log.clear();
  log_days(log, "2026-12-14", "2026-12-20", 2, 4);
  st = compute_status(shipped(), t, log, day("2026-12-21"));
  ASSERT_TRUE(st.step);
  EXPECT_EQ(st.step->number, 1);
  EXPECT_NE(st.step->why.find("held at step 1"), std::string::npos);

  // Just under the threshold (3/10) on the same days: steps up.
  log.clear();
  log_days(log, "2026-12-14", "2026-12-20", 2, 3);
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-21")).step->number, 2);
}

TEST(StatusTest, HeldStepBeginsOnceTheWindowIsCalm) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-14", "2026-12-20", 2, 4);  // 4/10: below the step-down level, but not tolerated
  log_days(log, "2026-12-21", "2026-12-23", 2, 0);  // three calm days
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-23")).step->number, 1);
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-24")).step->number, 2);
}

// "If tolerated" needs evidence: each day of the window logged. Three
// unlogged days are not tolerance, and status says what to log.
TEST(StatusTest, UnloggedDaysAreNotEvidenceOfTolerance) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-14", "2026-12-17", 2, 0);  // then nothing logged
  auto st = compute_status(shipped(), t, log, day("2026-12-21"));
  EXPECT_EQ(st.step->number, 1) << "the planned day of step 2, with the window unlogged";
  EXPECT_NE(st.step->why.find("0 of the last 3 days"), std::string::npos) << st.step->why;
  EXPECT_NE(st.step->why.find("log every day"), std::string::npos) << st.step->why;
  // Two of three logged: still held.
  log_days(log, "2026-12-19", "2026-12-20", 2, 0);
  st = compute_status(shipped(), t, log, day("2026-12-21"));
  EXPECT_EQ(st.step->number, 1);
  EXPECT_NE(st.step->why.find("2 of the last 3 days"), std::string::npos) << st.step->why;
  // The third logged: the step begins.
  log_days(log, "2026-12-18", "2026-12-18", 2, 0);
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-21")).step->number, 2);
}

// A step-down sticks: the dose stays down until a full window at the lower
// dose is tolerated (not the next calm day).
TEST(StatusTest, AStepDownSticksUntilANewWindowIsTolerated) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-14", "2026-12-20", 2, 0);
  log_days(log, "2026-12-21", "2026-12-21", 2, 5);  // at step 2, a 5/10 day
  auto st = compute_status(shipped(), t, log, day("2026-12-22"));
  EXPECT_EQ(st.step->number, 1);
  EXPECT_NE(st.step->why.find("back to step 1"), std::string::npos) << st.step->why;
  log_days(log, "2026-12-22", "2026-12-24", 2, 0);  // calm at step 1 from the day of the step-down
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-23")).step->number, 1) << "one calm day is not a window";
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-24")).step->number, 1) << "two calm days are not a window";
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-25")).step->number, 2) << "three calm logged days are";
  // 4/10 at step 2 is below the step-down level: no step-down.
  log[7].side_effects["bloating"] = 4;
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-22")).step->number, 2);
}

// A second step-down from the same step holds the lower dose for the rest of
// the trial: no daily back-and-forth.
TEST(StatusTest, ASecondStepDownHoldsTheLowerDoseForGood) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-14", "2026-12-20", 2, 0);
  log_days(log, "2026-12-21", "2026-12-21", 2, 5);  // step 2, then down on the 22nd
  log_days(log, "2026-12-22", "2026-12-24", 2, 0);  // a calm window: up again on the 25th
  log_days(log, "2026-12-25", "2026-12-25", 2, 5);  // down again on the 26th
  log_days(log, "2026-12-26", "2027-01-05", 2, 0);  // calm for days
  ASSERT_EQ(compute_status(shipped(), t, log, day("2026-12-25")).step->number, 2);
  auto st = compute_status(shipped(), t, log, day("2027-01-05"));
  EXPECT_EQ(st.step->number, 1);
  EXPECT_NE(st.step->why.find("rest of the trial"), std::string::npos) << st.step->why;
  // One step-down only (the second 5/10 day a 4): back up after the window.
  log[11].side_effects["bloating"] = 4;
  EXPECT_EQ(compute_status(shipped(), t, log, day("2027-01-05")).step->number, 2);
}

// The replay never runs past the protocol's longest run (56 days for the gut
// trial): a trial kept going longer holds its last step, so status costs the
// same however long the log. Both sides of day 56.
TEST(StatusTest, TheDoseIsReplayedNoFurtherThanTheProtocolsLongestRun) {
  model::Trial t = gut_trial();
  t.review_date = t.active_start.plus_days(200);  // amended far ahead
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-14", "2027-02-20", 2, 0);
  const Date day56 = t.active_start.plus_days(55), day57 = t.active_start.plus_days(56);
  log[static_cast<std::size_t>(day56.plus_days(-1).days_since(day("2026-12-14")))].side_effects["bloating"] = 5;
  EXPECT_EQ(compute_status(shipped(), t, log, day56).step->number, 1) << "day 56 is replayed: stepped down";
  log[static_cast<std::size_t>(day56.plus_days(-1).days_since(day("2026-12-14")))].side_effects["bloating"] = 0;
  log[static_cast<std::size_t>(day56.days_since(day("2026-12-14")))].side_effects["bloating"] = 5;
  EXPECT_EQ(compute_status(shipped(), t, log, day57).step->number, 2) << "day 57 is past the replay: the step holds";
}

// "If a supplement repeatedly upsets your stomach ... not something to push
// through": 3 days at the step-down level within 7 at the lowest dose stop.
TEST(StatusTest, RepeatedUpsetAtTheLowestDoseStopsTheTrial) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-14", "2026-12-20", 2, 0);
  for (const char* d : {"2026-12-14", "2026-12-16", "2026-12-20"})
    log[static_cast<std::size_t>(day(d).days_since(day("2026-12-14")))].side_effects["nausea"] = 5;
  auto st = compute_status(shipped(), t, log, day("2026-12-20"));
  EXPECT_EQ(st.phase, Phase::stopped);
  ASSERT_FALSE(st.todo.empty());
  EXPECT_NE(st.todo[0].text.find("repeatedly upsets"), std::string::npos) << st.todo[0].text;
  EXPECT_EQ(st.todo[0].id, "stop");
  EXPECT_EQ(st.todo.back(), (Todo{"see_review", "Then see the review."}));
  // Across the threshold: the same three days spread over eight are not 3 in 7.
  log[0].side_effects["nausea"] = 0;
  log[6].side_effects["nausea"] = 0;
  log_days(log, "2026-12-21", "2026-12-21", 2, 0);
  log.back().side_effects["nausea"] = 5;  // 16th, 21st: two in any seven
  log[0].side_effects["nausea"] = 5;      // 14th, 16th, 21st: eight days apart end to end
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-21")).phase, Phase::active);
  // Two days at the level within seven: not yet.
  log[0].side_effects["nausea"] = 0;
  log[2].side_effects["nausea"] = 5;
  log[3].side_effects["nausea"] = 5;
  log.back().side_effects["nausea"] = 0;
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-21")).phase, Phase::active);
}

TEST(StatusTest, SideEffectActionsFollowThePacksThresholds) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log{entry("2026-12-15", 4, 2, 3)};
  auto st = compute_status(shipped(), t, log, day("2026-12-15"));
  EXPECT_EQ(st.actions, std::vector<std::string>{"take_with_food"});
  log[0].side_effects["bloating"] = 2;
  EXPECT_TRUE(compute_status(shipped(), t, log, day("2026-12-15")).actions.empty());
  log[0].side_effects["nausea"] = 7;
  st = compute_status(shipped(), t, log, day("2026-12-15"));
  EXPECT_EQ(st.phase, Phase::stopped);
  log[0].side_effects["nausea"] = 6;
  EXPECT_EQ(compute_status(shipped(), t, log, day("2026-12-15")).phase, Phase::active);
}

TEST(StatusTest, ARedFlagStopsTheTrialAtAnyPoint) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-07", "2026-12-20", 2);
  log[3].red_flags.push_back("new_neuro_symptoms");  // even in the baseline
  const auto st = compute_status(shipped(), t, log, day("2026-12-20"));
  EXPECT_EQ(st.phase, Phase::stopped);
  ASSERT_FALSE(st.todo.empty());
  EXPECT_NE(st.todo[0].text.find("see a clinician"), std::string::npos);
  EXPECT_EQ(st.todo[0].id, "red_flag");
}

TEST(StatusTest, CountsLoggedAndMissingDaysAndAdherence) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-07", "2026-12-11", 0);  // 5 of 7 baseline days
  log_days(log, "2026-12-14", "2026-12-17", 2);  // 4 active days, full doses
  log.push_back(entry("2026-12-18", 5, 1));      // half the doses
  const auto st = compute_status(shipped(), t, log, day("2026-12-20"));
  EXPECT_EQ(st.baseline_days_logged, 5);
  EXPECT_EQ(st.baseline_days_missing, 2);
  EXPECT_EQ(st.active_days_logged, 5);
  EXPECT_EQ(st.active_days_missing, 1) << "19th missed; the 20th (today) not yet due";
  ASSERT_TRUE(st.adherence);
  EXPECT_DOUBLE_EQ(*st.adherence, 9.0 / 12.0);
}

TEST(StatusTest, BurdenIsTheMeanOfTheLastSevenDays) {
  const model::Trial t = gut_trial();
  std::vector<model::DayEntry> log;
  log_days(log, "2026-12-10", "2026-12-13", 0, 6);  // outside the week before the 20th
  log_days(log, "2026-12-14", "2026-12-20", 2, 2);
  log[log.size() - 1].side_effects["bloating"] = 9;
  const auto st = compute_status(shipped(), t, log, day("2026-12-20"));
  EXPECT_DOUBLE_EQ(st.side_effect_burden.at("bloating"), (2.0 * 6 + 9) / 7);
}

TEST(StatusTest, EndedTrialSaysSo) {
  model::Trial t = gut_trial();
  t.ended_on = day("2026-12-30");
  t.end_reason = "stop_no_clear_benefit";
  EXPECT_EQ(compute_status(shipped(), t, {}, day("2026-12-31")).phase, Phase::ended);
  EXPECT_EQ(compute_status(shipped(), t, {}, day("2026-12-29")).phase, Phase::active);
}

TEST(StatusTest, AnOffBlockPlansNoDoseAndSaysWhenTheNextOnBlockStarts) {
  const model::Trial t = gut_trial(assess::BlockChoices{.block_days = 7, .blocks = 4, .seed = 42});
  ASSERT_TRUE(t.blocks);
  const int off_block = t.blocks->on[0] ? 1 : 0;
  const Date off_day = t.active_start.plus_days(7 * off_block + 2);
  const auto st = compute_status(shipped(), t, {}, off_day);
  EXPECT_EQ(st.phase, Phase::active);
  EXPECT_FALSE(st.step);
  ASSERT_FALSE(st.todo.empty());
  EXPECT_NE(st.todo[0].text.find("Off block (block " + std::to_string(off_block + 1) + " of 4)"), std::string::npos)
      << st.todo[0].text;

  // Adherence counts planned doses on on days only: a full first pair of
  // blocks with 2 doses on each on day is 100%.
  std::vector<model::DayEntry> log;
  for (Date d = t.active_start; d < t.active_start.plus_days(14); d = d.plus_days(1))
    log.push_back(entry(d.to_string().c_str(), 4, model::is_on_day(t, d) ? 2 : 0));
  const auto after = compute_status(shipped(), t, log, t.active_start.plus_days(13));
  ASSERT_TRUE(after.adherence);
  EXPECT_DOUBLE_EQ(*after.adherence, 1.0);
}

}  // namespace
}  // namespace trialwise::trial

#include "fixtures.hpp"

#include "trialwise/service/day_log.hpp"

namespace trialwise::service {
namespace {

using testing::day;

class DayLogTest : public testing::RunningTrialTest {
 protected:
  DayInput input(const char* date, double outcome) {
    DayInput d;
    d.date = day(date);
    d.outcome = outcome;
    return d;
  }
  Result<LoggedDay> log(const DayInput& d, const char* today = "2026-12-14") {
    return log_day(*repo_, model::kLocalProfile, pack(), trial_, d, day(today));
  }
  void expect_refused(const DayInput& d, const std::string& where) {
    auto r = log(d);
    ASSERT_FALSE(r) << where;
    EXPECT_EQ(r.error().code, Errc::invalid_input);
    EXPECT_EQ(r.error().where, where) << r.error().message;
  }
};

TEST_F(DayLogTest, SavesADayAndReplacesItKeepingTheVersion) {
  auto first = log(input("2026-12-08", 6));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->entry.version, 1);
  EXPECT_EQ(first->status.phase, trial::Phase::active);
  auto second = log(input("2026-12-08", 5));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->entry.version, 2);
}

TEST_F(DayLogTest, NamesTheDateWhenOutsideTheTrialOrInTheFuture) {
  expect_refused(input("2026-12-15", 5), "/date");
  expect_refused(input("2026-12-01", 5), "/date");
}

TEST_F(DayLogTest, NamesEachValueOffItsScale) {
  expect_refused(input("2026-12-08", 11), "/outcome");
  auto d = input("2026-12-08", 5);
  d.doses_taken = 25;
  expect_refused(d, "/doses_taken");
  d = input("2026-12-08", 5);
  d.dose_g = 101;
  expect_refused(d, "/dose_g");
  d = input("2026-12-08", 5);
  d.side_effects["bloating"] = 11;
  expect_refused(d, "/side_effects/bloating");
  d = input("2026-12-08", 5);
  d.note.assign(kMaxNoteBytes + 1, 'x');
  expect_refused(d, "/note");
}

TEST_F(DayLogTest, NamesUnknownSideEffectsAndRedFlags) {
  auto d = input("2026-12-08", 5);
  d.side_effects["headache"] = 3;
  expect_refused(d, "/side_effects/headache");
  d = input("2026-12-08", 5);
  d.red_flags = {"new_neuro_symptoms", "hiccups"};
  expect_refused(d, "/red_flags/1");
}

}  // namespace
}  // namespace trialwise::service

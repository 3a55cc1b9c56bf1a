#include "trialwise/service/review.hpp"

#include "fixtures.hpp"

namespace trialwise::service {
namespace {

using testing::day;

// Every day from the start to the review logged: baseline at `base`, active
// at `active`, two doses a day, with `side` as the bloating score on active
// days from `side_from` on.
class ReviewRecordTest : public testing::RunningTrialTest {
 protected:
  void log_all(double base, double active, int side = 0, Date side_from = Date{}, std::optional<Date> side_to = {}) {
    int i = 0;
    for (Date d = trial_.start; d < trial_.review_date; d = d.plus_days(1), ++i) {
      model::DayEntry e;
      e.date = d;
      const bool on = d >= trial_.active_start;
      e.outcome = (on ? active : base) + i % 2;
      e.doses_taken = on ? 2 : 0;
      e.side_effects["bloating"] = on && d >= side_from && (!side_to || d <= *side_to) ? side : 0;
      ASSERT_TRUE(repo_->put_entry(model::kLocalProfile, trial_.id, e));
    }
  }
  review::Review review_now() {
    auto record = trial_record(*repo_, model::kLocalProfile, trial_);
    EXPECT_TRUE(record);
    return review::review_trial(pack(), record->trial, record->entries, trial_.review_date);
  }
  model::Trial stored() { return *repo_->get_trial(model::kLocalProfile, trial_.id); }
};

TEST_F(ReviewRecordTest, ContinueMovesTheReviewDateAsAnAmendment) {
  log_all(7, 3);
  const auto r = review_now();
  ASSERT_EQ(r.verdict, review::Verdict::continue_trial);
  auto done = record_verdict(*repo_, model::kLocalProfile, trial_, r);
  ASSERT_TRUE(done) << to_string(done.error());
  EXPECT_EQ(stored().review_date, day("2027-02-08"));
  EXPECT_FALSE(stored().ended_on);
  auto amendments = *repo_->amendments(model::kLocalProfile, trial_.id);
  ASSERT_EQ(amendments.size(), 1u);
  EXPECT_EQ(amendments[0].field, "review_date");
  EXPECT_EQ(amendments[0].reason, "review on 2027-01-11: continue");
  // The JSON carries the amendments from then on.
  auto record = *trial_record(*repo_, model::kLocalProfile, stored());
  EXPECT_EQ(review_json(r, record).at("amendments").as_array().size(), 1u);
}

TEST_F(ReviewRecordTest, ReduceDoseSetsLaterStepsToTheFirstStepsDose) {
  // A 5/10 day on step 2's first day: the step-down level, at the higher step.
  log_all(7, 3, 5, day("2026-12-21"), day("2026-12-21"));
  const auto r = review_now();
  ASSERT_EQ(r.verdict, review::Verdict::reduce_dose);
  ASSERT_TRUE(record_verdict(*repo_, model::kLocalProfile, trial_, r));
  const auto t = stored();
  ASSERT_EQ(t.steps.size(), 2u);
  EXPECT_EQ(t.steps[1].dose_g, 5);
  EXPECT_EQ(t.steps[1].times_per_day, 2);
  auto amendments = *repo_->amendments(model::kLocalProfile, trial_.id);
  ASSERT_EQ(amendments.size(), 2u);
  EXPECT_EQ(amendments[0].field, "dose");
  EXPECT_EQ(amendments[0].old_value, "step 2 10 g x 2");
  EXPECT_EQ(amendments[1].field, "review_date");
}

TEST_F(ReviewRecordTest, AStopEndsTheTrialAndASecondRecordConflicts) {
  log_all(5, 5);
  const auto r = review_now();
  ASSERT_EQ(r.verdict, review::Verdict::stop_no_clear_benefit);
  ASSERT_TRUE(record_verdict(*repo_, model::kLocalProfile, trial_, r));
  const auto t = stored();
  ASSERT_TRUE(t.ended_on);
  EXPECT_EQ(*t.ended_on, day("2027-01-11"));
  EXPECT_EQ(t.end_reason, "stop_no_clear_benefit");
  auto again = record_verdict(*repo_, model::kLocalProfile, t, r);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
}

TEST_F(ReviewRecordTest, InconclusiveRecordsNothing) {
  const auto r = review_now();  // nothing logged
  ASSERT_EQ(r.verdict, review::Verdict::inconclusive);
  auto done = record_verdict(*repo_, model::kLocalProfile, trial_, r);
  ASSERT_TRUE(done);
  EXPECT_NE(done->find("Nothing recorded"), std::string::npos);
  EXPECT_EQ(stored().review_date, trial_.review_date);
  EXPECT_TRUE(repo_->amendments(model::kLocalProfile, trial_.id)->empty());
}

TEST_F(ReviewRecordTest, ChosenTrialFindsPastTrialsAndNamesMissingOnes) {
  EXPECT_EQ(chosen_trial(*repo_, model::kLocalProfile, std::nullopt)->id, trial_.id);
  EXPECT_EQ(chosen_trial(*repo_, model::kLocalProfile, trial_.id)->id, trial_.id);
  auto missing = chosen_trial(*repo_, model::kLocalProfile, 99);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found);
}

}  // namespace
}  // namespace trialwise::service

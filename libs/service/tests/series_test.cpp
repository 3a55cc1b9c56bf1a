// A series from records: the review date each trial is judged at, and only
// the asked protocol and outcome pooled.

#include "trialwise/service/series.hpp"

#include <gtest/gtest.h>

#include "trialwise/test_support/trial_maker.hpp"

namespace trialwise::service {
namespace {

using test_support::day;
using test_support::generate;
using test_support::gut_trial;
using test_support::kReviewDate;
using test_support::Spec;

model::TrialRecord record(int i, double effect = 2) {
  model::TrialRecord r;
  r.trial = gut_trial();
  r.trial.id = i + 1;
  r.entries = generate(r.trial, Spec{.level = 6, .effect = effect, .seed = static_cast<std::uint64_t>(i + 1)});
  return r;
}

TEST(SeriesServiceTest, ATrialIsJudgedAtTheReviewDateThatCameLast) {
  auto r = record(0);
  EXPECT_EQ(last_review_date(r, kReviewDate), kReviewDate) << "the day itself counts";
  EXPECT_FALSE(last_review_date(r, kReviewDate.plus_days(-1))) << "the day before, no review has come";
  // A review on the date said continue: the date moved 28 days on.
  r.amendments.push_back({1, "review_date", kReviewDate.to_string(), kReviewDate.plus_days(28).to_string(),
                          "review on " + kReviewDate.to_string() + ": continue", ""});
  r.trial.review_date = kReviewDate.plus_days(28);
  EXPECT_EQ(last_review_date(r, kReviewDate.plus_days(10)), kReviewDate) << "the review it moved on from";
  EXPECT_EQ(last_review_date(r, kReviewDate.plus_days(28)), kReviewDate.plus_days(28));
  EXPECT_FALSE(last_review_date(r, kReviewDate.plus_days(-1)));
}

TEST(SeriesServiceTest, OnlyTheAskedProtocolAndOutcomeArePooled) {
  TrialPacks packs(test_support::shared_shipped());
  std::vector<LabelledRecord> records;
  for (int i = 0; i < 4; ++i) records.push_back({"c" + std::to_string(i), record(i)});
  records[3].record.trial.outcome_id = "food_tolerance";
  const SeriesQuery query{"gut_focused_trial", "gut_symptoms", day("2027-02-01"), {}};
  auto s = series_of_records(packs, records, query);
  ASSERT_TRUE(s) << to_string(s.error());
  EXPECT_EQ(s->people.size(), 3U);
  EXPECT_TRUE(s->apart.empty()) << "another outcome's trial is not part of this series at all";
  ASSERT_TRUE(s->pooled);
  EXPECT_NEAR(s->pooled->fit.coef[0], 2, 0.7);

  auto early = series_of_records(packs, records, {"gut_focused_trial", "gut_symptoms", day("2027-01-01"), {}});
  ASSERT_TRUE(early);
  EXPECT_TRUE(early->people.empty());
  ASSERT_EQ(early->apart.size(), 3U);
  EXPECT_EQ(early->apart[0].why, series::Apart::not_reviewed_yet);

  auto unknown = series_of_records(packs, records, {"gut_focused_trial", "sleep", day("2027-02-01"), {}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().where, "outcome");
}

}  // namespace
}  // namespace trialwise::service

#include "fixtures.hpp"

#include "trialwise/service/amend.hpp"
#include "trialwise/service/records.hpp"
#include "trialwise/service/status.hpp"

namespace trialwise::service {
namespace {

using testing::day;
using StatusTest = testing::RunningTrialTest;

TEST_F(StatusTest, JsonCarriesThePhaseAndTheAmendments) {
  AmendInput in{"travel"};
  in.review_date = day("2027-01-18");
  ASSERT_TRUE(amend_trial(*repo_, model::kLocalProfile, pack(), trial_, in, day("2026-12-08")));
  auto st = trial_status(*repo_, model::kLocalProfile, pack(), trial_, day("2026-12-08"));
  ASSERT_TRUE(st);
  const auto json = status_json(pack(), trial_, *st);
  EXPECT_EQ(json.at("phase").as_string(), "baseline");
  EXPECT_EQ(json.at("today").as_string(), "2026-12-08");
  ASSERT_EQ(json.at("amendments").as_array().size(), 1u);
  EXPECT_EQ(json.at("amendments").as_array()[0].at("new").as_string(), "2027-01-18");
  EXPECT_TRUE(json.at("step").is_null());
  EXPECT_EQ(json.at("outcome").at("id").as_string(), "gut_symptoms");
  EXPECT_EQ(json.at("outcome").at("scale").at("max"), 10.0) << "the trial's own pack's scale";
}

TEST_F(StatusTest, ExportsTheEntriesAsCsvWithAHeader) {
  model::DayEntry e;
  e.date = day("2026-12-07");
  e.outcome = 6;
  ASSERT_TRUE(repo_->put_entry(model::kLocalProfile, trial_.id, e));
  auto csv = export_csv(*repo_, model::kLocalProfile, pack(), trial_);
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->rfind("date,outcome,", 0), 0u);
  EXPECT_NE(csv->find("\n2026-12-07,6,"), std::string::npos);
  EXPECT_EQ(trials_json(*repo_->list_trials(model::kLocalProfile)).size(), 1u);
}

}  // namespace
}  // namespace trialwise::service

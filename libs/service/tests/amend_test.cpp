#include "fixtures.hpp"

#include "trialwise/service/amend.hpp"

namespace trialwise::service {
namespace {

using testing::day;

class AmendTest : public testing::RunningTrialTest {
 protected:
  Result<std::vector<model::Amendment>> amend(const AmendInput& in, const char* today = "2026-12-21") {
    return amend_trial(*repo_, model::kLocalProfile, pack(), trial_, in, day(today));
  }
};

TEST_F(AmendTest, RefusesAnEmptyChangeOrAMissingReason) {
  auto none = amend(AmendInput{"travel"});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, Errc::invalid_input);
  EXPECT_EQ(none.error().where, "");
  AmendInput no_reason;
  no_reason.review_date = day("2027-01-18");
  auto r = amend(no_reason);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "/reason");
}

TEST_F(AmendTest, ChangesTheDoseFromTheStepInForceToday) {
  AmendInput in{"bloating at 10 g"};
  in.dose_g = 7.5;
  auto saved = amend(in);
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->size(), 1u);
  EXPECT_EQ((*saved)[0].field, "dose");
  EXPECT_EQ((*saved)[0].old_value, "step 2 10 g");
  EXPECT_EQ((*saved)[0].new_value, "7.5 g per dose from 2026-12-21");
}

TEST_F(AmendTest, NamesAnUnknownOutcomeAndSavesNothing) {
  AmendInput in{"switch"};
  in.review_date = day("2027-01-18");
  in.outcome = "mood";
  auto r = amend(in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where, "/outcome");
  auto list = repo_->amendments(model::kLocalProfile, trial_.id);
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
}

}  // namespace
}  // namespace trialwise::service

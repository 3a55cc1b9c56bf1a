#include "fixtures.hpp"

#include "trialwise/service/running.hpp"

namespace trialwise::service {
namespace {

using testing::RunningTrialTest;

TEST(ScreeningTest, NamesEveryBadAnswer) {
  auto s = screen(testing::builtin_pack(), *json::parse(R"({"age": 150})"));
  ASSERT_FALSE(s);
  ASSERT_GE(s.error().size(), 2u);
  EXPECT_EQ(s.error().front().code, Errc::invalid_input);
  EXPECT_EQ(s.error().front().where, "/age");
}

using StartTest = RunningTrialTest;

TEST_F(StartTest, SavesThePlanAsTheRunningTrial) {
  EXPECT_GT(trial_.id, 0);
  auto running = running_trial(*repo_, model::kLocalProfile);
  ASSERT_TRUE(running);
  EXPECT_EQ(running->id, trial_.id);
  EXPECT_EQ(running->product_name, "Pure L-Glutamine Powder");
  EXPECT_TRUE(running->plan.as_object().contains("assessment"));
}

TEST_F(StartTest, RefusesASecondTrialWhileOneRuns) {
  auto second = start_trial(*repo_, model::kLocalProfile, pack(), *screening_, *plan_);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Errc::conflict);
  EXPECT_EQ(second.error().where, "");
}

TEST(RunningTrialTest, IsNotFoundBeforeAStart) {
  auto repo = store::make_memory_repository();
  auto running = running_trial(*repo, model::kLocalProfile);
  ASSERT_FALSE(running);
  EXPECT_EQ(running.error().code, Errc::not_found);
}

}  // namespace
}  // namespace trialwise::service

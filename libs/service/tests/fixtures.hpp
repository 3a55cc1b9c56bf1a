#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "trialwise/assess/plan.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/screening.hpp"
#include "trialwise/service/start.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/test_support/answers.hpp"

namespace trialwise::service::testing {

inline const pack::Pack& builtin_pack() { return test_support::shipped(); }
using test_support::day;
using test_support::example_answers;

/// A memory store and the runner's gut-focused trial, started on 2026-12-07
/// (baseline to 12-13, 5 g twice a day from 12-14, 10 g from 12-21 if tolerated).
class RunningTrialTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = screen(pack(), example_answers("runner_in_heat"));
    ASSERT_TRUE(s);
    screening_ = std::make_unique<Screening>(std::move(*s));
    assess::PlanChoices choices;
    choices.start = day("2026-12-07");
    choices.product_name = "Pure L-Glutamine Powder";
    choices.g_per_serving = 5;
    auto plan = assess::make_plan(pack(), screening_->answers, screening_->assessment, choices);
    ASSERT_TRUE(plan);
    plan_ = std::make_unique<assess::TrialPlan>(std::move(*plan));
    auto t = start_trial(*repo_, model::kLocalProfile, pack(), *screening_, *plan_);
    ASSERT_TRUE(t);
    trial_ = std::move(*t);
  }
  const pack::Pack& pack() const { return builtin_pack(); }

  std::unique_ptr<store::TrialRepository> repo_ = store::make_memory_repository();
  std::unique_ptr<Screening> screening_;
  std::unique_ptr<assess::TrialPlan> plan_;
  model::Trial trial_;
};

}  // namespace trialwise::service::testing

#include "trialwise/core/screening.hpp"

#include <gtest/gtest.h>

namespace trialwise {
namespace {

TEST(ScreeningTest, NamesRoundTripAsContractSpellsThem) {
  for (auto s : {Safety::ok, Safety::caution, Safety::clinician_first, Safety::avoid})
    EXPECT_EQ(parse_safety(to_string(s)), s);
  for (auto f : {Fit::poor, Fit::possible, Fit::good}) EXPECT_EQ(parse_fit(to_string(f)), f);
  for (auto d : {Decision::do_not_start, Decision::see_clinician, Decision::fix_basics_first, Decision::trial_ok})
    EXPECT_EQ(parse_decision(to_string(d)), d);
  EXPECT_EQ(to_string(Safety::clinician_first), "clinician_first");
  EXPECT_FALSE(parse_safety("fine"));
}

TEST(ScreeningTest, SafetyIsOrderedBySeverity) {
  EXPECT_LT(Safety::ok, Safety::caution);
  EXPECT_LT(Safety::caution, Safety::clinician_first);
  EXPECT_LT(Safety::clinician_first, Safety::avoid);
}

TEST(ScreeningTest, OnlyRefusalsBlockAPlan) {
  EXPECT_TRUE(blocks_plan(Decision::do_not_start));
  EXPECT_TRUE(blocks_plan(Decision::see_clinician));
  EXPECT_FALSE(blocks_plan(Decision::fix_basics_first));
  EXPECT_FALSE(blocks_plan(Decision::trial_ok));
}

}  // namespace
}  // namespace trialwise

#include "trialwise/core/json_pointer.hpp"

namespace trialwise {
namespace {

TEST(JsonPointerTest, EscapesTildeAndSlash) {
  std::string p;
  append_pointer_token(p, "a/b~c");
  append_pointer_token(p, "0");
  EXPECT_EQ(p, "/a~1b~0c/0");
}

}  // namespace
}  // namespace trialwise

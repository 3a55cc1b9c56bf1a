#include "trialwise/assess/plan.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "trialwise/assess/report.hpp"

namespace trialwise::assess {
namespace {

using namespace testing;

Date day(const char* text) { return *Date::parse(text, "test"); }

Result<TrialPlan> plan_for(const boost::json::object& answers, PlanChoices choices) {
  auto checked = *check_answers(shipped_pack(), answers);
  auto a = *assess(shipped_pack(), checked);
  return make_plan(shipped_pack(), checked, a, choices);
}

TEST(PlanTest, GeneralRecoveryTrialStepsUpAfterSeveralDaysIfTolerated) {
  auto a = clean_answers();
  a["problem"] = "fewer_colds";
  auto p = plan_for(a, {.start = day("2026-12-07"), .product_name = "Powder", .g_per_serving = 5});
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->protocol->id, "general_recovery_trial");
  EXPECT_EQ(p->baseline_days, 7);
  EXPECT_EQ(p->baseline_end.to_string(), "2026-12-13");
  EXPECT_EQ(p->active_start.to_string(), "2026-12-14");
  ASSERT_EQ(p->steps.size(), 2u);
  EXPECT_EQ(p->steps[0].dose_g, 5);
  EXPECT_EQ(p->steps[0].times_per_day, 1);
  EXPECT_TRUE(p->steps[0].condition.empty());
  EXPECT_EQ(p->steps[1].date.to_string(), "2026-12-19");
  EXPECT_EQ(p->steps[1].times_per_day, 2);
  EXPECT_NE(p->steps[1].condition.find("if tolerated"), std::string::npos);
  EXPECT_EQ(p->max_daily_g, 10);
  EXPECT_EQ(p->review_date.to_string(), "2027-01-11");
  EXPECT_EQ(p->outcome->id, "stress_tolerance");
  EXPECT_EQ(*p->steps[0].servings_per_dose, 1);
}

TEST(PlanTest, GutFocusedTrialStaysWithinFiveToTenGramsTwiceDaily) {
  auto p = plan_for(clean_answers(), {.start = day("2026-12-07"), .product_name = "Caps", .g_per_serving = 0.75});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->protocol->id, "gut_focused_trial");
  ASSERT_EQ(p->steps.size(), 2u);
  for (const auto& s : p->steps) {
    EXPECT_GE(s.dose_g, 5);
    EXPECT_LE(s.dose_g, 10);
    EXPECT_EQ(s.times_per_day, 2);
  }
  EXPECT_EQ(p->max_daily_g, 20);
  EXPECT_DOUBLE_EQ(*p->steps[1].servings_per_dose, 13.33);
  EXPECT_EQ(p->outcome->id, "gut_symptoms");
  EXPECT_FALSE(p->outcome->higher_is_better);
}

TEST(PlanTest, AthleticUseNeverEscalates) {
  auto a = clean_answers();
  a["problem"] = "heavy_training";
  auto p = plan_for(a, {.start = day("2026-12-07")});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->protocol->id, "athletic_use");
  ASSERT_EQ(p->steps.size(), 1u);
  EXPECT_EQ(p->max_daily_g, 5);
  EXPECT_FALSE(p->steps[0].servings_per_dose) << "no product named";
  const bool asks_for_product =
      std::any_of(p->warnings.begin(), p->warnings.end(), [](const PlanNote& w) { return w.id == "no_product"; });
  EXPECT_TRUE(asks_for_product);
}

TEST(PlanTest, TrialLengthIsAChoiceWithinTheProtocolsBounds) {
  EXPECT_EQ(plan_for(clean_answers(), {.start = day("2026-12-07"), .active_days = 56})->review_date.to_string(),
            "2027-02-08");
  EXPECT_TRUE(plan_for(clean_answers(), {.start = day("2026-12-07"), .active_days = 14}));
  auto too_long = plan_for(clean_answers(), {.start = day("2026-12-07"), .active_days = 57});
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().where, "/days");
  EXPECT_FALSE(plan_for(clean_answers(), {.start = day("2026-12-07"), .active_days = 13}));
}

TEST(PlanTest, RefusesWithoutADoseWhenTheDecisionBlocks) {
  auto a = clean_answers();
  a["hepatic_encephalopathy_history"] = true;
  auto p = plan_for(a, {.start = day("2026-12-07")});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::refused);
  a = clean_answers();
  a["breastfeeding"] = true;
  p = plan_for(a, {.start = day("2026-12-07")});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::refused);
}

bool has_warning(const TrialPlan& p, const char* id) {
  return std::any_of(p.warnings.begin(), p.warnings.end(), [&](const PlanNote& w) { return w.id == id; });
}

// One product: every other product that contains the supplement (or may) is
// named, and by default paused from the first baseline day to the review, so
// the day's total is the trial's alone.
TEST(PlanTest, NamesEveryOtherProductWithTheSupplementAndPausesThem) {
  auto a = clean_answers();
  a["supplements"] = boost::json::array{supplement(2.5, 2, true, "Whey"), supplement(0, 3, true, "Fish oil"),
                                        supplement_without_amount("no_amount", true, "Gut Blend"),
                                        supplement_without_amount("not_sure", true, "Protein")};
  auto p = plan_for(a, {.start = day("2026-12-07"), .product_name = "Powder", .g_per_serving = 5});
  ASSERT_TRUE(p) << p.error().message;
  ASSERT_EQ(p->other_products.size(), 3u) << "the fish oil lists none";
  EXPECT_EQ(p->other_products[0].name, "Whey");
  EXPECT_EQ(*p->other_products[0].daily_g, 5);
  EXPECT_EQ(p->other_products[1].name, "Gut Blend");
  EXPECT_FALSE(p->other_products[1].daily_g) << "never silently 0 g";
  EXPECT_EQ(p->other_products[2].contains, "not_sure");
  EXPECT_EQ(p->unknown_amount_products, 2);
  EXPECT_TRUE(p->pause_other_products);
  EXPECT_EQ(p->existing_g_per_day, 5);
  EXPECT_EQ(p->total_max_daily_g, 20) << "paused: the day holds the trial's dose alone";

  a["supplements"] = boost::json::array{supplement(0, 3, true, "Fish oil")};
  p = plan_for(a, {.start = day("2026-12-07"), .product_name = "Powder", .g_per_serving = 5});
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->other_products.empty());
  EXPECT_EQ(p->existing_g_per_day, 0);
}

// Kept products: the ceiling is the protocol's own most a day, and a product
// whose amount is unknown cannot be kept (the total cannot be known).
TEST(PlanTest, KeepingOtherProductsIsRefusedAboveTheProtocolsMost) {
  auto a = clean_answers();
  a["supplements"] = boost::json::array{supplement(0.01, 1, true, "Trace")};
  auto p = plan_for(a, {.start = day("2026-12-07"), .pause_other_products = false});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::refused);
  EXPECT_EQ(p.error().where, "above_protocol_max");
  EXPECT_TRUE(plan_for(a, {.start = day("2026-12-07")})) << "paused: allowed";

  a["supplements"] = boost::json::array{supplement(0, 1, true, "Fish oil")};
  p = plan_for(a, {.start = day("2026-12-07"), .pause_other_products = false});
  ASSERT_TRUE(p) << "nothing with the supplement to keep: at the protocol's most exactly";
  EXPECT_EQ(p->total_max_daily_g, p->max_daily_g);

  for (const char* contains : {"no_amount", "not_sure"}) {
    a["supplements"] = boost::json::array{supplement_without_amount(contains, true)};
    p = plan_for(a, {.start = day("2026-12-07"), .pause_other_products = false});
    ASSERT_FALSE(p) << contains;
    EXPECT_EQ(p.error().where, "unknown_amount_kept") << contains;
    EXPECT_TRUE(plan_for(a, {.start = day("2026-12-07")})) << contains << ": paused, allowed";
  }
}

TEST(PlanTest, ThePauseTravelsWithThePlan) {
  auto a = clean_answers();
  a["supplements"] = boost::json::array{supplement_without_amount("no_amount", true, "Gut Blend")};
  auto checked = *check_answers(shipped_pack(), a);
  auto assessment = *assess(shipped_pack(), checked);
  auto p = *make_plan(shipped_pack(), checked, assessment, {.start = day("2026-12-07")});
  const auto json = to_json(shipped_pack(), checked, assessment, p);
  const auto& other = json.at("other_products").as_object();
  EXPECT_EQ(other.at("paused"), true);
  EXPECT_EQ(other.at("pause").at("from"), "2026-12-07");
  EXPECT_EQ(other.at("pause").at("until").as_string(), p.review_date.to_string());
  EXPECT_EQ(other.at("products").at(0).at("name"), "Gut Blend");
  EXPECT_TRUE(other.at("products").at(0).at("daily_g").is_null());
  const std::string words = describe(shipped_pack(), p);
  EXPECT_NE(words.find("Pause:"), std::string::npos) << words;
  EXPECT_NE(words.find("Gut Blend"), std::string::npos) << words;
}

TEST(PlanTest, TheStudiedRangeCeilingStillHoldsForKeptProducts) {
  // With the protocol ceiling removed from a copy of the pack, the top of the
  // article's studied range (30 g a day) still refuses kept products above it.
  auto json = boost::json::parse(pack::builtin_pack_text());
  auto& checks = json.as_object()["plan"].as_object()["checks"].as_array();
  for (auto it = checks.begin(); it != checks.end();) {
    it = it->as_object()["id"] == "above_protocol_max" ? checks.erase(it) : it + 1;
  }
  auto pack = pack::load_pack(boost::json::serialize(json), "copy.json");
  ASSERT_TRUE(pack);
  auto plan_with = [&](double grams) {
    auto a = clean_answers();
    a["supplements"] = boost::json::array{supplement(grams, 2, true, "Blend")};
    auto checked = *check_answers(*pack, a);
    auto assessment = *assess(*pack, checked);
    return make_plan(*pack, checked, assessment, {.start = day("2026-12-07"), .pause_other_products = false});
  };
  EXPECT_TRUE(plan_with(5)) << "20 + 10 = 30: at the edge";
  auto p = plan_with(5.25);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().where, "above_study_range");
}

TEST(PlanTest, BasicsFirstRefusesThePlanForTrainingAndColdsButNotForGut) {
  for (const char* problem : {"heavy_training", "fewer_colds"}) {
    auto a = clean_answers();
    a["problem"] = problem;
    a["hydration_ok"] = false;
    auto p = plan_for(a, {.start = day("2026-12-07")});
    ASSERT_FALSE(p) << problem;
    EXPECT_EQ(p.error().code, Errc::refused);
    EXPECT_NE(p.error().message.find("basics"), std::string::npos);
    a["hydration_ok"] = true;
    EXPECT_TRUE(plan_for(a, {.start = day("2026-12-07")})) << problem;
  }
  auto gut = clean_answers();
  gut["hydration_ok"] = false;
  gut["meals_regular"] = false;
  EXPECT_TRUE(plan_for(gut, {.start = day("2026-12-07")})) << "gut: fix the basics alongside";
}

TEST(PlanTest, TheTrialProductIsNotCountedTwice) {
  auto a = clean_answers();
  a["supplements"] = boost::json::array{supplement(5, 1, true, "Pure Glutamine")};
  auto p = plan_for(a, {.start = day("2026-12-07"), .product_name = "pure glutamine", .g_per_serving = 5});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->existing_g_per_day, 0);
  EXPECT_TRUE(has_warning(*p, "same_product"));
}

TEST(PlanTest, BadChoicesAreNamed) {
  auto start = day("2026-12-07");
  auto p = plan_for(clean_answers(), {.start = start, .protocol_id = "megadose"});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().where, "/protocol");
  EXPECT_NE(p.error().message.find("gut_focused_trial"), std::string::npos) << "lists the choices";
  p = plan_for(clean_answers(), {.start = start, .protocol_id = "athletic_use"});
  ASSERT_FALSE(p) << "a protocol for another group";
  EXPECT_EQ(p.error().code, Errc::invalid_input);
  p = plan_for(clean_answers(), {.start = start, .outcome_id = "training_recovery"});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().where, "/outcome");
  p = plan_for(clean_answers(), {.start = start, .product_name = "X", .g_per_serving = 0});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().where, "/g_per_serving");
  EXPECT_TRUE(plan_for(clean_answers(), {.start = start, .outcome_id = "food_tolerance"}));
}

TEST(PlanTest, ATreatingTeamProtocolIssuesNoDose) {
  // With the clinician_first rule for medical recovery removed from a copy of
  // the pack, the protocol itself still refuses to dose.
  auto json = boost::json::parse(pack::builtin_pack_text());
  auto& rules = json.as_object()["safety_rules"].as_array();
  for (auto it = rules.begin(); it != rules.end();) {
    it = it->as_object()["id"] == "medically_intense_recovery" ? rules.erase(it) : it + 1;
  }
  auto pack = pack::load_pack(boost::json::serialize(json), "copy.json");
  ASSERT_TRUE(pack);
  auto a = clean_answers();
  a["problem"] = "surgery_or_burns";
  auto checked = *check_answers(*pack, a);
  auto assessment = *assess(*pack, checked);
  ASSERT_EQ(assessment.decision, Decision::trial_ok);
  auto p = make_plan(*pack, checked, assessment, {.start = day("2026-12-07")});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::refused);
  EXPECT_NE(p.error().message.find("treating team"), std::string::npos);
}

}  // namespace
}  // namespace trialwise::assess

namespace trialwise::assess {
namespace {

TEST(PlanBlocksTest, ABlockDesignCutsTheActivePeriodIntoPairsFixedBySeed) {
  auto p = plan_for(testing::clean_answers(), {.start = day("2026-12-07"),
                                               .product_name = "Powder",
                                               .g_per_serving = 5,
                                               .blocks = BlockChoices{.block_days = 7, .blocks = 4, .seed = 42}});
  ASSERT_TRUE(p) << p.error().message;
  ASSERT_TRUE(p->blocks);
  EXPECT_EQ(p->blocks->block_days, 7);
  EXPECT_EQ(p->blocks->seed, 42u);
  ASSERT_EQ(p->blocks->on.size(), 4u);
  for (std::size_t i = 0; i < 4; i += 2) EXPECT_NE(p->blocks->on[i], p->blocks->on[i + 1]);
  EXPECT_EQ(p->active_days, 28);
  EXPECT_EQ(p->review_date.to_string(), "2027-01-11");
  // The same seed gives the same order; the plan is reproducible.
  auto again = plan_for(testing::clean_answers(), {.start = day("2026-12-07"), .blocks = BlockChoices{7, 4, 42}});
  EXPECT_EQ(again->blocks->on, p->blocks->on);
  // Step 2 (day 8 of the gut trial) is the 8th on day: the 1st day of the second on block.
  const int second_on_block = p->blocks->on[2] ? 2 : 3;
  EXPECT_EQ(p->steps[1].date, day("2026-12-14").plus_days(7 * second_on_block));
  EXPECT_EQ(p->steps[0].date, day("2026-12-14").plus_days(p->blocks->on[0] ? 0 : 7));
}

TEST(PlanBlocksTest, BlockChoicesAreCheckedAndNamed) {
  auto with = [](BlockChoices b, std::optional<int> days = std::nullopt) {
    return plan_for(testing::clean_answers(), {.start = day("2026-12-07"), .active_days = days, .blocks = b});
  };
  EXPECT_EQ(with({7, 3, 1}).error().where, "/design/blocks");   // odd
  EXPECT_EQ(with({7, 42, 1}).error().where, "/design/blocks");  // too many
  EXPECT_EQ(with({0, 4, 1}).error().where, "/design/block_days");
  // The gut trial needs 14 to 56 days on: 4 blocks of 6 days give 12 (refused), of 7 give 14.
  EXPECT_EQ(with({6, 4, 1}).error().where, "/design/blocks");
  EXPECT_TRUE(with({7, 4, 1}));
  EXPECT_TRUE(with({14, 8, 1}));   // 56 on days
  EXPECT_FALSE(with({15, 8, 1}));  // 60
  EXPECT_EQ(with({7, 4, 1}, 28).error().where, "/days");
}

}  // namespace
}  // namespace trialwise::assess

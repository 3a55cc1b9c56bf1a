// Every rule that gates a plan, tested on both sides of its condition.

#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "trialwise/assess/report.hpp"

namespace trialwise::assess {
namespace {

using namespace testing;

struct Side {
  const char* rule;
  Safety level;
  std::function<void(boost::json::object&)> triggers;     // makes the rule hold
  std::function<void(boost::json::object&)> just_misses;  // the nearest answer that does not
};

const Side kSides[] = {
    {"advanced_liver_disease", Safety::avoid, [](auto& a) { a["liver_disease"] = "advanced"; },
     [](auto& a) { a["liver_disease"] = "mild"; }},
    {"hepatic_encephalopathy", Safety::avoid, [](auto& a) { a["hepatic_encephalopathy_history"] = true; },
     [](auto& a) { a["hepatic_encephalopathy_history"] = false; }},
    {"severe_renal_failure", Safety::avoid, [](auto& a) { a["kidney_disease"] = "severe_failure"; },
     [](auto& a) { a["kidney_disease"] = "monitored"; }},
    {"multiorgan_failure", Safety::avoid, [](auto& a) { a["multiorgan_failure"] = true; },
     [](auto& a) { a["multiorgan_failure"] = false; }},
    {"mild_liver_disease", Safety::clinician_first, [](auto& a) { a["liver_disease"] = "mild"; },
     [](auto& a) { a["liver_disease"] = "none"; }},
    {"monitored_kidney_disease", Safety::clinician_first, [](auto& a) { a["kidney_disease"] = "monitored"; },
     [](auto& a) { a["kidney_disease"] = "none"; }},
    {"pregnancy", Safety::clinician_first, [](auto& a) { a["pregnant"] = true; },
     [](auto& a) { a["pregnant"] = false; }},
    {"breastfeeding", Safety::clinician_first, [](auto& a) { a["breastfeeding"] = true; },
     [](auto& a) { a["breastfeeding"] = false; }},
    {"active_cancer_treatment", Safety::clinician_first, [](auto& a) { a["cancer_treatment_active"] = true; },
     [](auto& a) { a["cancer_treatment_active"] = false; }},
    {"recent_icu", Safety::clinician_first, [](auto& a) { a["icu_recent"] = true; },
     [](auto& a) { a["icu_recent"] = false; }},
    {"unexplained_neuro_symptoms", Safety::clinician_first, [](auto& a) { a["neuro_symptoms_unexplained"] = true; },
     [](auto& a) { a["neuro_symptoms_unexplained"] = false; }},
    {"heavy_supplement_stack", Safety::clinician_first,
     [](auto& a) { a["supplements"] = boost::json::array(5, supplement(0, 1, true)); },
     [](auto& a) { a["supplements"] = boost::json::array(4, supplement(0, 1, true)); }},
    {"complex_prescriptions", Safety::clinician_first, [](auto& a) { a["prescription_count"] = 5; },
     [](auto& a) { a["prescription_count"] = 4; }},
    {"medically_intense_recovery", Safety::clinician_first, [](auto& a) { a["problem"] = "surgery_or_burns"; },
     [](auto& a) { a["problem"] = "heavy_training"; }},
    {"under_18", Safety::clinician_first, [](auto& a) { a["age"] = 17; }, [](auto& a) { a["age"] = 18; }},
    {"other_glutamine_products", Safety::caution,
     [](auto& a) { a["supplements"] = boost::json::array{supplement(0.5, 1, true)}; },
     [](auto& a) { a["supplements"] = boost::json::array{supplement(0, 1, true)}; }},
    {"untested_glutamine_product", Safety::caution,
     [](auto& a) { a["supplements"] = boost::json::array{supplement(5, 1, false)}; },
     [](auto& a) {
       a["supplements"] = boost::json::array{supplement(5, 1, true), supplement(0, 1, false)};
     }},
    // Contract v2: the screening holes a clinical read of the article found.
    {"other_organ_failure", Safety::avoid, [](auto& a) { a["organ_failure_other"] = true; },
     [](auto& a) { a["organ_failure_other"] = false; }},
    {"complex_medical_condition", Safety::clinician_first, [](auto& a) { a["complex_condition"] = true; },
     [](auto& a) { a["complex_condition"] = false; }},
    {"unmonitored_kidney_disease", Safety::clinician_first, [](auto& a) { a["kidney_disease"] = "unmonitored"; },
     [](auto& a) { a["kidney_disease"] = "none"; }},
    {"cancer_diagnosis", Safety::clinician_first, [](auto& a) { a["cancer_diagnosis"] = true; },
     [](auto& a) { a["cancer_diagnosis"] = false; }},
    {"recent_major_surgery_or_burns", Safety::clinician_first,
     [](auto& a) { a["major_surgery_or_burns_recent"] = true; },  // whatever the problem: gut trouble here
     [](auto& a) { a["major_surgery_or_burns_recent"] = false; }},
    {"nutrition_support", Safety::clinician_first, [](auto& a) { a["nutrition_support"] = true; },
     [](auto& a) { a["nutrition_support"] = false; }},
};

// A blend that lists the supplement without an amount, or a product that may
// contain it, counts as containing it: its cautions fire; never read as 0 g.
TEST(SafetyRulesTest, ProductsWithoutAnAmountCountAsContainingIt) {
  for (const char* contains : {"no_amount", "not_sure"}) {
    auto a = clean_answers();
    a["supplements"] = boost::json::array{supplement_without_amount(contains, false)};
    const auto r = assess_answers(a);
    EXPECT_TRUE(has_reason(r, "other_glutamine_products")) << contains;
    EXPECT_TRUE(has_reason(r, "untested_glutamine_product")) << contains;
  }
}

TEST(SafetyRulesTest, EachNewItemBlocksTheDoseAlone) {
  for (const char* item : {"organ_failure_other", "complex_condition", "cancer_diagnosis",
                           "major_surgery_or_burns_recent", "nutrition_support"}) {
    auto a = clean_answers();
    a[item] = true;
    const auto r = assess_answers(a);
    EXPECT_FALSE(r.plan_allowed) << item;
    EXPECT_TRUE(blocks_plan(r.decision)) << item;
  }
}

TEST(SafetyRulesTest, EveryRuleHoldsOnOneSideAndNotTheOther) {
  for (const auto& side : kSides) {
    auto yes = clean_answers();
    side.triggers(yes);
    const Assessment on = assess_answers(yes);
    EXPECT_TRUE(has_reason(on, side.rule)) << side.rule << " should hold";
    EXPECT_GE(on.safety, side.level) << side.rule;

    auto no = clean_answers();
    side.just_misses(no);
    const Assessment off = assess_answers(no);
    EXPECT_FALSE(has_reason(off, side.rule)) << side.rule << " should not hold";
  }
}

TEST(SafetyRulesTest, EveryShippedSafetyRuleIsCovered) {
  for (const auto& rule : shipped_pack().safety_rules) {
    const bool covered =
        std::any_of(std::begin(kSides), std::end(kSides), [&](const Side& s) { return s.rule == rule.id; });
    EXPECT_TRUE(covered) << rule.id << " has no both-sides test";
  }
}

TEST(SafetyRulesTest, LevelsMapToDecisions) {
  auto avoid = clean_answers();
  avoid["hepatic_encephalopathy_history"] = true;
  EXPECT_EQ(assess_answers(avoid).decision, Decision::do_not_start);
  auto clinician = clean_answers();
  clinician["icu_recent"] = true;
  EXPECT_EQ(assess_answers(clinician).decision, Decision::see_clinician);
  auto caution = clean_answers();
  caution["supplements"] = boost::json::array{supplement(5, 1, false)};
  const auto c = assess_answers(caution);
  EXPECT_EQ(c.safety, Safety::caution);
  EXPECT_EQ(c.decision, Decision::trial_ok) << "caution informs; it does not block";
}

TEST(SafetyRulesTest, MostSevereWinsAndEveryFindingIsListed) {
  auto a = clean_answers();
  a["pregnant"] = true;
  a["kidney_disease"] = "severe_failure";
  a["supplements"] = boost::json::array{supplement(5, 2, false)};
  const auto r = assess_answers(a);
  EXPECT_EQ(r.safety, Safety::avoid);
  EXPECT_EQ(r.decision, Decision::do_not_start);
  ASSERT_EQ(r.reasons.size(), 4u);
  EXPECT_EQ(r.reasons.front().rule, "severe_renal_failure") << "most severe first";
  EXPECT_TRUE(has_reason(r, "pregnancy"));
  EXPECT_TRUE(has_reason(r, "other_glutamine_products"));
  EXPECT_TRUE(has_reason(r, "untested_glutamine_product"));
  for (const auto& reason : r.reasons) EXPECT_FALSE(reason.section.empty()) << reason.rule;
}

TEST(SafetyRulesTest, NoFindingMeansOk) {
  const auto a = assess_answers(clean_answers());
  EXPECT_EQ(a.safety, Safety::ok);
  EXPECT_TRUE(a.reasons.empty());
  EXPECT_EQ(a.decision, Decision::trial_ok);
}

// The basics and the decision's basics threshold, both sides.
TEST(BasicsTest, EachBasicHoldsOnOneSideAndNotTheOther) {
  struct Case {
    const char* id;
    std::function<void(boost::json::object&)> yes, no;
  };
  const Case cases[] = {
      {"sleep", [](auto& a) { a["sleep_hours"] = 6.9; }, [](auto& a) { a["sleep_hours"] = 7; }},
      {"meals", [](auto& a) { a["meals_regular"] = false; }, [](auto& a) { a["meals_regular"] = true; }},
      {"protein", [](auto& a) { a["protein_each_meal"] = false; }, [](auto& a) { a["protein_each_meal"] = true; }},
      {"hydration", [](auto& a) { a["hydration_ok"] = false; }, [](auto& a) { a["hydration_ok"] = true; }},
      {"alcohol", [](auto& a) { a["alcohol_heavy"] = true; }, [](auto& a) { a["alcohol_heavy"] = false; }},
      {"rest",
       [](auto& a) {
         a["training_hours_per_week"] = 10;
         a["rest_days_per_week"] = 0.5;
       },
       [](auto& a) {
         a["training_hours_per_week"] = 10;
         a["rest_days_per_week"] = 1;
       }},
      {"rest",
       [](auto& a) {
         a["training_hours_per_week"] = 10;
         a["rest_days_per_week"] = 0;
       },
       [](auto& a) {
         a["training_hours_per_week"] = 9.5;
         a["rest_days_per_week"] = 0;
       }},
  };
  for (const auto& c : cases) {
    auto yes = clean_answers();
    c.yes(yes);
    EXPECT_TRUE(has_basic(assess_answers(yes), c.id)) << c.id;
    auto no = clean_answers();
    c.no(no);
    EXPECT_FALSE(has_basic(assess_answers(no), c.id)) << c.id;
  }
}

TEST(BasicsTest, RestIsNotAskedOfPeopleWhoDoNotTrain) {
  auto a = clean_answers();
  a["training_hours_per_week"] = 0;
  a.erase("rest_days_per_week");
  EXPECT_FALSE(has_basic(assess_answers(a), "rest"));
}

TEST(DecisionTest, BasicsThresholdDependsOnTheGroup) {
  auto gut_one = clean_answers();
  gut_one["hydration_ok"] = false;
  EXPECT_EQ(assess_answers(gut_one).decision, Decision::trial_ok) << "gut: basics can be fixed alongside";
  auto gut_two = gut_one;
  gut_two["meals_regular"] = false;
  EXPECT_EQ(assess_answers(gut_two).decision, Decision::fix_basics_first);
  auto colds_one = clean_answers();
  colds_one["problem"] = "fewer_colds";
  colds_one["hydration_ok"] = false;
  EXPECT_EQ(assess_answers(colds_one).decision, Decision::fix_basics_first);
  auto colds_none = clean_answers();
  colds_none["problem"] = "fewer_colds";
  EXPECT_EQ(assess_answers(colds_none).decision, Decision::trial_ok);
}

// "Only after" the basics (general immunity, training recovery) blocks the
// plan; for gut recovery the article allows a trial while they are fixed.
TEST(DecisionTest, BasicsFirstBlocksThePlanOnlyWhereTheArticleSaysOnlyAfter) {
  for (const char* problem : {"fewer_colds", "heavy_training"}) {
    auto one = clean_answers();
    one["problem"] = problem;
    one["hydration_ok"] = false;
    const auto blocked = assess_answers(one);
    EXPECT_EQ(blocked.decision, Decision::fix_basics_first) << problem;
    EXPECT_FALSE(blocked.plan_allowed) << problem;
    auto none = clean_answers();
    none["problem"] = problem;
    EXPECT_TRUE(assess_answers(none).plan_allowed) << problem << ": every basic in place";
  }
  auto gut_two = clean_answers();
  gut_two["hydration_ok"] = false;
  gut_two["meals_regular"] = false;
  const auto gut = assess_answers(gut_two);
  EXPECT_EQ(gut.decision, Decision::fix_basics_first);
  EXPECT_TRUE(gut.plan_allowed) << "gut: a warning, not a block";
}

TEST(DecisionTest, APoorFitIsNotWordedAsAnEndorsement) {
  auto colds = clean_answers();
  colds["problem"] = "fewer_colds";
  const auto poor = assess_answers(colds);
  ASSERT_EQ(poor.decision, Decision::trial_ok);
  ASSERT_EQ(poor.fit, Fit::poor);
  const std::string words = decision_in_words(shipped_pack(), poor);
  EXPECT_EQ(words.find("reasonable"), std::string::npos) << words;
  EXPECT_NE(words.find("usually not the best first move"), std::string::npos) << words;
  const auto good = assess_answers(clean_answers());
  ASSERT_NE(good.fit, Fit::poor);
  EXPECT_NE(decision_in_words(shipped_pack(), good).find("reasonable"), std::string::npos);
}

TEST(DecisionTest, GeneralImmunitySaysTheTrialCannotShowFewerColds) {
  auto colds = clean_answers();
  colds["problem"] = "fewer_colds";
  const auto a = assess_answers(colds);
  const auto json = to_json(shipped_pack(), *check_answers(shipped_pack(), colds), a);
  ASSERT_TRUE(json.contains("trial_limit"));
  EXPECT_NE(std::string(json.at("trial_limit").at("text").as_string()).find("fewer colds"), std::string::npos);
  EXPECT_NE(describe(shipped_pack(), a).find("What a trial cannot show:"), std::string::npos);
  const auto gut =
      to_json(shipped_pack(), *check_answers(shipped_pack(), clean_answers()), assess_answers(clean_answers()));
  EXPECT_FALSE(gut.contains("trial_limit"));
}

TEST(FitTest, FollowsTheGroupAndTheBasics) {
  auto a = clean_answers();
  EXPECT_EQ(assess_answers(a).fit, Fit::good);  // gut, basics fine
  a["hydration_ok"] = false;
  EXPECT_EQ(assess_answers(a).fit, Fit::possible);
  a = clean_answers();
  a["problem"] = "heavy_training";
  EXPECT_EQ(assess_answers(a).fit, Fit::possible);
  a["sleep_hours"] = 6;
  EXPECT_EQ(assess_answers(a).fit, Fit::poor);
  a = clean_answers();
  a["problem"] = "fewer_colds";
  EXPECT_EQ(assess_answers(a).fit, Fit::poor);
  a["problem"] = "treatment_mouth_throat";
  EXPECT_EQ(assess_answers(a).fit, Fit::good);
}

}  // namespace
}  // namespace trialwise::assess

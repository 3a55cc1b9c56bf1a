// Each verdict is reached by a trial built to reach it, and missed by one
// just across its threshold.

#include "trialwise/review/review.hpp"

#include <gtest/gtest.h>

#include "trialwise/test_support/trial_maker.hpp"

#include <boost/json/serialize.hpp>

namespace trialwise::review {
namespace {

using namespace test_support;

Review review_of(const std::vector<model::DayEntry>& log, Date as_of = kReviewDate,
                 const pack::Pack& pack = shipped()) {
  return review_trial(pack, gut_trial(), log, as_of);
}

TEST(ReviewTest, AClearBenefitContinuesWithANextReviewDate) {
  const auto r = review_of(generate(gut_trial(), {.effect = 3}));
  EXPECT_EQ(r.verdict, Verdict::continue_trial);
  ASSERT_TRUE(r.effect);
  EXPECT_NEAR(r.effect->estimate, 3, 0.8);
  EXPECT_GT(r.effect->p_meaningful, 0.99);
  EXPECT_LT(r.effect->ci_low, r.effect->estimate);
  EXPECT_GT(r.effect->ci_high, r.effect->estimate);
  ASSERT_TRUE(r.next_review_date);
  EXPECT_EQ(*r.next_review_date, kReviewDate.plus_days(28));  // never open-ended
  EXPECT_EQ(r.days.baseline, 7);
  EXPECT_EQ(r.days.active, 28);
  ASSERT_TRUE(r.adherence);
  EXPECT_DOUBLE_EQ(*r.adherence, 1.0);
}

TEST(ReviewTest, NoEffectIsNoClearBenefit) {
  const auto r = review_of(generate(gut_trial(), {.effect = 0}));
  EXPECT_EQ(r.verdict, Verdict::stop_no_clear_benefit);
  EXPECT_FALSE(r.next_review_date);
  EXPECT_LT(r.effect->p_meaningful, 0.8);
}

TEST(ReviewTest, TheCertaintyThresholdDecidesAtItsEdge) {
  const auto log = generate(gut_trial(), {.effect = 1.3, .noise = 1.5, .seed = 7});
  const double p = review_of(log).effect->p_meaningful;
  ASSERT_GT(p, 0.05);
  ASSERT_LT(p, 0.95);
  auto pack = fresh_pack();
  pack->review.clear_benefit_probability = p - 1e-9;
  EXPECT_EQ(review_of(log, kReviewDate, *pack).verdict, Verdict::continue_trial);
  pack->review.clear_benefit_probability = p + 1e-9;
  EXPECT_EQ(review_of(log, kReviewDate, *pack).verdict, Verdict::stop_no_clear_benefit);
}

TEST(ReviewTest, TheSmallestMeaningfulChangeMovesTheProbability) {
  const auto log = generate(gut_trial(), {.effect = 2});
  auto pack = fresh_pack();
  pack->review.smallest_meaningful_change = 0.5;
  const double generous = review_of(log, kReviewDate, *pack).effect->p_meaningful;
  pack->review.smallest_meaningful_change = 3.5;
  const auto strict = review_of(log, kReviewDate, *pack);
  EXPECT_GT(generous, 0.9);
  EXPECT_LT(strict.effect->p_meaningful, 0.2);
  EXPECT_EQ(strict.verdict, Verdict::stop_no_clear_benefit);
}

TEST(ReviewTest, AFallingBaselineTrendWithNoEffectIsNotAClearBenefit) {
  // Symptoms easing by 0.12 a day on their own: the active phase's mean is
  // about 2 points lower than the baseline's with no help at all.
  const auto log = generate(gut_trial(), {.level = 8, .effect = 0, .noise = 0.5, .drift_per_day = -0.12});
  const auto r = review_of(log);
  ASSERT_TRUE(r.effect);
  EXPECT_GT(r.effect->estimate, 1.5);  // the naive comparison looks like a benefit
  EXPECT_GT(r.effect->p_meaningful, 0.8);
  ASSERT_TRUE(r.trend);
  EXPECT_TRUE(r.trend->explains_benefit);
  EXPECT_EQ(r.verdict, Verdict::stop_no_clear_benefit);

  // The same drift with a real effect on top is still a clear benefit.
  const auto real = review_of(generate(gut_trial(), {.level = 8, .effect = 3, .noise = 0.5, .drift_per_day = -0.05}));
  EXPECT_EQ(real.verdict, Verdict::continue_trial);
  EXPECT_FALSE(real.trend->explains_benefit);
}

TEST(ReviewTest, AutocorrelatedNoiseWidensTheInterval) {
  const auto independent = review_of(generate(gut_trial(), {.effect = 1, .phi = 0, .seed = 3}));
  const auto correlated = review_of(generate(gut_trial(), {.effect = 1, .phi = 0.8, .seed = 3}));
  EXPECT_GT(correlated.effect->se, independent.effect->se);
  EXPECT_GT(correlated.effect->lag, 0);
}

TEST(ReviewTest, GapsAreCountedAndTheFitUsesTheDaysLogged) {
  const auto r = review_of(generate(gut_trial(), {.effect = 3, .skipped = {1, 9, 10, 20, 30}}));
  EXPECT_EQ(r.days.baseline, 6);
  EXPECT_EQ(r.days.baseline_planned, 7);
  EXPECT_EQ(r.days.active, 24);
  EXPECT_EQ(r.days.active_planned, 28);
  EXPECT_EQ(r.effect->n, 30);
  EXPECT_EQ(r.series.size(), 30u);
  EXPECT_EQ(r.verdict, Verdict::continue_trial);
}

TEST(ReviewTest, TooFewBaselineDaysIsInconclusiveAndSaysWhatIsMissing) {
  // The pack asks for 5 baseline days: 4 logged is not enough, 5 is.
  const auto four = review_of(generate(gut_trial(), {.effect = 3, .skipped = {0, 1, 2}}));
  EXPECT_EQ(four.verdict, Verdict::inconclusive);
  ASSERT_EQ(four.missing.size(), 1u);
  EXPECT_NE(four.missing[0].find("1 more day"), std::string::npos);
  const auto five = review_of(generate(gut_trial(), {.effect = 3, .skipped = {0, 1}}));
  EXPECT_EQ(five.verdict, Verdict::continue_trial);
}

TEST(ReviewTest, TooFewActiveDaysIsInconclusive) {
  // 14 active days needed: skip 15 of 28 (13 left), then 14 (14 left).
  std::set<int> skip15, skip14;
  for (int k = 7; k < 7 + 15; ++k) skip15.insert(k);
  for (int k = 7; k < 7 + 14; ++k) skip14.insert(k);
  // Unlogged days also count as doses not taken; lower the adherence bar so
  // that only the day count is under test.
  auto pack = fresh_pack();
  pack->review.adherence_threshold = 0.4;
  const auto thirteen = review_of(generate(gut_trial(), {.effect = 3, .skipped = skip15}), kReviewDate, *pack);
  EXPECT_EQ(thirteen.days.active, 13);
  EXPECT_EQ(thirteen.verdict, Verdict::inconclusive);
  ASSERT_EQ(thirteen.missing.size(), 1u);
  EXPECT_NE(thirteen.missing[0].find("1 more day(s) on the supplement"), std::string::npos);
  const auto fourteen = review_of(generate(gut_trial(), {.effect = 3, .skipped = skip14}), kReviewDate, *pack);
  EXPECT_EQ(fourteen.days.active, 14);
  EXPECT_EQ(fourteen.verdict, Verdict::continue_trial);
  // With the pack's own 80%, 14 days of doses out of 28 planned is too few.
  EXPECT_EQ(review_of(generate(gut_trial(), {.effect = 3, .skipped = skip14})).verdict, Verdict::inconclusive);
}

TEST(ReviewTest, LowAdherenceIsInconclusiveAtThePacksThreshold) {
  // 56 doses planned (7 days x 2 at step 1, 21 days x 2 at step 2): 80% is
  // 44.8 doses. Take 2 a day, then drop doses on the last days.
  auto with_taken = [](int taken) {
    auto log = generate(gut_trial(), {.effect = 3});
    int missing = 56 - taken;
    for (auto it = log.rbegin(); it != log.rend() && missing > 0; ++it) {
      const int drop = std::min(missing, *it->doses_taken);
      it->doses_taken = *it->doses_taken - drop;
      missing -= drop;
    }
    return log;
  };
  const auto low = review_of(with_taken(44));
  EXPECT_EQ(low.verdict, Verdict::inconclusive);
  EXPECT_NEAR(*low.adherence, 44.0 / 56, 1e-12);
  EXPECT_NE(low.missing.back().find("79%"), std::string::npos);
  const auto enough = review_of(with_taken(45));
  EXPECT_EQ(enough.verdict, Verdict::continue_trial);
}

TEST(ReviewTest, BeforeTheReviewDateItIsInconclusive) {
  const auto log = generate(gut_trial(), {.effect = 3});
  const auto early = review_of(log, kReviewDate.plus_days(-1));
  EXPECT_EQ(early.verdict, Verdict::inconclusive);
  EXPECT_FALSE(early.review_date_reached);
  EXPECT_NE(early.missing[0].find("review date"), std::string::npos);
  EXPECT_EQ(review_of(log, kReviewDate).verdict, Verdict::continue_trial);
}

TEST(ReviewTest, ARedFlagSendsToAClinicianWhateverTheBenefit) {
  auto log = generate(gut_trial(), {.effect = 3});
  EXPECT_EQ(review_of(log).verdict, Verdict::continue_trial);
  log[20].red_flags.push_back("new_neuro_symptoms");
  const auto r = review_of(log);
  EXPECT_EQ(r.verdict, Verdict::see_clinician);
  EXPECT_EQ(r.red_flags, std::vector<std::string>{"new_neuro_symptoms"});
  EXPECT_FALSE(r.next_review_date);
}

TEST(ReviewTest, ASideEffectAtTheStopLevelStopsTheTrial) {
  auto at = [](int score) {
    return generate(
        gut_trial(),
        {.effect = 3, .side_effects = [score](int k) {
           return k == 10 ? std::map<std::string, int>{{"nausea", score}} : std::map<std::string, int>{{"nausea", 0}};
         }});
  };
  const auto seven = review_of(at(7));
  EXPECT_EQ(seven.verdict, Verdict::stop_side_effects);
  // Even before the review date: a side effect this strong does not wait.
  EXPECT_EQ(review_of(at(7), day("2026-12-30")).verdict, Verdict::stop_side_effects);
  const auto six = review_of(at(6));
  EXPECT_NE(six.verdict, Verdict::stop_side_effects);
}

TEST(ReviewTest, ModerateSideEffectsEvenAtTheFirstStepStop) {
  // The mean rule alone (a pack without the repeated-upset rule): bloating of
  // 4 or more holds the dose at step 1 (the tolerance rule), so all 28 active
  // days are at step 1. The step-down level is 5/10: a mean of 5 stops; 27
  // days at 5 and one at 4 (mean 4.96) does not.
  auto json = boost::json::parse(pack::builtin_pack_text());
  json.as_object()["tolerance"].as_object().erase("repeated_upset");
  const auto pack = *pack::load_pack(boost::json::serialize(json), "copy.json");
  auto scores = [](int days_at_four) {
    return generate(gut_trial(), {.effect = 3, .side_effects = [days_at_four](int k) {
                                    return std::map<std::string, int>{{"bloating", k < days_at_four ? 4 : 5}};
                                  }});
  };
  const auto five = review_of(scores(0), kReviewDate, pack);
  EXPECT_EQ(five.verdict, Verdict::stop_side_effects);
  ASSERT_EQ(five.side_effects.size(), 1u);
  EXPECT_EQ(five.side_effects[0].mean_by_step.size(), 1u);
  const auto below = review_of(scores(1), kReviewDate, pack);
  EXPECT_NEAR(below.side_effects[0].mean, 139.0 / 28, 1e-12);
  EXPECT_EQ(below.verdict, Verdict::continue_trial);
  // With the shipped pack, the same days stop far earlier: repeated upset.
  EXPECT_EQ(review_of(scores(1)).verdict, Verdict::stop_side_effects);
}

// Repeated upset at the lowest dose (3 days at the step-down level within 7)
// stops the trial, before the review date too; 2 in every 7 does not.
TEST(ReviewTest, RepeatedUpsetAtTheLowestDoseStops) {
  auto upset_on = [](std::set<int> week_days) {
    return generate(gut_trial(), {.effect = 3, .side_effects = [week_days](int k) {
                                    return std::map<std::string, int>{{"nausea", week_days.count(k % 7) ? 5 : 0}};
                                  }});
  };
  const auto three = review_of(upset_on({0, 2, 4}), day("2026-12-20"));
  EXPECT_EQ(three.verdict, Verdict::stop_side_effects) << "before the review date too";
  ASSERT_FALSE(three.reasons.empty());
  EXPECT_NE(three.reasons[0].find("repeatedly upsets"), std::string::npos) << three.reasons[0];
  const auto two = review_of(upset_on({0, 3}));
  EXPECT_NE(two.verdict, Verdict::stop_side_effects) << two.reasons.front();
}

TEST(ReviewTest, SideEffectsThatCameWithTheHigherStepReduceTheDose) {
  // Step 2 begins on active day 7; a 5/10 there steps the dose down the next
  // day, and a second try (after a calm window at step 1) steps it down
  // again, holding step 1 for good. The days at step 2 carry the burden.
  auto at_step2 = [](int score) {
    return generate(gut_trial(), {.effect = 3, .side_effects = [score](int k) {
                                    return std::map<std::string, int>{{"bloating", k == 7 || k == 11 ? score : 1}};
                                  }});
  };
  const auto moderate = review_of(at_step2(5));
  EXPECT_EQ(moderate.verdict, Verdict::reduce_dose);
  ASSERT_EQ(moderate.side_effects.size(), 1u);
  EXPECT_TRUE(moderate.side_effects[0].rose_with_dose);
  ASSERT_EQ(moderate.side_effects[0].mean_by_step.size(), 2u);
  EXPECT_DOUBLE_EQ(moderate.side_effects[0].mean_by_step[0], 1);
  EXPECT_DOUBLE_EQ(moderate.side_effects[0].mean_by_step[1], 5);
  EXPECT_EQ(moderate.side_effects[0].days_at_or_above_moderate, 2);
  ASSERT_TRUE(moderate.next_review_date);
  // Side effects of 4 at step 2 from day 7 on: below the step-down level.
  const auto mild = review_of(generate(gut_trial(), {.effect = 3, .side_effects = [](int k) {
                                                       return std::map<std::string, int>{{"bloating", k >= 7 ? 4 : 1}};
                                                     }}));
  EXPECT_EQ(mild.verdict, Verdict::continue_trial);
  EXPECT_TRUE(mild.side_effects[0].rose_with_dose);  // described, but tolerable
}

// "Not forever": a clear benefit re-reviews, but never past the protocol's
// longest duration (the gut trial's 8 weeks); there, stop and take a break.
TEST(ReviewTest, AClearBenefitNeverRunsPastTheProtocolsLongestDuration) {
  model::Trial t = gut_trial();
  const Date ceiling = t.active_start.plus_days(56);
  t.review_date = ceiling.plus_days(-1);  // re-reviewed once, a day short of eight weeks
  const auto log = generate(t, {.effect = 3}, ceiling);
  const auto before = review_trial(shipped(), t, log, ceiling.plus_days(-1));
  EXPECT_EQ(before.verdict, Verdict::continue_trial);
  ASSERT_TRUE(before.next_review_date);
  EXPECT_EQ(*before.next_review_date, ceiling) << "the next review is capped at the ceiling";
  t.review_date = ceiling;
  const auto at = review_trial(shipped(), t, log, ceiling);
  EXPECT_EQ(at.verdict, Verdict::stop_take_a_break);
  EXPECT_FALSE(at.next_review_date);
  EXPECT_EQ(to_string(at.verdict), "stop_take_a_break");
}

// One product: a day another product with the supplement was taken counts
// as missed doses on the trial, and is no control day; the review says so.
TEST(ReviewTest, DaysWithAnotherProductCountAsMissedDosesAndAreNoControl) {
  auto with_other = [](int active_days) {
    auto log = generate(gut_trial(), {.effect = 3});
    int marked_active = 0, marked_baseline = 0;
    for (auto& e : log) {
      const bool baseline = e.date < gut_trial().active_start;
      if ((baseline && marked_baseline < 1) || (!baseline && marked_active < active_days)) {
        e.other_product = true;
        (baseline ? marked_baseline : marked_active) += 1;
      }
    }
    return review_of(log);
  };
  const auto five = with_other(5);
  EXPECT_EQ(five.days.other_product_active, 5);
  EXPECT_EQ(five.days.other_product_control, 1);
  EXPECT_EQ(five.days.baseline, 6) << "the baseline day with another product is no control";
  ASSERT_TRUE(five.adherence);
  EXPECT_DOUBLE_EQ(*five.adherence, 23.0 / 28) << "their doses count as missed";
  EXPECT_EQ(five.verdict, Verdict::continue_trial) << "82% of doses: above the 80% threshold";
  const bool said = std::any_of(five.caveats.begin(), five.caveats.end(), [](const std::string& c) {
    return c.find("another product with the supplement") != std::string::npos;
  });
  EXPECT_TRUE(said);
  // One more such day: 22 of 28 doses (79%), below the threshold.
  const auto six = with_other(6);
  EXPECT_DOUBLE_EQ(*six.adherence, 22.0 / 28);
  EXPECT_EQ(six.verdict, Verdict::inconclusive);
  // Without them, the same trial is judged on every day.
  const auto clean = review_of(generate(gut_trial(), {.effect = 3}));
  EXPECT_EQ(clean.days.other_product_active + clean.days.other_product_control, 0);
  EXPECT_DOUBLE_EQ(*clean.adherence, 1.0);
}

TEST(ReviewTest, NoWordingPromisesAnImmuneBoost) {
  for (double effect : {0.0, 3.0}) {
    const auto r = review_of(generate(gut_trial(), {.effect = effect}));
    for (const auto* list : {&r.reasons, &r.caveats, &r.missing})
      for (const auto& line : *list) EXPECT_EQ(line.find("immune"), std::string::npos) << line;
  }
}

TEST(ReviewTest, TheOpenDesignsCaveatsAreAlwaysThere) {
  const auto r = review_of(generate(gut_trial(), {.effect = 3}));
  ASSERT_FALSE(r.caveats.empty());
  EXPECT_NE(r.caveats[0].find("expectation"), std::string::npos);
  EXPECT_NE(r.caveats[0].find("regression to the mean"), std::string::npos);
}

}  // namespace
}  // namespace trialwise::review

namespace trialwise::review {
namespace {

using namespace test_support;

TEST(ReviewBlocksTest, ABlockDesignComparesOnBlocksWithOffBlocksAndAddsTheRandomizationTest) {
  const auto t = gut_trial(assess::BlockChoices{.block_days = 7, .blocks = 4, .seed = 42});
  ASSERT_TRUE(t.blocks);
  const auto r = review_trial(shipped(), t, generate(t, {.effect = 3}, t.review_date), t.review_date);
  EXPECT_EQ(r.days.active, 14);
  EXPECT_EQ(r.days.active_planned, 14);
  EXPECT_EQ(r.days.off, 14);
  EXPECT_EQ(r.days.off_planned, 14);
  EXPECT_EQ(r.verdict, Verdict::continue_trial);
  ASSERT_TRUE(r.randomization);
  EXPECT_EQ(r.randomization->orders, 4);
  EXPECT_DOUBLE_EQ(r.randomization->p_value, 0.25);  // the observed order is the most extreme of 4
  EXPECT_NEAR(r.randomization->observed, 3, 0.8);
  ASSERT_TRUE(r.adherence);
  EXPECT_DOUBLE_EQ(*r.adherence, 1.0);  // off days plan no doses
  EXPECT_NE(r.caveats[1].find("random order"), std::string::npos);
}

TEST(ReviewBlocksTest, MoreBlocksAllowASmallerPValue) {
  const auto t = gut_trial(assess::BlockChoices{.block_days = 7, .blocks = 8, .seed = 7});
  const auto r = review_trial(shipped(), t, generate(t, {.effect = 3}, t.review_date), t.review_date);
  ASSERT_TRUE(r.randomization);
  EXPECT_EQ(r.randomization->orders, 16);
  EXPECT_DOUBLE_EQ(r.randomization->p_value, 1.0 / 16);
  // With no effect, the observed order is unremarkable.
  const auto none = review_trial(shipped(), t, generate(t, {.effect = 0, .seed = 5}, t.review_date), t.review_date);
  EXPECT_GT(none.randomization->p_value, 1.0 / 16);
  EXPECT_EQ(none.verdict, Verdict::stop_no_clear_benefit);
}

}  // namespace
}  // namespace trialwise::review

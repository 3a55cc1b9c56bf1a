// random_effects on series whose answer is known: identical people, very
// different people, the boundary tau^2 = 0, and every input it must refuse.
// The figures themselves are checked against R in meta_analysis_r_test.cpp.

#include "trialwise/stats/meta_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "r_support.hpp"

namespace trialwise::stats {
namespace {

using r_support::Draws;

struct Generated {
  std::vector<double> y, se, baseline;
};

// k people with true effects mean + N(0, tau^2) (+ slope per baseline point
// above 5), each measured with a standard error between 0.3 and 0.6.
Generated generate(int k, double mean, double tau2, std::uint64_t seed, double slope = 0) {
  Draws draws(seed);
  Generated g;
  for (int i = 0; i < k; ++i) {
    const double se = 0.3 + 0.3 * draws.uniform();
    const double baseline = 3 + 5 * draws.uniform();
    g.y.push_back(mean + slope * (baseline - 5) + std::sqrt(tau2) * draws.normal() + se * draws.normal());
    g.se.push_back(se);
    g.baseline.push_back(baseline);
  }
  return g;
}

TEST(MetaAnalysisTest, AlikePeopleGiveTau2NearZeroAndAPredictionIntervalNearTheCi) {
  const auto g = generate(200, 1.8, 0.0, 1);
  auto fit = random_effects(g.y, g.se);
  ASSERT_TRUE(fit) << to_string(fit.error());
  EXPECT_LT(fit->tau2, 0.01);
  EXPECT_LT(fit->i2, 10.0);
  EXPECT_NEAR(fit->coef[0], 1.8, 3 * fit->se[0]);
  auto pred = predict(*fit);
  ASSERT_TRUE(pred);
  const double ci = pred->ci_high - pred->ci_low, pi = pred->pi_high - pred->pi_low;
  EXPECT_GE(pi, ci);
  EXPECT_LT(pi, 3 * ci) << "with no heterogeneity the prediction interval is close to the CI";
}

TEST(MetaAnalysisTest, DifferentPeopleGiveAWidePredictionInterval) {
  const auto g = generate(200, 1.8, 4.0, 2);
  auto fit = random_effects(g.y, g.se);
  ASSERT_TRUE(fit);
  EXPECT_NEAR(fit->tau2, 4.0, 1.0);
  EXPECT_GT(fit->i2, 90.0);
  EXPECT_LT(fit->q_p_value, 1e-6);
  auto pred = predict(*fit);
  ASSERT_TRUE(pred);
  // The true spread of effects is 1.8 +- 1.96 * 2.
  EXPECT_NEAR(pred->pi_low, 1.8 - 3.92, 0.8);
  EXPECT_NEAR(pred->pi_high, 1.8 + 3.92, 0.8);
  EXPECT_GT(pred->pi_high - pred->pi_low, 8 * (pred->ci_high - pred->ci_low));
}

TEST(MetaAnalysisTest, IdenticalEstimatesSitOnTheBoundary) {
  const std::vector<double> y(6, 2.0), se{0.5, 0.4, 0.6, 0.5, 0.3, 0.7};
  for (auto method : {Tau2Method::reml, Tau2Method::dl}) {
    auto fit = random_effects(y, se, {}, {method, false});
    ASSERT_TRUE(fit);
    EXPECT_EQ(fit->tau2, 0.0);
    EXPECT_NEAR(fit->q, 0.0, 1e-20);
    EXPECT_EQ(fit->i2, 0.0);
    EXPECT_DOUBLE_EQ(fit->coef[0], 2.0);
    for (const auto& b : fit->blups) EXPECT_DOUBLE_EQ(b.estimate, 2.0) << "with tau2 = 0 every person is the mean";
  }
}

// DL's threshold: tau^2 is positive exactly when Q exceeds its degrees of freedom.
TEST(MetaAnalysisTest, DerSimonianLairdIsPositiveOnlyWhenQExceedsItsDegreesOfFreedom) {
  const std::vector<double> se{1, 1, 1};
  // Equal weights: Q = sum (y - mean)^2 = 2 d^2 for y = {-d, 0, d}; df = 2.
  for (double d : {0.99, 1.01}) {
    const std::vector<double> y{-d, 0, d};
    auto fit = random_effects(y, se, {}, {Tau2Method::dl, false});
    ASSERT_TRUE(fit);
    EXPECT_DOUBLE_EQ(fit->q, 2 * d * d);
    if (fit->q > 2) {
      EXPECT_GT(fit->tau2, 0.0) << d;
      EXPECT_NEAR(fit->tau2, (fit->q - 2) / (3 - 1.0), 1e-12);  // tr P = sum w - sum w^2 / sum w = 2
    } else {
      EXPECT_EQ(fit->tau2, 0.0) << d;
    }
  }
}

TEST(MetaAnalysisTest, KnappHartungUsesTAndWidensSmallSeries) {
  const auto g = generate(5, 1.0, 1.0, 3);
  auto z = random_effects(g.y, g.se);
  auto t = random_effects(g.y, g.se, {}, {Tau2Method::reml, true});
  ASSERT_TRUE(z && t);
  EXPECT_EQ(z->df, 0U);
  EXPECT_EQ(t->df, 4U);
  EXPECT_NEAR(t->crit, 2.7764451051977987, 1e-12);  // qt(0.975, 4)
  EXPECT_NEAR(z->crit, 1.959963984540054, 1e-15);
  EXPECT_EQ(z->coef[0], t->coef[0]);
  EXPECT_EQ(z->tau2, t->tau2);
}

TEST(MetaAnalysisTest, AModeratorRecoversAKnownSlopeAndExplainsTheSpread) {
  const auto g = generate(200, 1.0, 0.1, 4, 0.5);
  const std::vector<std::span<const double>> mods{g.baseline};
  auto fit = random_effects(g.y, g.se, mods);
  ASSERT_TRUE(fit) << to_string(fit.error());
  ASSERT_EQ(fit->coef.size(), 2U);
  EXPECT_NEAR(fit->coef[1], 0.5, 3 * fit->se[1]);
  EXPECT_NEAR(fit->coef[0], 1.0 - 2.5, 3 * fit->se[0]);  // the effect at baseline 0
  EXPECT_GT(fit->r2, 50.0);
  auto at5 = predict(*fit, std::vector<double>{5.0});
  ASSERT_TRUE(at5);
  EXPECT_NEAR(at5->estimate, 1.0, 0.15);
  EXPECT_FALSE(predict(*fit)) << "a moderator value is needed";
}

TEST(MetaAnalysisTest, ProbabilityOfAMeaningfulChangeFollowsThePredictiveDistribution) {
  const auto g = generate(30, 1.0, 1.0, 5);
  auto fit = random_effects(g.y, g.se);
  ASSERT_TRUE(fit);
  auto pred = predict(*fit);
  ASSERT_TRUE(pred);
  EXPECT_NEAR(probability_at_least(*fit, *pred, pred->estimate), 0.5, 1e-12);
  EXPECT_NEAR(probability_at_least(*fit, *pred, pred->pi_low), 0.975, 1e-9);
  EXPECT_NEAR(probability_at_least(*fit, *pred, pred->pi_high), 0.025, 1e-9);
  auto knha = random_effects(g.y, g.se, {}, {Tau2Method::reml, true});
  auto kpred = predict(*knha);
  EXPECT_NEAR(probability_at_least(*knha, *kpred, kpred->pi_low), 0.975, 1e-9) << "t with Knapp-Hartung";
}

TEST(MetaAnalysisTest, RefusesWhatCannotBeEstimated) {
  const std::vector<double> y{1, 2, 3}, se{0.5, 0.5, 0.5};
  EXPECT_EQ(random_effects(std::vector<double>{1}, std::vector<double>{0.5}).error().where, "y") << "k = 1";
  EXPECT_EQ(random_effects(y, std::vector<double>{0.5, 0.5}).error().where, "se");
  EXPECT_EQ(random_effects(y, std::vector<double>{0.5, 0, 0.5}).error().where, "se");
  EXPECT_EQ(random_effects(y, std::vector<double>{0.5, -1, 0.5}).error().where, "se");
  EXPECT_EQ(random_effects(std::vector<double>{1, NAN, 3}, se).error().where, "y");
  EXPECT_EQ(random_effects(y, std::vector<double>{0.5, INFINITY, 0.5}).error().where, "se");
  const std::vector<double> constant{4, 4, 4}, nan_mod{4, NAN, 5}, short_mod{4, 5};
  for (const auto& m : {constant, nan_mod, short_mod}) {
    const std::vector<std::span<const double>> mods{m};
    auto fit = random_effects(y, se, mods);
    ASSERT_FALSE(fit);
    EXPECT_EQ(fit.error().code, Errc::invalid_input);
    EXPECT_EQ(fit.error().where, "moderator 1");
  }
  const std::vector<double> two{1, 2}, two_se{0.5, 0.5}, two_mod{4, 5};
  const std::vector<std::span<const double>> mods{two_mod};
  EXPECT_EQ(random_effects(two, two_se, mods).error().where, "y") << "k = p leaves nothing for tau^2";
  const std::vector<double> a{1, 2, 3, 4}, b{2, 4, 6, 8}, y4{1, 2, 2, 3}, se4{0.5, 0.5, 0.5, 0.5};
  const std::vector<std::span<const double>> collinear{a, b};
  auto fit = random_effects(y4, se4, collinear);
  ASSERT_FALSE(fit);
  EXPECT_EQ(fit.error().where, "moderator 2");
}

TEST(MetaAnalysisTest, DistributionsMatchKnownValues) {
  EXPECT_NEAR(t_quantile(0.975, 1), 12.706204736174707, 1e-12);
  EXPECT_NEAR(t_quantile(0.975, 30), 2.0422724563012373, 1e-13);
  EXPECT_NEAR(t_two_sided_p(2.0422724563012373, 30), 0.05, 1e-14);
  EXPECT_NEAR(chi_squared_upper(3.841458820694124, 1), 0.05, 1e-14);
  EXPECT_EQ(chi_squared_upper(0, 3), 1.0);
}

}  // namespace
}  // namespace trialwise::stats

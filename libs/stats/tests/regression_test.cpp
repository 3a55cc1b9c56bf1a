#include "trialwise/stats/regression.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace trialwise::stats {
namespace {

using Column = std::vector<double>;

// Calls ols_newey_west with plain vectors.
Result<Regression> fit(const Column& y, const std::vector<Column>& xs, std::optional<int> lag = std::nullopt) {
  std::vector<std::span<const double>> cols(xs.begin(), xs.end());
  return ols_newey_west(y, cols, lag);
}

void expect_invalid(const Result<Regression>& r, const std::string& where) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Errc::invalid_input);
  EXPECT_EQ(r.error().where, where);
  EXPECT_FALSE(r.error().message.empty());
}

TEST(NeweyWestLagTest, FollowsTheRuleOfThumb) {
  EXPECT_EQ(newey_west_lag(0), 0);
  EXPECT_EQ(newey_west_lag(1), 1);   // 4 * 0.01^(2/9) = 1.44
  EXPECT_EQ(newey_west_lag(4), 1);   // 1.96
  EXPECT_EQ(newey_west_lag(5), 2);   // 2.05
  EXPECT_EQ(newey_west_lag(35), 3);  // 3.17
  EXPECT_EQ(newey_west_lag(60), 3);  // 3.57
  EXPECT_EQ(newey_west_lag(99), 3);  // 3.99
  EXPECT_EQ(newey_west_lag(100), 4);
  EXPECT_EQ(newey_west_lag(1000), 6);  // 6.67
}

TEST(NeweyWestLagTest, IsExactWhereTheFormulaIsAWholeNumber) {
  // 4 * 512^(2/9) = 16 exactly, but pow() gives 15.999999999999998.
  EXPECT_EQ(newey_west_lag(51200), 16);
  EXPECT_EQ(newey_west_lag(51199), 15);
  // 4 * 19683^(2/9) = 36; R's floor(4*(n/100)^(2/9)) says 35.
  EXPECT_EQ(newey_west_lag(1968300), 36);
  EXPECT_EQ(newey_west_lag(1968299), 35);
}

TEST(OlsNeweyWestTest, FitsASimpleRegressionByHand) {
  // x = 1..5, y = 2,4,5,4,5: Sxy = 6, Sxx = 10, slope 0.6, intercept 4 - 0.6*3.
  auto r = fit({2, 4, 5, 4, 5}, {{1, 2, 3, 4, 5}});
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  ASSERT_EQ(r->coef.size(), 2U);
  ASSERT_EQ(r->se.size(), 2U);
  EXPECT_NEAR(r->coef[0], 2.2, 1e-14);
  EXPECT_NEAR(r->coef[1], 0.6, 1e-14);
  EXPECT_EQ(r->n, 5U);
  EXPECT_EQ(r->lag, 2);  // newey_west_lag(5)
}

TEST(OlsNeweyWestTest, RecoversAnExactPlaneWithZeroErrors) {
  Column x1{0, 0, 0, 1, 1, 1, 1}, x2{1, 2, 3, 4, 5, 6, 8}, y;
  for (std::size_t t = 0; t < x1.size(); ++t) y.push_back(1.5 - 2.0 * x1[t] + 0.25 * x2[t]);
  auto r = fit(y, {x1, x2});
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_NEAR(r->coef[0], 1.5, 1e-13);
  EXPECT_NEAR(r->coef[1], -2.0, 1e-13);
  EXPECT_NEAR(r->coef[2], 0.25, 1e-13);
  for (double se : r->se) EXPECT_NEAR(se, 0.0, 1e-13);
}

// y = 1,3 | 2,6 on x = 0,0 | 1,1: coefficients 2 and 2, residuals -1,1,-2,2.
// (X'X)^-1 = [[.5,-.5],[-.5,1]].
const Column kY{1, 3, 2, 6};
const Column kX{0, 0, 1, 1};

TEST(OlsNeweyWestTest, LagZeroIsWhitesHC0ByHand) {
  // Meat sum e_t^2 x_t x_t' = [[10,8],[8,8]]; V = [[.5,-.5],[-.5,2.5]].
  auto r = fit(kY, {kX}, 0);
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_NEAR(r->coef[0], 2.0, 1e-14);
  EXPECT_NEAR(r->coef[1], 2.0, 1e-14);
  EXPECT_NEAR(r->se[0], std::sqrt(0.5), 1e-14);
  EXPECT_NEAR(r->se[1], std::sqrt(2.5), 1e-14);
  EXPECT_EQ(r->lag, 0);
}

TEST(OlsNeweyWestTest, LagOneAddsHalfTheFirstAutocovarianceByHand) {
  // u = (-1,0), (1,0), (-2,-2), (2,2); Gamma_1 = sum u_t u_{t-1}' = [[-7,-4],[-6,-4]];
  // S = [[10,8],[8,8]] + 0.5 (Gamma_1 + Gamma_1') = [[3,3],[3,4]];
  // V = [[.25,-.5],[-.5,1.75]].
  auto r = fit(kY, {kX}, 1);
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  EXPECT_NEAR(r->se[0], 0.5, 1e-14);
  EXPECT_NEAR(r->se[1], std::sqrt(1.75), 1e-14);
  EXPECT_EQ(r->lag, 1);
}

TEST(OlsNeweyWestTest, DefaultLagIsTheRuleOfThumb) {
  auto by_default = fit(kY, {kX});
  auto explicit_one = fit(kY, {kX}, 1);
  ASSERT_TRUE(by_default.has_value());
  ASSERT_TRUE(explicit_one.has_value());
  EXPECT_EQ(by_default->lag, 1);  // newey_west_lag(4)
  EXPECT_EQ(by_default->se, explicit_one->se);
}

TEST(OlsNeweyWestTest, CapsALagBeyondTheDataAtNMinusOne) {
  auto huge = fit(kY, {kX}, 50);
  auto three = fit(kY, {kX}, 3);
  auto two = fit(kY, {kX}, 2);
  ASSERT_TRUE(huge.has_value());
  ASSERT_TRUE(three.has_value());
  ASSERT_TRUE(two.has_value());
  EXPECT_EQ(huge->lag, 3);
  EXPECT_EQ(huge->se, three->se);
  EXPECT_NE(three->se, two->se);
  // By hand, weights 3/4, 1/2, 1/4: S = [[2.5,2],[2,2]], V = [[1/8,-1/8],[-1/8,5/8]]
  // (as R's NeweyWest with lag = 3; given lag = 50, R keeps lag 50's weights
  // for lags 1..3 and reports 0.099 and 0.221 instead).
  EXPECT_NEAR(huge->se[0], std::sqrt(0.125), 1e-14);
  EXPECT_NEAR(huge->se[1], std::sqrt(0.625), 1e-14);
}

TEST(OlsNeweyWestTest, InterceptOnlyGivesTheMeanWithItsHC0Error) {
  // Mean 2.5, residuals -1.5,-0.5,0.5,1.5: HC0 variance = sum e^2 / n^2 = 5/16.
  auto r = fit({1, 2, 3, 4}, {}, 0);
  ASSERT_TRUE(r.has_value()) << to_string(r.error());
  ASSERT_EQ(r->coef.size(), 1U);
  EXPECT_NEAR(r->coef[0], 2.5, 1e-15);
  EXPECT_NEAR(r->se[0], std::sqrt(5.0 / 16.0), 1e-15);
}

TEST(OlsNeweyWestTest, KeepsPrecisionWithALargeOffsetInTheTrend) {
  // Day numbers far from zero make X'X nearly singular in floating point (its
  // condition number grows with the square of the offset); the QR works on X.
  Column y, t, shifted;
  for (int i = 0; i < 60; ++i) {
    t.push_back(i);
    shifted.push_back(1e7 + i);
    y.push_back(3.0 + 0.05 * i + ((i * 37) % 11 - 5) * 0.1);
  }
  auto plain = fit(y, {t});
  auto far = fit(y, {shifted});
  ASSERT_TRUE(plain.has_value());
  ASSERT_TRUE(far.has_value()) << to_string(far.error());
  EXPECT_NEAR(far->coef[1], plain->coef[1], 1e-9 * std::abs(plain->coef[1]));
  EXPECT_NEAR(far->se[1], plain->se[1], 1e-8 * plain->se[1]);
}

TEST(OlsNeweyWestTest, RejectsARegressorOfTheWrongLength) {
  expect_invalid(fit({1, 2, 3, 4, 5}, {{1, 2, 3, 4, 6}, {1, 2, 3}}), "regressor 2");
}

TEST(OlsNeweyWestTest, RejectsTooFewObservations) {
  expect_invalid(fit({1, 2}, {{0, 1}}), "y");  // 2 observations, 2 coefficients
  expect_invalid(fit({1, 2, 3}, {{0, 1, 1}, {1, 2, 4}}), "y");
  expect_invalid(fit({}, {}), "y");
  EXPECT_TRUE(fit({1, 2, 4}, {{0, 1, 1}}).has_value());  // 3 > 2 is enough
}

TEST(OlsNeweyWestTest, RejectsNonFiniteValues) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  expect_invalid(fit({1, nan, 3, 4}, {{0, 0, 1, 1}}), "y");
  expect_invalid(fit({1, 2, 3, 4}, {{0, 0, 1, 1}, {1, 2, -inf, 4}}), "regressor 2");
}

TEST(OlsNeweyWestTest, RejectsAConstantRegressor) {
  auto r = fit({1, 2, 3, 5, 4}, {{1, 2, 3, 4, 5}, {7, 7, 7, 7, 7}});
  expect_invalid(r, "regressor 2");
  EXPECT_NE(r.error().message.find("constant"), std::string::npos) << r.error().message;
}

TEST(OlsNeweyWestTest, RejectsACollinearRegressor) {
  expect_invalid(fit({1, 2, 3, 5, 4}, {{1, 2, 3, 4, 5}, {5, 7, 9, 11, 13}}), "regressor 2");  // 3 + 2x
  // An indicator that is the complement of another: x2 = 1 - x1.
  expect_invalid(fit({1, 2, 3, 5, 4}, {{0, 0, 1, 1, 1}, {1, 1, 0, 0, 0}}), "regressor 2");
}

TEST(OlsNeweyWestTest, RejectsANearlyCollinearRegressorButNotAMerelyCorrelatedOne) {
  // Within 1e-7 of its norm (R's lm would report NA here).
  expect_invalid(fit({1, 2, 3, 5, 4}, {{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5 + 1e-9}}), "regressor 2");
  EXPECT_TRUE(fit({1, 2, 3, 5, 4}, {{1, 2, 3, 4, 5}, {1, 2, 3, 4, 5.01}}).has_value());
}

TEST(OlsNeweyWestTest, RejectsANegativeLag) { expect_invalid(fit(kY, {kX}, -1), "lag"); }

}  // namespace
}  // namespace trialwise::stats

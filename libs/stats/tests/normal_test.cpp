#include "trialwise/stats/normal.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace trialwise::stats {
namespace {

// Reference values from R 4.2: sprintf("%.17g", qnorm(p)) and pnorm(z).
// R's qnorm (Wichura's AS 241) and pnorm (Cody) are accurate to about 1e-16.
void expect_relative(double actual, double expected, double tolerance) {
  EXPECT_LE(std::abs(actual - expected), tolerance * std::abs(expected))
      << "actual " << actual << ", expected " << expected;
}

TEST(NormalQuantileTest, MatchesRAcrossTheRange) {
  expect_relative(normal_quantile(0.975), 1.959963984540054, 1e-15);
  expect_relative(normal_quantile(0.975), 1.9599639845400536, 1e-15);
  expect_relative(normal_quantile(0.025), -1.9599639845400538, 1e-15);
  expect_relative(normal_quantile(0.8413447460685429), 1.0, 1e-14);
  expect_relative(normal_quantile(0.3), -0.52440051270804067, 1e-14);
  expect_relative(normal_quantile(1e-5), -4.2648907939228256, 1e-14);
  expect_relative(normal_quantile(1e-10), -6.3613409024040557, 1e-14);
  expect_relative(normal_quantile(1 - 1e-10), 6.3613408896974208, 1e-14);
  expect_relative(normal_quantile(1e-300), -37.047096299361201, 1e-14);
}

TEST(NormalQuantileTest, KeepsRelativeAccuracyNearOneHalf) {
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  expect_relative(normal_quantile(0.4999), -0.00025066283008800752, 1e-14);
  expect_relative(normal_quantile(0.49999999), -2.5066282733116229e-08, 1e-14);
  expect_relative(normal_quantile(0.5000001), 2.5066282733116488e-07, 1e-14);
}

TEST(NormalQuantileTest, IsAntisymmetricWhereOneMinusPIsExact) {
  for (double p : {0.5000001, 0.6, 0.75, 0.9, 0.975, 0.999, 1 - 1e-10, 1 - 0x1p-53}) {
    EXPECT_EQ(normal_quantile(p), -normal_quantile(1 - p)) << p;
  }
}

TEST(NormalQuantileTest, InvertsTheCdfFromDeepTailToCentre) {
  for (double p = 1e-300; p < 0.5; p *= 7.3) {
    const double z = normal_quantile(p);
    EXPECT_LT(z, 0.0);
    expect_relative(normal_cdf(z), p, 1e-12);
  }
}

TEST(NormalQuantileTest, GivesInfinitiesAtTheEndsAndNaNOutside) {
  EXPECT_EQ(normal_quantile(0.0), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(normal_quantile(1.0), std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(normal_quantile(-1e-12)));
  EXPECT_TRUE(std::isnan(normal_quantile(1.0000001)));
  EXPECT_TRUE(std::isnan(normal_quantile(std::numeric_limits<double>::quiet_NaN())));
}

TEST(NormalCdfTest, MatchesRIncludingTheLowerTail) {
  EXPECT_EQ(normal_cdf(0.0), 0.5);
  expect_relative(normal_cdf(1.959963984540054), 0.97499999999999998, 1e-15);
  expect_relative(normal_cdf(-1.0), 0.15865525393145705, 1e-15);
  expect_relative(normal_cdf(1.0), 0.84134474606854293, 1e-15);
  expect_relative(normal_cdf(-10.0), 7.6198530241605269e-24, 1e-14);
  expect_relative(normal_cdf(-37.0), 5.7255712225245771e-300, 1e-12);
  expect_relative(normal_cdf(8.0), 0.99999999999999933, 1e-16);
}

TEST(NormalCdfTest, IsSymmetric) {
  for (double z : {0.1, 0.5, 1.0, 1.96, 3.0, 5.0}) EXPECT_NEAR(normal_cdf(z) + normal_cdf(-z), 1.0, 2e-16) << z;
}

TEST(NormalCdfTest, HandlesInfinitiesAndNaN) {
  EXPECT_EQ(normal_cdf(-std::numeric_limits<double>::infinity()), 0.0);
  EXPECT_EQ(normal_cdf(std::numeric_limits<double>::infinity()), 1.0);
  EXPECT_TRUE(std::isnan(normal_cdf(std::numeric_limits<double>::quiet_NaN())));
}

}  // namespace
}  // namespace trialwise::stats

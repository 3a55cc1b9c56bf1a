#include "trialwise/stats/normal.hpp"

#include <cmath>
#include <limits>
#include <numbers>

namespace trialwise::stats {
namespace {

// Peter J. Acklam's approximation of the normal quantile (2003): a rational
// function in the central region and in q = sqrt(-2 log p) in the tails.
constexpr double kA[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                         1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
constexpr double kB[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                         -1.328068155288572e+01};
constexpr double kC[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                         -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
constexpr double kD[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
constexpr double kLowRegion = 0.02425;

// The quantile for 0 < p <= 0.5, where p carries full relative precision.
// Larger p are mapped here through 1 - p, which is exact for p >= 0.5: solving
// in the upper tail directly would fight the rounding of p near 1.
double lower_quantile(double p) {
  double x;
  if (p < kLowRegion) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((kC[0] * q + kC[1]) * q + kC[2]) * q + kC[3]) * q + kC[4]) * q + kC[5]) /
        ((((kD[0] * q + kD[1]) * q + kD[2]) * q + kD[3]) * q + 1.0);
  } else {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((kA[0] * r + kA[1]) * r + kA[2]) * r + kA[3]) * r + kA[4]) * r + kA[5]) * q /
        (((((kB[0] * r + kB[1]) * r + kB[2]) * r + kB[3]) * r + kB[4]) * r + 1.0);
  }
  // One Halley step on f(x) = Phi(x) - p: u = f / f' with f' = phi(x), and
  // x -= u / (1 + x u / 2). The error goes from 1e-9 to round-off.
  // Near the centre, Phi(x) - p is a small difference of numbers near 1/2;
  // written as erf(x/sqrt2)/2 - (p - 1/2) (p - 1/2 is exact for p >= 1/4) it
  // keeps its relative accuracy, and so does x near 0.
  // exp(x^2/2) overflows for x below about -37.7 (p < 1e-310), so it is
  // applied in two halves.
  const double e =
      p >= 0.25 ? 0.5 * std::erf(x / std::numbers::sqrt2) - (p - 0.5) : 0.5 * std::erfc(-x / std::numbers::sqrt2) - p;
  const double half = std::exp(x * x / 4.0);
  const double u = e * std::sqrt(2.0 * std::numbers::pi) * half * half;
  return x - u / (1.0 + x * u / 2.0);
}

}  // namespace

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

double normal_quantile(double p) {
  if (std::isnan(p) || p < 0.0 || p > 1.0) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  return p > 0.5 ? -lower_quantile(1.0 - p) : lower_quantile(p);
}

}  // namespace trialwise::stats

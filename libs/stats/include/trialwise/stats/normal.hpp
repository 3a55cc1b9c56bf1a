#pragma once

// The standard normal distribution: its CDF and quantile function, for
// confidence intervals and z-tests. Pure functions, thread-safe, no errors:
// arguments outside the domain give the IEEE values documented below.

namespace trialwise::stats {

/// P(Z <= z) for a standard normal Z, computed as erfc(-z/sqrt(2))/2 so that
/// the lower tail keeps its relative accuracy (normal_cdf(-10) is about
/// 7.6e-24, not 0). The relative error is about 1e-16 * (1 + z^2), from
/// rounding z/sqrt(2): 2e-13 near z = -37, where the probability approaches
/// the smallest normal double. The upper tail is 1 - (tiny), so above z of about 8.3 the
/// result rounds to exactly 1; use normal_cdf(-z) for upper-tail
/// probabilities. normal_cdf(-inf) = 0, normal_cdf(+inf) = 1, NaN gives NaN.
double normal_cdf(double z);

/// The z with normal_cdf(z) = p: normal_quantile(0.975) = 1.959963984540054.
///
/// Acklam's rational approximation (relative error 1.2e-9) refined by one
/// Halley step using std::erf/std::erfc. Against R's qnorm the relative
/// difference stays below 1e-15 for p from 1e-300 up to the largest double
/// below 1, including near p = 0.5 where z is tiny; below 1e-300 the
/// refinement works in subnormal numbers and loses digits. The function is
/// exactly antisymmetric: normal_quantile(1 - p) == -normal_quantile(p)
/// whenever 1 - p is exact (any p in [0.5, 1)).
///
/// Outside (0, 1): p == 0 gives -infinity, p == 1 gives +infinity, and p < 0,
/// p > 1 or NaN give NaN (the same as R's qnorm).
double normal_quantile(double p);

}  // namespace trialwise::stats

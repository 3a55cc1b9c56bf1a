#pragma once

// Ordinary least squares with Newey–West (HAC) standard errors, for the effect
// estimate of an N-of-1 trial: the outcome regressed on a phase indicator
// (0 baseline, 1 active) and, optionally, a time trend. Daily outcomes are
// autocorrelated, so the usual OLS standard errors are too small; Newey–West
// standard errors stay honest under autocorrelation and heteroscedasticity.
//
// Pure arithmetic: no I/O, no global state, every function is thread-safe.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "trialwise/core/result.hpp"

namespace trialwise::stats {

/// The usual rule-of-thumb Newey–West lag for n observations:
/// floor(4 * (n/100)^(2/9)), e.g. 1 for n = 1..4, 3 for n = 35 and 60,
/// 4 for n = 100, 6 for n = 1000, and 0 for n = 0.
///
/// The floor is exact: where 4 * (n/100)^(2/9) is a whole number (n = 100,
/// 51200, 1968300, ...) that number is returned, although evaluating the
/// formula in floating point (as R's floor(4*(n/100)^(2/9)) does) can land just
/// below it, e.g. 15 instead of 16 for n = 51200. Below n = 51200 the two agree.
int newey_west_lag(std::size_t n);

/// An OLS fit with Newey–West standard errors.
struct Regression {
  std::vector<double> coef;  ///< intercept first, then one per regressor, in the order given
  std::vector<double> se;    ///< Newey–West (HAC) standard errors, same order as `coef`
  std::size_t n = 0;         ///< observations used (= y.size())
  int lag = 0;               ///< lag actually used, after capping at n - 1
};

/// Fits y = b0 + b1*x1 + ... + bk*xk by ordinary least squares and returns the
/// coefficients with their Newey–West standard errors.
///
/// - `y`: the outcome, one value per observation in time order. Gaps (missed
///   days) are simply absent rows; the lags count rows, not calendar days.
/// - `regressors`: each a column of length y.size(). An intercept is always
///   added first, so do not pass a column of ones. May be empty (then the fit
///   is the mean of y with its HAC standard error).
/// - `lag`: the truncation lag L; when empty, newey_west_lag(n). A lag >= n is
///   capped at n - 1 (the largest lag with any pair of rows), and the Bartlett
///   weights are then those of lag n - 1; Regression::lag reports the cap.
///   (R's sandwich, given lag >= n, instead keeps the weights of the requested
///   lag and drops the lags it has no rows for, with a warning.)
///
/// The covariance is V = (X'X)^-1 S (X'X)^-1 with u_t = x_t e_t and
///   S = sum_t u_t u_t' + sum_{l=1..L} w_l sum_t (u_t u_{t-l}' + u_{t-l} u_t'),
///   w_l = 1 - l/(L+1) (Bartlett), no prewhitening, no small-sample factor.
/// This is exactly R's
///   sandwich::NeweyWest(lm(y ~ x1 + ...), lag = L, prewhite = FALSE, adjust = FALSE)
/// (cross-checked against R in the tests to 1e-9 relative). With L = 0 it is
/// White's HC0 estimator.
///
/// The fit uses a Householder QR factorisation of X, never the normal
/// equations, so a trend column of day numbers does not lose precision.
///
/// Fails with Errc::invalid_input, `where` naming the culprit ("y",
/// "regressor 2" counting from 1 in the order given, or "lag"), when:
/// - a regressor's length differs from y's;
/// - there are no more observations than coefficients (n <= 1 + regressors);
/// - a value is NaN or infinite;
/// - a regressor is constant, or (nearly) a linear combination of the
///   intercept and the regressors before it: its part not explained by the
///   earlier columns is below 1e-7 of its norm (R's lm tolerance), where the
///   coefficient would be meaningless;
/// - the lag is negative.
Result<Regression> ols_newey_west(std::span<const double> y, std::span<const std::span<const double>> regressors,
                                  std::optional<int> lag = std::nullopt);

}  // namespace trialwise::stats

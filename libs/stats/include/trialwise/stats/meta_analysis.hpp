#pragma once

// Random-effects meta-analysis: pooling many people's N-of-1 effects, each
// with its own standard error, into what the practice learns about the
// average effect, how much people differ, and what a new person can expect.
//
// The model is y_i = x_i'beta + u_i + e_i with u_i ~ N(0, tau^2) (how people
// truly differ) and e_i ~ N(0, v_i), v_i = se_i^2 (how precisely each trial
// measured its own effect), as in R's metafor::rma.uni. With no moderators
// x_i = 1 and beta is the average effect; one moderator (a person's baseline
// severity) makes it a meta-regression.
//
// Every figure is defined exactly as metafor 3.8 defines it, and the tests
// check them against rma(), predict() and blup() to 1e-6 relative. Pure
// arithmetic: no I/O, no global state, every function is thread-safe.

#include <cstddef>
#include <span>
#include <vector>

#include "trialwise/core/result.hpp"

namespace trialwise::stats {

/// How tau^2, the variance of the true effects between people, is estimated.
enum class Tau2Method {
  /// Restricted maximum likelihood by Fisher scoring, started from DL and
  /// kept at 0 or above (metafor's step halving); metafor's default.
  reml,
  /// DerSimonian-Laird's moment estimator: max(0, (Q - (k - p)) / tr(P)),
  /// with P from the fixed-effect weights 1/v_i.
  dl,
};

struct MetaOptions {
  Tau2Method method = Tau2Method::reml;
  /// Knapp-Hartung: the coefficients' covariance scaled by
  /// s^2 = sum w_i r_i^2 / (k - p), and t (k - p df) in place of z for the
  /// tests, the confidence and the prediction intervals (metafor's test="knha").
  bool knapp_hartung = false;
};

/// One person's shrunken estimate (metafor's blup()): lambda_i y_i +
/// (1 - lambda_i) x_i'beta with lambda_i = tau^2 / (tau^2 + v_i), its standard
/// error sqrt(lambda_i v_i + (1 - lambda_i)^2 x_i'V x_i), and low/high =
/// estimate -/+ crit * se.
struct Blup {
  double estimate = 0, se = 0, low = 0, high = 0;
};

/// A fitted random-effects model.
struct MetaAnalysis {
  std::size_t k = 0;  ///< studies (people)
  std::size_t p = 0;  ///< coefficients: 1 + moderators

  std::vector<double> coef;             ///< intercept first, then one per moderator
  std::vector<double> se;               ///< standard errors (Knapp-Hartung scaled when chosen)
  std::vector<double> cov;              ///< their covariance V, p x p, row-major
  std::vector<double> statistic;        ///< coef / se: z, or t with `df` degrees of freedom
  std::vector<double> p_value;          ///< two-sided
  std::vector<double> ci_low, ci_high;  ///< coef -/+ crit * se
  double crit = 0;                      ///< the 97.5% quantile used: normal, or t(df) with Knapp-Hartung
  std::size_t df = 0;                   ///< k - p with Knapp-Hartung, else 0 (z tests)

  double tau2 = 0;       ///< estimated between-person variance of the true effects
  int iterations = 0;    ///< Fisher scoring steps taken (0 for DL)
  double q = 0;          ///< Cochran's Q (residual heterogeneity with moderators)
  std::size_t q_df = 0;  ///< k - p
  double q_p_value = 1;  ///< P(chi^2(k - p) >= Q)
  double i2 = 0;         ///< percent of the total variance that is between people
  double h2 = 1;         ///< total variance over sampling variance
  /// Percent of the between-person variance the moderators account for,
  /// max(0, 100 (tau2_0 - tau2) / tau2_0) with tau2_0 from the model without
  /// them (same method); 0 when tau2_0 is 0. Intercept-only models: 0.
  double r2 = 0;

  std::vector<Blup> blups;  ///< one per study, in the order given
};

/// Fits the model to estimates `y` with standard errors `se` and optional
/// moderator columns (each of length k; an intercept is always added).
///
/// Fails with Errc::invalid_input, `where` naming the culprit ("y", "se",
/// "moderator 1" counting from 1, with the study counted from 0 in the
/// message), when lengths differ, a value is not finite, a standard error is
/// not above zero, a moderator is constant or (nearly) a combination of the
/// columns before it, or there are not more studies than coefficients
/// (k <= p: nothing would be left to estimate tau^2). Fails with Errc::limit
/// if Fisher scoring has not converged after 1,000 steps.
Result<MetaAnalysis> random_effects(std::span<const double> y, std::span<const double> se,
                                    std::span<const std::span<const double>> moderators = {},
                                    const MetaOptions& options = {});

/// A prediction for new moderator values `x` (empty for an intercept-only
/// model): the expected effect with its confidence interval, and the
/// prediction interval for a new person's true effect, estimate -/+
/// crit * sqrt(se^2 + tau^2) (metafor's predict(), default pi.type).
struct Prediction {
  double estimate = 0, se = 0;
  double ci_low = 0, ci_high = 0;
  double pi_low = 0, pi_high = 0;
};

/// Errc::invalid_input ("x") when x does not hold one value per moderator.
Result<Prediction> predict(const MetaAnalysis& fit, std::span<const double> x = {});

/// P(a new person's true effect >= `threshold`) under the predictive
/// distribution the prediction interval comes from: normal, or t(df) with
/// Knapp-Hartung, centred on the prediction with scale sqrt(se^2 + tau^2).
double probability_at_least(const MetaAnalysis& fit, const Prediction& at, double threshold);

/// Two-sided and upper-tail probabilities, from Boost.Math (accurate to a few
/// ulps): P(|T| >= |t|) for Student's t with `df` degrees of freedom, and
/// P(X >= x) for chi-square with `df`.
double t_two_sided_p(double t, double df);
double chi_squared_upper(double x, double df);
/// The p quantile of Student's t with `df` degrees of freedom.
double t_quantile(double p, double df);

}  // namespace trialwise::stats

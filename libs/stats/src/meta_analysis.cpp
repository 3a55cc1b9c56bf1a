#include "trialwise/stats/meta_analysis.hpp"

#include "collinear.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "trialwise/stats/normal.hpp"

namespace trialwise::stats {
namespace {

// Boost.Math reports domain errors as NaN here, never as exceptions: no
// exception crosses a library API, and our callers check their inputs.
using Quiet =
    boost::math::policies::policy<boost::math::policies::domain_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

constexpr int kMaxIterations = 1000;
// Fisher scoring stops when a step moves tau^2 by less than this fraction of
// the problem's scale (tau^2 plus the typical sampling variance): far below
// what any reader of the figures, or the 1e-6 cross-check, could see.
constexpr double kConvergence = 1e-12;
// A REML estimate this close to 0, relative to the typical sampling
// variance, is taken as 0 when the likelihood peaks there.
constexpr double kBoundary = 1e-8;
// As lm() and ols_newey_west: a moderator is aliased below this tolerance.
using detail::kCollinearTolerance;

// Small dense matrices, row-major p x p.
using Matrix = std::vector<double>;

// The inverse of a symmetric positive definite p x p matrix by Cholesky.
// X'WX is positive definite once the columns are independent (checked
// before), and p is 1 or 2 in practice.
Matrix inverse_spd(const Matrix& a, std::size_t p) {
  Matrix l(p * p, 0.0);
  for (std::size_t j = 0; j < p; ++j) {
    double d = a[j * p + j];
    for (std::size_t m = 0; m < j; ++m) d -= l[j * p + m] * l[j * p + m];
    l[j * p + j] = std::sqrt(d);
    for (std::size_t i = j + 1; i < p; ++i) {
      double s = a[i * p + j];
      for (std::size_t m = 0; m < j; ++m) s -= l[i * p + m] * l[j * p + m];
      l[i * p + j] = s / l[j * p + j];
    }
  }
  // L^-1, lower triangular; then A^-1 = L^-T L^-1.
  Matrix li(p * p, 0.0);
  for (std::size_t j = 0; j < p; ++j) {
    li[j * p + j] = 1.0 / l[j * p + j];
    for (std::size_t i = j + 1; i < p; ++i) {
      double s = 0;
      for (std::size_t m = j; m < i; ++m) s += l[i * p + m] * li[m * p + j];
      li[i * p + j] = -s / l[i * p + i];
    }
  }
  Matrix inv(p * p, 0.0);
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t j = 0; j < p; ++j) {
      double s = 0;
      for (std::size_t m = std::max(i, j); m < p; ++m) s += li[m * p + i] * li[m * p + j];
      inv[i * p + j] = s;
    }
  return inv;
}

// The design: X (k x p, row-major, intercept first), y and the sampling
// variances v.
struct Data {
  std::size_t k = 0, p = 0;
  std::vector<double> x, y, v;
  double x_at(std::size_t i, std::size_t j) const { return x[i * p + j]; }
};

// Everything a weighted fit with weights w_i = 1/(v_i + tau^2) gives:
// A = (X'WX)^-1, beta = A X'W y, and what Fisher scoring and the REML
// likelihood need from P = W - W X A X' W without forming that k x k matrix.
struct WeightedFit {
  std::vector<double> w;
  Matrix a;
  std::vector<double> beta;
  double rss = 0;       // y'Py = sum w_i r_i^2
  double ypy2 = 0;      // y'PPy = sum w_i^2 r_i^2, since Py = W r
  double trace_p = 0;   // tr P = sum w - tr(A X'W^2 X)
  double trace_pp = 0;  // tr PP = sum w^2 - 2 tr(A X'W^3 X) + tr((A X'W^2 X)^2)
  double log_det_xwx = 0;
};

WeightedFit weighted_fit(const Data& d, double tau2) {
  const std::size_t k = d.k, p = d.p;
  WeightedFit f;
  f.w.resize(k);
  for (std::size_t i = 0; i < k; ++i) f.w[i] = 1.0 / (d.v[i] + tau2);

  Matrix xwx(p * p, 0.0), xw2x(p * p, 0.0), xw3x(p * p, 0.0);
  std::vector<double> xwy(p, 0.0);
  double sum_w = 0, sum_w2 = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double w = f.w[i], w2 = w * w, w3 = w2 * w;
    sum_w += w;
    sum_w2 += w2;
    for (std::size_t r = 0; r < p; ++r) {
      xwy[r] += w * d.x_at(i, r) * d.y[i];
      for (std::size_t c = 0; c < p; ++c) {
        const double xx = d.x_at(i, r) * d.x_at(i, c);
        xwx[r * p + c] += w * xx;
        xw2x[r * p + c] += w2 * xx;
        xw3x[r * p + c] += w3 * xx;
      }
    }
  }
  f.a = inverse_spd(xwx, p);
  f.beta.assign(p, 0.0);
  for (std::size_t r = 0; r < p; ++r)
    for (std::size_t c = 0; c < p; ++c) f.beta[r] += f.a[r * p + c] * xwy[c];
  for (std::size_t i = 0; i < k; ++i) {
    double fitted = 0;
    for (std::size_t j = 0; j < p; ++j) fitted += d.x_at(i, j) * f.beta[j];
    const double r = d.y[i] - fitted;
    f.rss += f.w[i] * r * r;
    f.ypy2 += f.w[i] * f.w[i] * r * r;
  }
  // B = A X'W^2 X, C = A X'W^3 X.
  Matrix b(p * p, 0.0), c(p * p, 0.0);
  for (std::size_t r = 0; r < p; ++r)
    for (std::size_t s = 0; s < p; ++s)
      for (std::size_t m = 0; m < p; ++m) {
        b[r * p + s] += f.a[r * p + m] * xw2x[m * p + s];
        c[r * p + s] += f.a[r * p + m] * xw3x[m * p + s];
      }
  double trace_b = 0, trace_c = 0, trace_bb = 0;
  for (std::size_t r = 0; r < p; ++r) {
    trace_b += b[r * p + r];
    trace_c += c[r * p + r];
    for (std::size_t s = 0; s < p; ++s) trace_bb += b[r * p + s] * b[s * p + r];
  }
  f.trace_p = sum_w - trace_b;
  f.trace_pp = sum_w2 - 2.0 * trace_c + trace_bb;
  // log det(X'WX) by Gaussian elimination (positive definite: no pivoting).
  Matrix m = xwx;
  for (std::size_t j = 0; j < p; ++j) {
    f.log_det_xwx += std::log(m[j * p + j]);
    for (std::size_t i = j + 1; i < p; ++i) {
      const double factor = m[i * p + j] / m[j * p + j];
      for (std::size_t col = j; col < p; ++col) m[i * p + col] -= factor * m[j * p + col];
    }
  }
  return f;
}

// The REML log-likelihood at `tau2`, given the weighted fit there (up to the
// constant, which cancels in comparisons).
double reml_log_likelihood(const Data& d, double tau2, const WeightedFit& f) {
  double sum_log = 0;
  for (std::size_t i = 0; i < d.k; ++i) sum_log += std::log(d.v[i] + tau2);
  return -0.5 * sum_log - 0.5 * f.log_det_xwx - 0.5 * f.rss;
}

// `fixed` is the fit with the fixed-effect weights 1/v_i (tau^2 = 0), which
// DL, the REML boundary checks, Q and I^2 all start from: made once.
double dl_tau2(const Data& d, const WeightedFit& fixed) {
  return std::max(0.0, (fixed.rss - static_cast<double>(d.k - d.p)) / fixed.trace_p);
}

struct Tau2Estimate {
  double tau2 = 0;
  int iterations = 0;
};

Result<Tau2Estimate> reml_tau2(const Data& d, const WeightedFit& fixed) {
  const double scale = std::accumulate(d.v.begin(), d.v.end(), 0.0) / static_cast<double>(d.k);
  Tau2Estimate est{dl_tau2(d, fixed), 0};
  for (;;) {
    if (est.iterations == kMaxIterations)
      return Unexpected{limit_reached("tau2", "REML (Fisher scoring) did not converge in " +
                                                  std::to_string(kMaxIterations) + " steps; try DerSimonian-Laird")};
    ++est.iterations;
    const auto f = weighted_fit(d, est.tau2);
    double step = (f.ypy2 - f.trace_p) / f.trace_pp;
    if (!std::isfinite(step)) step = 0;
    // Step halving keeps tau^2 at 0 or above, as metafor does; at the
    // boundary with the score pointing below it, the step halves to nothing.
    if (est.tau2 == 0 && step < 0) step = 0;
    while (est.tau2 + step < 0) step /= 2;
    est.tau2 += step;
    if (std::abs(step) <= kConvergence * (est.tau2 + scale)) break;
  }
  // Step halving only creeps towards the boundary: where the likelihood
  // still falls on leaving 0 (the score at 0 is not positive), the estimate
  // is 0, not the 1e-13 the steps stopped at.
  if (est.tau2 <= kBoundary * scale && fixed.ypy2 - fixed.trace_p <= 0) est.tau2 = 0;
  // Fisher scoring can stop at a local maximum inside (0, inf) while the
  // likelihood is higher at 0; metafor then takes 0 (its tolerance: the
  // fourth root of the machine epsilon).
  const double tolerance = std::pow(std::numeric_limits<double>::epsilon(), 0.25);
  if (est.tau2 > 0 &&
      reml_log_likelihood(d, 0.0, fixed) - reml_log_likelihood(d, est.tau2, weighted_fit(d, est.tau2)) > tolerance)
    est.tau2 = 0;
  return est;
}

Result<Tau2Estimate> estimate_tau2(const Data& d, const WeightedFit& fixed, Tau2Method method) {
  if (method == Tau2Method::dl) return Tau2Estimate{dl_tau2(d, fixed), 0};
  return reml_tau2(d, fixed);
}

std::string moderator_name(std::size_t j) { return "moderator " + std::to_string(j + 1); }

Error not_finite(std::string where, std::size_t i) {
  return invalid_input(std::move(where), "study " + std::to_string(i) + " (counting from 0) is not a finite number");
}

// Checks the input and lays out the design.
Result<Data> design(std::span<const double> y, std::span<const double> se,
                    std::span<const std::span<const double>> moderators) {
  const std::size_t k = y.size(), p = moderators.size() + 1;
  if (se.size() != k)
    return Unexpected{
        invalid_input("se", "has " + std::to_string(se.size()) + " values but y has " + std::to_string(k))};
  for (std::size_t j = 0; j < moderators.size(); ++j)
    if (moderators[j].size() != k)
      return Unexpected{invalid_input(
          moderator_name(j), "has " + std::to_string(moderators[j].size()) + " values but y has " + std::to_string(k))};
  if (k <= p)
    return Unexpected{invalid_input("y", "has " + std::to_string(k) + " studies; a model with " + std::to_string(p) +
                                             " coefficients needs at least " + std::to_string(p + 1))};
  Data d;
  d.k = k;
  d.p = p;
  d.y.assign(y.begin(), y.end());
  d.v.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    if (!std::isfinite(y[i])) return Unexpected{not_finite("y", i)};
    if (!std::isfinite(se[i])) return Unexpected{not_finite("se", i)};
    if (se[i] <= 0)
      return Unexpected{
          invalid_input("se", "study " + std::to_string(i) + " (counting from 0) has a standard error of 0 or less")};
    d.v[i] = se[i] * se[i];
  }
  d.x.assign(k * p, 1.0);
  for (std::size_t j = 0; j < moderators.size(); ++j)
    for (std::size_t i = 0; i < k; ++i) {
      if (!std::isfinite(moderators[j][i])) return Unexpected{not_finite(moderator_name(j), i)};
      d.x[i * p + j + 1] = moderators[j][i];
    }

  // Each moderator must bring something the columns before it do not:
  // Gram-Schmidt on the columns, unweighted, as lm()'s aliasing check.
  std::vector<std::vector<double>> basis;
  for (std::size_t j = 0; j < p; ++j) {
    std::vector<double> col(k);
    for (std::size_t i = 0; i < k; ++i) col[i] = d.x_at(i, j);
    const double norm = std::sqrt(std::inner_product(col.begin(), col.end(), col.begin(), 0.0));
    for (const auto& q : basis) {
      const double dot = std::inner_product(col.begin(), col.end(), q.begin(), 0.0);
      for (std::size_t i = 0; i < k; ++i) col[i] -= dot * q[i];
    }
    const double left = std::sqrt(std::inner_product(col.begin(), col.end(), col.begin(), 0.0));
    if (left <= kCollinearTolerance * norm)
      return Unexpected{
          invalid_input(moderator_name(j - 1), j == 1 ? "is the same for every study, so its effect cannot be estimated"
                                                      : "is (nearly) a combination of the moderators before it")};
    for (auto& c : col) c /= left;
    basis.push_back(std::move(col));
  }
  return d;
}

double quantile_975(std::size_t df) {
  return df == 0 ? normal_quantile(0.975) : t_quantile(0.975, static_cast<double>(df));
}

}  // namespace

double t_two_sided_p(double t, double df) {
  const boost::math::students_t_distribution<double, Quiet> dist(df);
  return 2.0 * boost::math::cdf(boost::math::complement(dist, std::abs(t)));
}

double chi_squared_upper(double x, double df) {
  if (x <= 0) return 1.0;
  const boost::math::chi_squared_distribution<double, Quiet> dist(df);
  return boost::math::cdf(boost::math::complement(dist, x));
}

double t_quantile(double p, double df) {
  const boost::math::students_t_distribution<double, Quiet> dist(df);
  return boost::math::quantile(dist, p);
}

Result<MetaAnalysis> random_effects(std::span<const double> y, std::span<const double> se,
                                    std::span<const std::span<const double>> moderators, const MetaOptions& options) {
  auto laid_out = design(y, se, moderators);
  if (!laid_out) return Unexpected{laid_out.error()};
  const Data& d = *laid_out;
  const std::size_t k = d.k, p = d.p;

  const auto fixed = weighted_fit(d, 0.0);
  auto tau2 = estimate_tau2(d, fixed, options.method);
  if (!tau2) return Unexpected{tau2.error()};

  MetaAnalysis out;
  out.k = k;
  out.p = p;
  out.tau2 = tau2->tau2;
  out.iterations = tau2->iterations;

  const auto fit = weighted_fit(d, out.tau2);
  out.coef = fit.beta;
  out.cov = fit.a;
  if (options.knapp_hartung) {
    // metafor: a residual sum of squares at round-off level is taken as 0.
    const double s2 = fit.rss <= std::numeric_limits<double>::epsilon() ? 0.0 : fit.rss / static_cast<double>(k - p);
    for (auto& c : out.cov) c *= s2;
    out.df = k - p;
  }
  out.crit = quantile_975(out.df);
  for (std::size_t j = 0; j < p; ++j) {
    const double s = std::sqrt(out.cov[j * p + j]);
    out.se.push_back(s);
    out.statistic.push_back(out.coef[j] / s);
    out.p_value.push_back(out.df == 0 ? 2.0 * normal_cdf(-std::abs(out.coef[j] / s))
                                      : t_two_sided_p(out.coef[j] / s, static_cast<double>(out.df)));
    out.ci_low.push_back(out.coef[j] - out.crit * s);
    out.ci_high.push_back(out.coef[j] + out.crit * s);
  }

  // Heterogeneity from the fixed-effect weights 1/v_i. The "typical"
  // sampling variance is (k - p) / tr(P) (Higgins and Thompson's s^2).
  out.q = std::max(0.0, fixed.rss);
  out.q_df = k - p;
  out.q_p_value = chi_squared_upper(out.q, static_cast<double>(out.q_df));
  const double typical = static_cast<double>(k - p) / fixed.trace_p;
  out.i2 = 100.0 * out.tau2 / (typical + out.tau2);
  out.h2 = out.tau2 / typical + 1.0;

  if (p > 1) {
    Data without = d;
    without.p = 1;
    without.x.assign(k, 1.0);
    auto tau2_0 = estimate_tau2(without, weighted_fit(without, 0.0), options.method);
    if (!tau2_0) return Unexpected{tau2_0.error()};
    out.r2 = tau2_0->tau2 == 0 ? 0.0 : std::max(0.0, 100.0 * (tau2_0->tau2 - out.tau2) / tau2_0->tau2);
  }

  for (std::size_t i = 0; i < k; ++i) {
    const double lambda = out.tau2 / (out.tau2 + d.v[i]);
    double fitted = 0, var_fitted = 0;
    for (std::size_t r = 0; r < p; ++r) {
      fitted += d.x_at(i, r) * out.coef[r];
      for (std::size_t c = 0; c < p; ++c) var_fitted += d.x_at(i, r) * out.cov[r * p + c] * d.x_at(i, c);
    }
    Blup b;
    b.estimate = lambda * d.y[i] + (1.0 - lambda) * fitted;
    b.se = std::sqrt(lambda * d.v[i] + (1.0 - lambda) * (1.0 - lambda) * var_fitted);
    b.low = b.estimate - out.crit * b.se;
    b.high = b.estimate + out.crit * b.se;
    out.blups.push_back(b);
  }
  return out;
}

Result<Prediction> predict(const MetaAnalysis& fit, std::span<const double> x) {
  const std::size_t p = fit.p;
  if (x.size() + 1 != p)
    return Unexpected{invalid_input(
        "x", "has " + std::to_string(x.size()) + " values; the model has " + std::to_string(p - 1) + " moderators")};
  std::vector<double> row(p, 1.0);
  std::copy(x.begin(), x.end(), row.begin() + 1);
  Prediction out;
  double var = 0;
  for (std::size_t r = 0; r < p; ++r) {
    out.estimate += row[r] * fit.coef[r];
    for (std::size_t c = 0; c < p; ++c) var += row[r] * fit.cov[r * p + c] * row[c];
  }
  out.se = std::sqrt(std::max(var, 0.0));
  out.ci_low = out.estimate - fit.crit * out.se;
  out.ci_high = out.estimate + fit.crit * out.se;
  const double spread = std::sqrt(out.se * out.se + fit.tau2);
  out.pi_low = out.estimate - fit.crit * spread;
  out.pi_high = out.estimate + fit.crit * spread;
  return out;
}

double probability_at_least(const MetaAnalysis& fit, const Prediction& at, double threshold) {
  const double spread = std::sqrt(at.se * at.se + fit.tau2);
  if (spread == 0) return at.estimate >= threshold ? 1.0 : 0.0;
  const double z = (at.estimate - threshold) / spread;  // P(X >= c) = P(T <= z)
  if (fit.df == 0) return normal_cdf(z);
  const boost::math::students_t_distribution<double, Quiet> dist(static_cast<double>(fit.df));
  return boost::math::cdf(dist, z);
}

}  // namespace trialwise::stats

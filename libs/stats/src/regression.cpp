#include "trialwise/stats/regression.hpp"

#include "collinear.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace trialwise::stats {
namespace {

using detail::kCollinearTolerance;

std::string regressor_name(std::size_t j) { return "regressor " + std::to_string(j + 1); }

// Euclidean norm, scaled by the largest magnitude so that squaring cannot
// overflow or underflow for any finite input.
double norm2(const double* x, std::size_t count) {
  double scale = 0;
  for (std::size_t i = 0; i < count; ++i) scale = std::max(scale, std::abs(x[i]));
  if (scale == 0) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const double r = x[i] / scale;
    sum += r * r;
  }
  return scale * std::sqrt(sum);
}

// Applies the Householder reflector H = I - 2 v v' / (v'v) to x[0..count),
// given beta = v'v / 2: H x = x - v (v'x) / beta.
void reflect(const double* v, double beta, double* x, std::size_t count) {
  double dot = 0;
  for (std::size_t i = 0; i < count; ++i) dot += v[i] * x[i];
  const double f = dot / beta;
  for (std::size_t i = 0; i < count; ++i) x[i] -= f * v[i];
}

Error non_finite(std::string where, std::size_t row) {
  return invalid_input(std::move(where),
                       "the value in row " + std::to_string(row) + " (counting from 0) is not a finite number");
}

}  // namespace

int newey_west_lag(std::size_t n) {
  if (n == 0) return 0;
  const double estimate = 4.0 * std::pow(static_cast<double>(n) / 100.0, 2.0 / 9.0);
  auto m = static_cast<std::uint64_t>(std::floor(estimate));
  // pow() may land an ulp below a whole number (n = 51200 gives 15.999...).
  // The floor is the largest m with (m/4)^(9/2) <= n/100, i.e. with
  // m^9 * 100^2 <= 4^9 * n^2: settle it in exact integer arithmetic while the
  // products fit in 128 bits (n up to 10^12, far beyond any trial).
  if (n <= 1'000'000'000'000ULL) {
    __extension__ typedef unsigned __int128 U128;
    const U128 rhs = static_cast<U128>(262144) * n * n;
    const auto fits = [&](std::uint64_t c) {
      U128 p = 10000;
      for (int i = 0; i < 9; ++i) p *= c;
      return p <= rhs;
    };
    while (m > 0 && !fits(m)) --m;
    while (fits(m + 1)) ++m;
  }
  return static_cast<int>(m);
}

Result<Regression> ols_newey_west(std::span<const double> y, std::span<const std::span<const double>> regressors,
                                  std::optional<int> lag) {
  const std::size_t n = y.size();
  const std::size_t k = regressors.size() + 1;

  for (std::size_t j = 0; j < regressors.size(); ++j) {
    if (regressors[j].size() != n)
      return Unexpected{invalid_input(
          regressor_name(j), "has " + std::to_string(regressors[j].size()) + " values but y has " + std::to_string(n))};
  }
  if (lag && *lag < 0) return Unexpected{invalid_input("lag", "must be 0 or more, not " + std::to_string(*lag))};
  if (n <= k)
    return Unexpected{invalid_input("y", "has " + std::to_string(n) + " observations; fitting " + std::to_string(k) +
                                             " coefficients needs at least " + std::to_string(k + 1))};
  for (std::size_t t = 0; t < n; ++t)
    if (!std::isfinite(y[t])) return Unexpected{non_finite("y", t)};
  for (std::size_t j = 0; j < regressors.size(); ++j) {
    const auto column = regressors[j];
    for (std::size_t t = 0; t < n; ++t)
      if (!std::isfinite(column[t])) return Unexpected{non_finite(regressor_name(j), t)};
    if (std::all_of(column.begin(), column.end(), [&](double value) { return value == column[0]; }))
      return Unexpected{
          invalid_input(regressor_name(j), "is constant, so its effect cannot be told apart from the intercept")};
  }

  // X, column-major, intercept first; the QR below overwrites it with R.
  std::vector<double> a(n * k);
  std::fill_n(a.begin(), n, 1.0);
  for (std::size_t j = 1; j < k; ++j)
    std::copy(regressors[j - 1].begin(), regressors[j - 1].end(), a.begin() + static_cast<std::ptrdiff_t>(j * n));
  std::vector<double> original_norm(k);
  for (std::size_t j = 0; j < k; ++j) original_norm[j] = norm2(a.data() + j * n, n);

  // Householder QR, columns in the order given (no pivoting, so each
  // coefficient stays with its regressor). Reflector j acts on rows j..n-1;
  // its vector is kept in v[j] and R's diagonal in r_diag.
  std::vector<std::vector<double>> v(k);
  std::vector<double> beta(k), r_diag(k);
  std::vector<double> qty(y.begin(), y.end());
  for (std::size_t j = 0; j < k; ++j) {
    double* aj = a.data() + j * n + j;
    const std::size_t len = n - j;
    const double remaining = norm2(aj, len);
    // The part of column j that the earlier columns do not explain is
    // `remaining`; below the tolerance, R_jj would be round-off and dividing
    // by it would turn noise into a coefficient. (Never true for the
    // intercept, j = 0: nothing precedes it, so remaining == original.)
    if (remaining <= kCollinearTolerance * original_norm[j])
      return Unexpected{invalid_input(regressor_name(j - 1),
                                      "is (nearly) a linear combination of the intercept and the regressors before it, "
                                      "so its effect cannot be estimated")};
    const double alpha = aj[0] > 0 ? -remaining : remaining;  // no cancellation in aj[0] - alpha
    v[j].assign(aj, aj + len);
    v[j][0] -= alpha;
    beta[j] = -alpha * v[j][0];  // v'v / 2, since v'v = 2 (remaining^2 - alpha aj[0])
    r_diag[j] = alpha;
    aj[0] = alpha;
    for (std::size_t i = 1; i < len; ++i) aj[i] = 0;
    for (std::size_t c = j + 1; c < k; ++c) reflect(v[j].data(), beta[j], a.data() + c * n + j, len);
    reflect(v[j].data(), beta[j], qty.data() + j, len);
  }
  const auto r = [&](std::size_t i, std::size_t j) { return a[j * n + i]; };  // upper triangle, i <= j

  Regression out;
  out.n = n;
  out.coef.assign(k, 0.0);
  for (std::size_t i = k; i-- > 0;) {
    double s = qty[i];
    for (std::size_t j = i + 1; j < k; ++j) s -= r(i, j) * out.coef[j];
    out.coef[i] = s / r_diag[i];
  }

  // Residuals e = Q [0; (Q'y)_k..n-1], as R's qr.resid computes them: more
  // accurate than y - Xb when the fit is close.
  std::vector<double> e = qty;
  std::fill_n(e.begin(), k, 0.0);
  for (std::size_t j = k; j-- > 0;) reflect(v[j].data(), beta[j], e.data() + j, n - j);

  // R^-1 (upper triangular), so that (X'X)^-1 = R^-1 R^-T.
  std::vector<double> rinv(k * k, 0.0);  // row-major k x k
  for (std::size_t j = 0; j < k; ++j) {
    rinv[j * k + j] = 1.0 / r_diag[j];
    for (std::size_t i = j; i-- > 0;) {
      double s = 0;
      for (std::size_t m = i + 1; m <= j; ++m) s += r(i, m) * rinv[m * k + j];
      rinv[i * k + j] = -s / r_diag[i];
    }
  }

  int used_lag = lag.value_or(newey_west_lag(n));
  if (static_cast<std::size_t>(used_lag) >= n) used_lag = static_cast<int>(n - 1);
  out.lag = used_lag;
  const auto big_l = static_cast<std::size_t>(used_lag);

  // The scores u_t = x_t e_t enter only as R^-T u_t = q_t e_t, where q_t is
  // row t of the thin Q: V = R^-1 (sum of w_l q_t e_t e_{t-l} q_{t-l}') R^-T.
  // Working with Q's rows rather than x_t avoids forming the huge entries of
  // S = sum u u' (x_t of 10^7 for day numbers) only to cancel them again with
  // R^-1: shifting a regressor then leaves its standard error unchanged to
  // round-off. Q's columns are Q e_c = H_0 ... H_{k-1} e_c.
  std::vector<double> scores(n * k);  // row-major: scores[t*k + c] = Q(t,c) e_t
  {
    std::vector<double> qc(n);
    for (std::size_t c = 0; c < k; ++c) {
      std::fill(qc.begin(), qc.end(), 0.0);
      qc[c] = 1.0;
      for (std::size_t j = k; j-- > 0;) reflect(v[j].data(), beta[j], qc.data() + j, n - j);
      for (std::size_t t = 0; t < n; ++t) scores[t * k + c] = qc[t] * e[t];
    }
  }

  // The meat in Q coordinates, Gamma_0 + sum_l w_l (Gamma_l + Gamma_l'),
  // with Bartlett weights w_l = 1 - l/(L+1).
  std::vector<double> meat(k * k, 0.0);
  std::vector<double> gamma(k * k);
  for (std::size_t l = 0; l <= big_l; ++l) {
    const double w = 1.0 - static_cast<double>(l) / static_cast<double>(big_l + 1);
    std::fill(gamma.begin(), gamma.end(), 0.0);
    for (std::size_t t = l; t < n; ++t)
      for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j) gamma[i * k + j] += scores[t * k + i] * scores[(t - l) * k + j];
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j < k; ++j)
        meat[i * k + j] += l == 0 ? gamma[i * k + j] : w * (gamma[i * k + j] + gamma[j * k + i]);
  }

  // V = R^-1 meat R^-T.
  std::vector<double> cov(k * k, 0.0);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      double sum = 0;
      for (std::size_t p = i; p < k; ++p)
        for (std::size_t q = j; q < k; ++q) sum += rinv[i * k + p] * meat[p * k + q] * rinv[j * k + q];
      cov[i * k + j] = sum;
    }
  out.se.resize(k);
  // The Bartlett meat is positive semi-definite, so a negative diagonal can
  // only be round-off around zero (a perfect fit).
  for (std::size_t j = 0; j < k; ++j) out.se[j] = std::sqrt(std::max(cov[j * k + j], 0.0));
  return out;
}

}  // namespace trialwise::stats

// Cross-checks random_effects against R's metafor 3.8: rma(yi, sei=se,
// method="REML"), method="DL", test="knha", mods=~baseline, predict() and
// blup(), on 90 generated series: k from 2 to 200, tau^2 zero, moderate and
// large, standard errors alike and very unequal, half with a true baseline
// effect. Every figure must agree to 1e-6 relative; a figure that can be 0
// is compared relative to the larger of its size and its natural scale (a
// coefficient's standard error, tau^2's typical sampling variance, a
// percentage's one point), as 0 in R and 1e-16 here are the same answer.
// Needs Rscript and r-cran-metafor: without them the test FAILS
// (scripts/install-deps --test installs them); it never skips.

#include "trialwise/stats/meta_analysis.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "r_support.hpp"

#ifndef TRIALWISE_STATS_META_R_SCRIPT
#error "TRIALWISE_STATS_META_R_SCRIPT must name tests/meta_analysis.R"
#endif

namespace trialwise::stats {
namespace {

namespace fs = std::filesystem;
using namespace r_support;

constexpr double kMetaforTolerance = 1e-6;
constexpr int kSizes[] = {2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200};
constexpr double kTau2s[] = {0.0, 0.25, 4.0};

struct Series {
  std::string label;
  std::vector<double> y, se, baseline;
};

// Series s: k people, each with a true effect 1 + u_i (+ 0.4 per point of
// baseline above 5 in odd series), u_i ~ N(0, tau^2), measured with error
// se_i: alike (0.3 to 0.5) or very unequal (0.1 to 2, log-uniform).
Series make_series(int s) {
  Draws draws(0x3e7a0000U + static_cast<unsigned>(s));
  const int k = kSizes[static_cast<std::size_t>(s) % std::size(kSizes)];
  const double tau2 = kTau2s[static_cast<std::size_t>(s / static_cast<int>(std::size(kSizes))) % std::size(kTau2s)];
  const bool unequal = s / static_cast<int>(std::size(kSizes) * std::size(kTau2s)) == 1;
  const double slope = s % 2 == 1 ? 0.4 : 0.0;
  Series out;
  out.label = "series " + std::to_string(s) + " (k " + std::to_string(k) + ", tau2 " + std::to_string(tau2) +
              (unequal ? ", unequal se" : ", similar se") + (slope != 0 ? ", baseline effect" : "") + ")";
  for (int i = 0; i < k; ++i) {
    const double se = unequal ? 0.1 * std::pow(20.0, draws.uniform()) : 0.3 + 0.2 * draws.uniform();
    const double baseline = 3.0 + 5.0 * draws.uniform();
    const double truth = 1.0 + slope * (baseline - 5.0) + std::sqrt(tau2) * draws.normal();
    out.y.push_back(truth + se * draws.normal());
    out.se.push_back(se);
    out.baseline.push_back(baseline);
  }
  return out;
}

constexpr int kSeries = static_cast<int>(std::size(kSizes) * std::size(kTau2s) * 2);

// Our figures under the names meta_analysis.R gives R's.
void add_figures(std::map<std::string, double>& out, const std::string& prefix, const MetaAnalysis& fit,
                 const Prediction& pred) {
  out[prefix + ".tau2"] = fit.tau2;
  for (std::size_t j = 0; j < fit.p; ++j) {
    const std::string i = std::to_string(j);
    out[prefix + ".coef" + i] = fit.coef[j];
    out[prefix + ".se" + i] = fit.se[j];
    out[prefix + ".ci_low" + i] = fit.ci_low[j];
    out[prefix + ".ci_high" + i] = fit.ci_high[j];
    out[prefix + ".p_value" + i] = fit.p_value[j];
  }
  out[prefix + ".q"] = fit.q;
  out[prefix + ".q_p_value"] = fit.q_p_value;
  out[prefix + ".i2"] = fit.i2;
  out[prefix + ".h2"] = fit.h2;
  if (fit.p > 1) out[prefix + ".r2"] = fit.r2;
  out[prefix + ".pred"] = pred.estimate;
  out[prefix + ".pred_se"] = pred.se;
  out[prefix + ".pred_ci_low"] = pred.ci_low;
  out[prefix + ".pred_ci_high"] = pred.ci_high;
  out[prefix + ".pi_low"] = pred.pi_low;
  out[prefix + ".pi_high"] = pred.pi_high;
  for (std::size_t i = 0; i < fit.blups.size(); ++i) {
    const std::string n = std::to_string(i);
    out[prefix + ".blup" + n] = fit.blups[i].estimate;
    out[prefix + ".blup_se" + n] = fit.blups[i].se;
    out[prefix + ".blup_low" + n] = fit.blups[i].low;
    out[prefix + ".blup_high" + n] = fit.blups[i].high;
  }
}

// The scale below which a difference in figure `name` is round-off.
double scale_of(const std::string& name, const std::map<std::string, double>& ours, const Series& s) {
  const auto prefix = name.substr(0, name.find('.'));
  const auto figure = name.substr(name.find('.') + 1);
  auto mean_v = 0.0;
  for (double e : s.se) mean_v += e * e / static_cast<double>(s.se.size());
  if (figure == "tau2") return mean_v;
  if (figure == "i2" || figure == "r2" || figure == "h2") return 1.0;
  if (figure.starts_with("p_value") || figure.starts_with("q")) return 0.0;
  if (figure.starts_with("blup")) {
    const auto digits = figure.find_first_of("0123456789");
    return ours.at(prefix + ".blup_se" + figure.substr(digits));
  }
  if (figure.starts_with("pred") || figure.starts_with("pi")) return ours.at(prefix + ".pred_se");
  const auto digits = figure.find_first_of("0123456789");
  return ours.at(prefix + ".se" + figure.substr(digits));  // coef, se, ci
}

// R^2 divides by the model's tau^2 without moderators. Where R's Fisher
// scoring stopped at round-off above the boundary (1e-13) rather than at 0,
// R's R^2 is a ratio of round-off; ours takes that tau^2 as 0 and R^2 as 0.
// Such an R^2 is not compared (and counted, so that it stays rare).
bool r2_undefined_in_r(const std::string& name, const std::map<std::string, double>& r, const Series& s) {
  const double tau2_0 = r.at(name.starts_with("mods_dl") ? "dl.tau2" : "reml.tau2");
  double mean_v = 0;
  for (double e : s.se) mean_v += e * e / static_cast<double>(s.se.size());
  return tau2_0 > 0 && tau2_0 < 1e-9 * mean_v;
}

TEST(MetaAnalysisRCrossCheckTest, AgreesWithMetaforOnGeneratedSeries) {
  ASSERT_TRUE(rscript_on_path())
      << "Rscript is not on PATH: the cross-check against R's metafor needs r-base-core and r-cran-metafor. "
         "Run scripts/install-deps --test";
  TempFolder folder;
  ASSERT_TRUE(folder.ok()) << "cannot create a temporary directory";
  const fs::path in = folder.path() / "in.csv", out = folder.path() / "out.csv", err = folder.path() / "stderr.txt";

  std::vector<Series> series;
  {
    std::ofstream csv(in);
    csv << "series,yi,sei,baseline\n";
    for (int s = 0; s < kSeries; ++s) {
      series.push_back(make_series(s));
      const auto& ser = series.back();
      for (std::size_t i = 0; i < ser.y.size(); ++i)
        csv << s << ',' << hex(ser.y[i]) << ',' << hex(ser.se[i]) << ',' << hex(ser.baseline[i]) << '\n';
    }
    ASSERT_TRUE(csv.good());
  }
  const std::string failure = run_rscript(TRIALWISE_STATS_META_R_SCRIPT, in, out, err);
  ASSERT_TRUE(failure.empty()) << "Rscript failed (is r-cran-metafor installed? run scripts/install-deps --test):\n"
                               << failure;

  std::vector<std::map<std::string, double>> theirs(kSeries);
  {
    std::ifstream results(out);
    for (std::string line; std::getline(results, line);) {
      const auto a = line.find(','), b = line.find(',', a + 1);
      ASSERT_NE(b, std::string::npos) << line;
      const int s = std::stoi(line.substr(0, a));
      ASSERT_TRUE(s >= 0 && s < kSeries) << line;
      theirs[static_cast<std::size_t>(s)][line.substr(a + 1, b - a - 1)] = std::strtod(line.c_str() + b + 1, nullptr);
    }
  }

  double worst = 0;
  std::string worst_where;
  std::size_t compared = 0, zero_tau2 = 0, r2_undefined = 0;
  for (int s = 0; s < kSeries; ++s) {
    const Series& ser = series[static_cast<std::size_t>(s)];
    const std::vector<std::span<const double>> mods{ser.baseline};
    std::map<std::string, double> ours;
    const auto fit_as = [&](const std::string& prefix, std::span<const std::span<const double>> m,
                            const MetaOptions& options) {
      auto fit = random_effects(ser.y, ser.se, m, options);
      ASSERT_TRUE(fit) << ser.label << " " << prefix << ": " << to_string(fit.error());
      const std::vector<double> at(m.size(), 5.0);
      auto pred = predict(*fit, at);
      ASSERT_TRUE(pred);
      add_figures(ours, prefix, *fit, *pred);
    };
    fit_as("reml", {}, {});
    fit_as("dl", {}, {Tau2Method::dl, false});
    fit_as("reml_knha", {}, {Tau2Method::reml, true});
    if (ser.y.size() >= 3) {
      fit_as("mods", mods, {});
      fit_as("mods_dl_knha", mods, {Tau2Method::dl, true});
    }
    const auto& r = theirs[static_cast<std::size_t>(s)];
    ASSERT_FALSE(r.empty()) << ser.label << ": R gave no figures";
    for (const auto& [name, value] : ours) ASSERT_TRUE(r.contains(name)) << ser.label << ": R gave no " << name;
    for (const auto& [name, value] : r) {
      ASSERT_TRUE(ours.contains(name)) << ser.label << ": we have no " << name;
      if (name.ends_with(".r2") && r2_undefined_in_r(name, r, ser)) {
        ++r2_undefined;
        continue;
      }
      const double rel = relative_difference(ours[name], value, scale_of(name, ours, ser));
      EXPECT_LE(rel, kMetaforTolerance) << ser.label << " " << name << ": ours " << hex(ours[name]) << " R "
                                        << hex(value);
      ++compared;
      if (rel > worst) {
        worst = rel;
        worst_where = ser.label + " " + name;
      }
    }
    if (r.at("reml.tau2") == 0) ++zero_tau2;
  }
  // The series must reach both sides of the boundary, or the check proves less than it says.
  EXPECT_GT(zero_tau2, 5U) << "too few series with a REML tau^2 of exactly 0";
  EXPECT_LT(zero_tau2, static_cast<std::size_t>(kSeries) / 2) << "too many series with a REML tau^2 of 0";
  EXPECT_LT(r2_undefined, 5U);
  std::cout << "[ R check  ] " << kSeries << " series, " << compared << " figures, " << zero_tau2 << " with tau2 = 0, "
            << r2_undefined << " R^2 undefined in R; worst relative difference " << worst << " (" << worst_where
            << ")\n";
  RecordProperty("worst_relative_difference", std::to_string(worst));
}

}  // namespace
}  // namespace trialwise::stats

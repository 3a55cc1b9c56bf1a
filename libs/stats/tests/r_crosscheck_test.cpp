// Cross-checks ols_newey_west against R: lm() and sandwich::NeweyWest(fit,
// lag = L, prewhite = FALSE, adjust = FALSE) with L = floor(4*(n/100)^(2/9)).
// Generates 240 simulated AB trials, sends them all to one Rscript run of
// newey_west.R, and requires every coefficient and standard error to agree to
// 1e-9 relative (a coefficient relative to the larger of its size and its
// standard error, since with integer outcomes an effect can be exactly 0 in R
// and 1e-16 here). Needs Rscript and r-cran-sandwich: without them the test
// FAILS (scripts/install-deps --test installs them); it never skips.

#include "trialwise/stats/regression.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "r_support.hpp"

#ifndef TRIALWISE_STATS_R_SCRIPT
#error "TRIALWISE_STATS_R_SCRIPT must name tests/newey_west.R"
#endif

namespace trialwise::stats {
namespace {

namespace fs = std::filesystem;
using namespace r_support;

constexpr int kDatasets = 240;
constexpr double kNeweyWestTolerance = 1e-9;

struct Dataset {
  std::string label;
  std::vector<double> y, phase, day;  // day: the calendar day, kept across gaps
  bool trend = false;
};

// Dataset d: length short (n ~ 10) / medium (30..120) / long (~400); noise
// iid or AR(1) with phi = 0.6; days randomly dropped or not; with or without a
// day-number trend column. 24 combinations, 10 replicates each.
Dataset make_dataset(int d) {
  const std::uint64_t seed = 0x5eed0000U + static_cast<unsigned>(d);
  Draws draws(seed);
  const int length = d % 3;
  const bool ar = (d / 3) % 2 == 1;
  const bool gaps = (d / 6) % 2 == 1;
  const bool trend = (d / 12) % 2 == 1;
  const bool integer_ratings = (d / 24) % 2 == 1;  // like a 0-10 symptom score

  int baseline = 0, active = 0;
  if (length == 0) {
    baseline = draws.integer(5, 7);
    active = draws.integer(5, 7);
  } else if (length == 1) {
    baseline = draws.integer(15, 60);
    active = draws.integer(15, 60);
  } else {
    baseline = draws.integer(180, 220);
    active = draws.integer(180, 220);
  }
  const double level = 3.0 + 4.0 * draws.uniform();
  const double effect = -1.5 + 3.0 * draws.uniform();
  const double slope = trend ? 0.02 * (draws.uniform() - 0.5) : 0.0;
  const double sigma = 0.5 + 2.0 * draws.uniform();
  const double phi = ar ? 0.6 : 0.0;

  Dataset ds;
  ds.trend = trend;
  std::ostringstream label;
  label << "dataset " << d << " ("
        << (length == 0   ? "short"
            : length == 1 ? "medium"
                          : "long")
        << (ar ? ", AR(1)" : ", iid") << (gaps ? ", gaps" : "") << (trend ? ", trend" : "")
        << (integer_ratings ? ", integer y" : "") << ")";
  ds.label = label.str();
  double noise = sigma * draws.normal();  // stationary start
  const int days = baseline + active;
  for (int t = 0; t < days; ++t) {
    if (t > 0) noise = phi * noise + std::sqrt(1.0 - phi * phi) * sigma * draws.normal();
    const bool is_active = t >= baseline;
    // The first and last two days of each phase are always kept, so both
    // phases have data and the design stays full rank.
    const bool edge = t < 2 || (t >= baseline - 2 && t < baseline + 2) || t >= days - 2;
    const bool dropped = gaps && !edge && draws.uniform() < 0.2;
    if (dropped) continue;
    double y = level + (is_active ? effect : 0.0) + slope * t + noise;
    if (integer_ratings) y = std::round(y);
    ds.y.push_back(y);
    ds.phase.push_back(is_active ? 1.0 : 0.0);
    ds.day.push_back(t + 1);
  }
  return ds;
}

TEST(NeweyWestRCrossCheckTest, AgreesWithSandwichOnSimulatedTrials) {
  ASSERT_TRUE(rscript_on_path())
      << "Rscript is not on PATH: the cross-check against R's sandwich package needs r-base-core and "
         "r-cran-sandwich. Run scripts/install-deps --test";

  TempFolder folder;
  ASSERT_TRUE(folder.ok()) << "cannot create a temporary directory";
  const fs::path dir = folder.path();
  const fs::path in = dir / "in.csv", out = dir / "out.csv", err = dir / "stderr.txt";

  std::vector<Dataset> datasets;
  {
    std::ofstream csv(in);
    csv << "dataset,regressors,y,x1,x2\n";
    for (int d = 0; d < kDatasets; ++d) {
      datasets.push_back(make_dataset(d));
      const Dataset& ds = datasets.back();
      for (std::size_t t = 0; t < ds.y.size(); ++t)
        csv << d << ',' << (ds.trend ? 2 : 1) << ',' << hex(ds.y[t]) << ',' << hex(ds.phase[t]) << ','
            << (ds.trend ? hex(ds.day[t]) : "NA") << '\n';
    }
    ASSERT_TRUE(csv.good());
  }

  const std::string failure = run_rscript(TRIALWISE_STATS_R_SCRIPT, in, out, err);
  ASSERT_TRUE(failure.empty()) << "Rscript failed (is r-cran-sandwich installed? run scripts/install-deps --test):\n"
                               << failure;

  std::ifstream results(out);
  std::string line;
  int seen = 0;
  double worst = 0;
  std::string worst_where;
  std::size_t shortest = SIZE_MAX, longest = 0;
  while (std::getline(results, line)) {
    std::vector<std::string> fields;
    std::stringstream fs_line(line);
    for (std::string f; std::getline(fs_line, f, ',');) fields.push_back(f);
    ASSERT_GE(fields.size(), 3U) << line;
    const int d = std::stoi(fields[0]);
    ASSERT_EQ(d, seen) << "R's output is out of order or incomplete";
    ++seen;
    const Dataset& ds = datasets[static_cast<std::size_t>(d)];

    std::vector<std::span<const double>> cols{ds.phase};
    if (ds.trend) cols.emplace_back(ds.day);
    const auto ours = ols_newey_west(ds.y, cols);
    ASSERT_TRUE(ours.has_value()) << ds.label << ": " << to_string(ours.error());
    const std::size_t k = ours->coef.size();
    ASSERT_EQ(fields.size(), 3 + 2 * k) << ds.label << ": " << line;

    EXPECT_EQ(std::stoul(fields[1]), ours->n) << ds.label;
    EXPECT_EQ(std::stoi(fields[2]), ours->lag) << ds.label << ": R's lag differs from newey_west_lag(n)";
    shortest = std::min(shortest, ours->n);
    longest = std::max(longest, ours->n);
    for (std::size_t j = 0; j < 2 * k; ++j) {
      const double theirs = std::strtod(fields[3 + j].c_str(), nullptr);
      const double mine = j < k ? ours->coef[j] : ours->se[j - k];
      const double their_se = std::strtod(fields[3 + k + j % k].c_str(), nullptr);
      const double rel = relative_difference(mine, theirs, j < k ? their_se : 0.0);
      const std::string what = ds.label + (j < k ? " coef " : " se ") + std::to_string(j % k);
      EXPECT_LE(rel, kNeweyWestTolerance) << what << ": ours " << hex(mine) << " R " << hex(theirs);
      if (rel > worst) {
        worst = rel;
        worst_where = what;
      }
    }
  }
  EXPECT_EQ(seen, kDatasets) << "R returned results for " << seen << " of " << kDatasets << " datasets";
  EXPECT_LE(shortest, 12U);
  EXPECT_GE(longest, 380U);
  std::cout << "[ R check  ] " << seen << " datasets, n " << shortest << ".." << longest
            << ", worst relative difference " << worst << " (" << worst_where << ")\n";
  RecordProperty("worst_relative_difference", std::to_string(worst));
}

}  // namespace
}  // namespace trialwise::stats

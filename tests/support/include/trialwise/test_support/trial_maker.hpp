#pragma once

// Generated trials for the tests of the review, the exports and the
// benchmarks: the glutamine gut trial (7
// baseline days from 2026-12-07, 28 active days from 2026-12-14, step 2 of
// 10 g twice daily from 2026-12-21 if tolerated, review on 2027-01-11), with
// day entries drawn from a spec: a level, an effect, noise (optionally
// autocorrelated), a drift, adherence and side effects.

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <vector>

#include <boost/json/parse.hpp>

#include "trialwise/assess/report.hpp"
#include "trialwise/service/from_plan.hpp"
#include "trialwise/test_support/answers.hpp"

namespace trialwise::test_support {

inline model::Trial gut_trial(std::optional<assess::BlockChoices> blocks = std::nullopt) {
  auto answers = gut_answers();
  auto checked = *assess::check_answers(shipped(), answers);
  auto a = *assess::assess(shipped(), checked);
  auto plan =
      *assess::make_plan(shipped(), checked, a,
                         {.start = day("2026-12-07"), .product_name = "Powder", .g_per_serving = 5, .blocks = blocks});
  return service::trial_from_plan(shipped(), plan, assess::to_json(shipped(), checked, a, plan));
}

inline const Date kReviewDate = day("2027-01-11");

/// How the generated days look. The outcome is lower-is-better (gut
/// symptoms): an `effect` of 2 lowers active days' scores by 2.
struct Spec {
  double level = 6;          // baseline mean
  double effect = 0;         // improvement on active days
  double noise = 1;          // standard deviation of the day-to-day noise
  double phi = 0;            // AR(1) autocorrelation of the noise
  double drift_per_day = 0;  // change per day across the whole trial (negative: improving)
  int doses = 2;             // doses taken on each active day
  std::uint64_t seed = 1;
  std::set<int> skipped{};  // day numbers from the start (0-based) not logged
  // Side effects on active day k (0-based from the first active day): id -> score.
  std::function<std::map<std::string, int>(int)> side_effects{};
};

/// A portable normal draw: xorshift-style generator and Box-Muller, so the
/// same seed gives the same trial everywhere.
class Noise {
 public:
  explicit Noise(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  double normal() {
    const double u1 = (static_cast<double>(next() >> 11) + 0.5) / 9007199254740992.0;
    const double u2 = (static_cast<double>(next() >> 11) + 0.5) / 9007199254740992.0;
    return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

/// Entries for every day from the trial's start to the day before `until`,
/// outcomes kept on the 0-10 scale.
inline std::vector<model::DayEntry> generate(const model::Trial& t, const Spec& s, Date until = kReviewDate) {
  std::vector<model::DayEntry> out;
  Noise noise(s.seed);
  double e = 0;
  for (Date d = t.start; d < until; d = d.plus_days(1)) {
    const int k = d.days_since(t.start);
    e = s.phi * e + noise.normal() * s.noise;
    if (s.skipped.count(k)) continue;
    const bool active = model::is_on_day(t, d);
    model::DayEntry entry;
    entry.date = d;
    entry.outcome = std::clamp(s.level + s.drift_per_day * k - (active ? s.effect : 0) + e, 0.0, 10.0);
    entry.doses_taken = active ? s.doses : 0;
    if (active && s.side_effects) entry.side_effects = s.side_effects(d.days_since(t.active_start));
    out.push_back(entry);
  }
  return out;
}

}  // namespace trialwise::test_support

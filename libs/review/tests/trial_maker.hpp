#pragma once

// Generated trials for the review's tests: the glutamine gut trial (7
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
#include "trialwise/trial/from_plan.hpp"

namespace trialwise::review::testing {

inline std::unique_ptr<pack::Pack> fresh_pack() {
  return std::make_unique<pack::Pack>(*pack::load_pack(pack::builtin_pack_text(), pack::kBuiltinPackName));
}

inline const pack::Pack& shipped() {
  static const auto p = fresh_pack();
  return *p;
}

inline Date day(const char* s) { return *Date::parse(s, "test"); }

/// A healthy adult with gut trouble: every basic in place, nothing to avoid.
inline boost::json::value gut_answers() {
  return boost::json::parse(R"({
    "age": 35, "problem": "gut_symptoms", "pregnant": false, "breastfeeding": false,
    "liver_disease": "none", "hepatic_encephalopathy_history": false, "kidney_disease": "none",
    "multiorgan_failure": false, "organ_failure_other": false, "complex_condition": false,
    "cancer_treatment_active": false, "cancer_diagnosis": false, "major_surgery_or_burns_recent": false,
    "nutrition_support": false, "icu_recent": false,
    "neuro_symptoms_unexplained": false, "prescription_count": 0, "supplements": [],
    "sleep_hours": 8, "meals_regular": true, "protein_each_meal": true, "hydration_ok": true,
    "alcohol_heavy": false, "training_hours_per_week": 4, "rest_days_per_week": 2})");
}

inline trial::Trial gut_trial(std::optional<assess::BlockChoices> blocks = std::nullopt) {
  auto answers = gut_answers();
  auto checked = *assess::check_answers(shipped(), answers);
  auto a = *assess::assess(shipped(), checked);
  auto plan = *assess::make_plan(shipped(), checked, a,
                                 {.start = day("2026-12-07"), .product_name = "Powder", .g_per_serving = 5, .blocks = blocks});
  return trial::trial_from_plan(shipped(), plan, assess::to_json(shipped(), checked, a, plan));
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
  std::set<int> skipped{};   // day numbers from the start (0-based) not logged
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
inline std::vector<trial::DayEntry> generate(const trial::Trial& t, const Spec& s, Date until = kReviewDate) {
  std::vector<trial::DayEntry> out;
  Noise noise(s.seed);
  double e = 0;
  for (Date d = t.start; d < until; d = d.plus_days(1)) {
    const int k = d.days_since(t.start);
    e = s.phi * e + noise.normal() * s.noise;
    if (s.skipped.count(k)) continue;
    const bool active = trial::is_on_day(t, d);
    trial::DayEntry entry;
    entry.date = d;
    entry.outcome = std::clamp(s.level + s.drift_per_day * k - (active ? s.effect : 0) + e, 0.0, 10.0);
    entry.doses_taken = active ? s.doses : 0;
    if (active && s.side_effects) entry.side_effects = s.side_effects(d.days_since(t.active_start));
    out.push_back(entry);
  }
  return out;
}

}  // namespace trialwise::review::testing

#pragma once

// Generated trials for the review benchmarks, built the way the review's
// tests build theirs (trialwise/test_support/trial_maker.hpp: the glutamine gut
// trial from the shipped pack, day entries drawn from a Spec with its
// portable noise generator), but 60 days long: 7 baseline days and an active
// period of 53 (PlanChoices::active_days; the gut protocol allows 14 to 56).
//
// make_record(i, seed) varies each trial's outcome (gut symptoms, lower is
// better, or food tolerance, higher is better), start date, level, effect,
// noise, AR(1) autocorrelation, drift, missed days, adherence, side effects
// and, rarely, a red flag. Every draw comes from splitmix64, so a seed gives
// the same trials on every platform.

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include "trialwise/test_support/trial_maker.hpp"
#include "trialwise/assess/report.hpp"
#include "trialwise/stats/randomization.hpp"
#include "trialwise/service/from_plan.hpp"
#include "trialwise/model/trial_json.hpp"

namespace trialwise::bench {

namespace rt = test_support;

inline constexpr int kBaselineDays = 7;
inline constexpr int kActiveDays = 53;  // 7 + 53 = 60 days

/// Uniform draws from splitmix64 (the generator stats uses for block orders).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : state_(seed) {}
  /// In [0, 1).
  double uniform() { return static_cast<double>(stats::detail::splitmix64(state_) >> 11) / 9007199254740992.0; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  int integer(int lo, int hi) { return lo + static_cast<int>(uniform() * (hi - lo + 1)); }  // [lo, hi]
  bool chance(double p) { return uniform() < p; }

 private:
  std::uint64_t state_;
};

/// The gut trial's answers, checked and assessed once.
struct GutPerson {
  assess::Answers answers;
  assess::Assessment assessment;

  static const GutPerson& get() {
    static const GutPerson p = [] {
      auto json = rt::gut_answers();
      auto answers = *assess::check_answers(rt::shipped(), json);
      auto a = *assess::assess(rt::shipped(), answers);
      return GutPerson{std::move(answers), std::move(a)};
    }();
    return p;
  }
};

/// The gut-focused trial of the shipped pack from `start`: 7 baseline days,
/// 53 active days (5 g twice daily, 10 g twice daily from active day 8 if
/// tolerated), review on day 60. `outcome_id` is "gut_symptoms" (lower is
/// better) or "food_tolerance" (higher is better).
inline model::Trial gut_trial_60(Date start, const std::string& outcome_id = "gut_symptoms") {
  const auto& p = GutPerson::get();
  auto plan = *assess::make_plan(rt::shipped(), p.answers, p.assessment,
                                 {.start = start,
                                  .outcome_id = outcome_id,
                                  .product_name = "Powder",
                                  .g_per_serving = 5,
                                  .active_days = kActiveDays});
  return service::trial_from_plan(rt::shipped(), plan, assess::to_json(rt::shipped(), p.answers, p.assessment, plan));
}

/// Entries of `t` drawn from `spec`, from its start to the day before its
/// review date, outcomes rounded to 0.1 (as a slider records them).
inline std::vector<model::DayEntry> entries_for(const model::Trial& t, const rt::Spec& spec) {
  auto entries = rt::generate(t, spec, t.review_date);
  for (auto& e : entries) {
    e.outcome = std::round(e.outcome * 10) / 10;
    e.recorded_at = e.date.to_string() + "T21:00:00Z";
  }
  return entries;
}

/// The one trial of the per-review benchmark: gut symptoms, an improvement
/// of 2 points, noise 1 with AR(1) 0.3, every day logged, every dose taken,
/// mild bloating on active days.
inline model::TrialRecord benchmark_record() {
  model::TrialRecord r;
  r.trial = gut_trial_60(rt::day("2026-12-07"));
  r.trial.id = 1;
  auto bloating = std::make_shared<Draw>(7);
  r.entries =
      entries_for(r.trial, {.effect = 2, .noise = 1, .phi = 0.3, .seed = 1, .side_effects = [bloating](int) {
                              return std::map<std::string, int>{{"bloating", bloating->integer(0, 2)}, {"gas", 0}};
                            }});
  return r;
}

/// Trial number `i` (its id is i + 1) of the generated population for `seed`.
///
/// The mix: a quarter food tolerance (higher is better), the rest gut
/// symptoms; 40% with no effect, the rest an improvement of 0.5 to 3.5
/// points; noise 0.5 to 2; half with AR(1) autocorrelation 0.2 to 0.8; a
/// fifth drifting; most missing up to 5% of days, a fifth 10 to 25%, 1% the
/// whole baseline (then the effect cannot be estimated); a fifth with poor
/// adherence (20 to 60% of days short of doses); side effects: none, mild,
/// rising with the dose step (10%), one day at the stop level (3%) or
/// moderate from the first step (2%); a red flag on one day in 1%.
inline model::TrialRecord make_record(std::size_t i, std::uint64_t seed) {
  Draw d(seed * 0x100000001B3ULL + i);
  const bool higher = d.chance(0.25);
  model::TrialRecord r;
  r.trial =
      gut_trial_60(rt::day("2026-01-05").plus_days(d.integer(0, 364)), higher ? "food_tolerance" : "gut_symptoms");
  r.trial.id = static_cast<model::TrialId>(i + 1);

  rt::Spec s;
  s.seed = seed ^ (0x9E3779B97F4A7C15ULL * (i + 1));
  s.level = higher ? d.uniform(3, 6) : d.uniform(4, 7);
  const double improvement = d.chance(0.4) ? 0.0 : d.uniform(0.5, 3.5);
  s.effect = higher ? -improvement : improvement;  // Spec's effect lowers the outcome
  s.noise = d.uniform(0.5, 2);
  s.phi = d.chance(0.5) ? d.uniform(0.2, 0.8) : 0.0;
  s.drift_per_day = d.chance(0.2) ? d.uniform(-0.05, 0.05) : 0.0;
  const int days = kBaselineDays + kActiveDays;
  const double gap = d.chance(0.2) ? d.uniform(0.10, 0.25) : d.uniform(0, 0.05);
  for (int k = 0; k < days; ++k)
    if (d.chance(gap)) s.skipped.insert(k);
  if (d.chance(0.01))
    for (int k = 0; k < kBaselineDays; ++k) s.skipped.insert(k);

  auto draw = std::make_shared<Draw>(s.seed + 1);
  const double kind = d.uniform();
  if (kind < 0.30) {
    // none logged
  } else if (kind < 0.85) {
    s.side_effects = [draw](int) {
      return std::map<std::string, int>{{"bloating", draw->integer(0, 4) / 2}, {"gas", draw->integer(0, 3) / 2}};
    };
  } else if (kind < 0.95) {  // rising with the dose: step 2 begins on active day 8
    s.side_effects = [draw](int k) {
      return std::map<std::string, int>{{"bloating", k < 7 ? draw->integer(1, 2) : draw->integer(5, 6)}};
    };
  } else if (kind < 0.98) {  // one day at the stop level
    const int bad = d.integer(0, kActiveDays - 1);
    s.side_effects = [draw, bad](int k) {
      return std::map<std::string, int>{{"nausea", k == bad ? draw->integer(7, 8) : draw->integer(0, 2)}};
    };
  } else {  // moderate from the first step
    s.side_effects = [draw](int) { return std::map<std::string, int>{{"bloating", draw->integer(5, 6)}}; };
  }
  r.entries = entries_for(r.trial, s);

  const double short_of_doses = d.chance(0.2) ? d.uniform(0.2, 0.6) : d.uniform(0, 0.1);
  const bool red_flag = d.chance(0.01);
  const int flag_day = d.integer(0, static_cast<int>(r.entries.size()) - 1);
  for (std::size_t k = 0; k < r.entries.size(); ++k) {
    auto& e = r.entries[k];
    if (e.doses_taken.value_or(0) > 0 && d.chance(short_of_doses)) e.doses_taken = d.integer(0, 1);
    e.with_food = d.chance(0.5);
    if (d.chance(0.05)) e.note = "late dinner";
    if (red_flag && static_cast<int>(k) == flag_day) e.red_flags = {"new_neuro_symptoms"};
  }
  return r;
}

}  // namespace trialwise::bench

// gather_figures: one pass over the entries sorts each day into its phase
// (baseline, active, or an off block) and dose step; the counts, adherence,
// side-effect burden and the regressions follow from those days.

#include "figures.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <span>

#include "trialwise/stats/normal.hpp"
#include "trialwise/stats/randomization.hpp"
#include "trialwise/stats/regression.hpp"
#include "trialwise/trial/dose_history.hpp"
#include "trialwise/trial/status.hpp"
#include "words.hpp"

namespace trialwise::review {

namespace {

// The last day the review counts: the day before the review date, or as_of
// (the day before, if as_of is not logged yet: the day is not over), or the
// day the trial ended.
Date last_counted_day(const model::Trial& t, const std::set<Date>& logged, Date as_of) {
  Date last = std::min(as_of, t.review_date.plus_days(-1));
  if (last == as_of && !logged.count(as_of)) last = as_of.plus_days(-1);
  if (t.ended_on) last = std::min(last, *t.ended_on);
  return last;
}

void count_planned_days(const model::Trial& t, Date as_of, Date last, const trial::DoseHistory& doses, Review& r,
                        double& doses_planned) {
  const Date baseline_last = std::min(t.active_start.plus_days(-1), as_of);
  r.days.baseline_planned = std::max(0, baseline_last.days_since(t.start) + 1);
  for (Date d = t.active_start; d <= last; d = d.plus_days(1)) {
    if (model::is_on_day(t, d)) {
      ++r.days.active_planned;
      if (!t.steps.empty()) doses_planned += t.steps[doses.step_on(d)].times_per_day;
    } else {
      ++r.days.off_planned;
    }
  }
}

struct SideEffectDays {
  double sum = 0;
  int days = 0, moderate = 0, worst = 0;
  std::map<int, std::pair<double, int>> by_step;  // step index -> (sum, days)
};

void summarize_side_effects(const pack::Pack& pack, const std::map<std::string, SideEffectDays>& seen, double moderate,
                            Review& r, Figures& f) {
  for (const auto& s : pack.side_effects) {
    const auto it = seen.find(s.id);
    if (it == seen.end() || it->second.days == 0) continue;
    const auto& d = it->second;
    SideEffectSummary out;
    out.id = s.id;
    out.label = s.label;
    out.mean = d.sum / d.days;
    out.days_at_or_above_moderate = d.moderate;
    out.worst = d.worst;
    const int steps = d.by_step.empty() ? 0 : d.by_step.rbegin()->first + 1;
    out.mean_by_step.assign(static_cast<std::size_t>(steps), 0.0);
    for (const auto& [step, sum_days] : d.by_step)
      out.mean_by_step[static_cast<std::size_t>(step)] = sum_days.first / sum_days.second;
    // A rise of a point or more from step 1 to the highest step reached.
    out.rose_with_dose =
        d.by_step.size() >= 2 && d.by_step.count(0) && out.mean_by_step.back() >= out.mean_by_step.front() + 1.0;
    if (out.rose_with_dose && out.mean_by_step.back() >= moderate && f.higher_step_burden.empty())
      f.higher_step_burden = s.label + " rose with the dose to " + number(round1(out.mean_by_step.back())) +
                             "/10 at step " + std::to_string(steps) + " (" + number(round1(out.mean_by_step.front())) +
                             "/10 at step 1)";
    r.side_effects.push_back(std::move(out));
  }
}

// The phase effect and the trend check, from the counted days.
void fit_effect(const model::Trial& t, const std::vector<double>& y, const std::vector<double>& on,
                const std::vector<double>& day, Review& r, Figures& f) {
  const double sign = t.outcome_higher_is_better ? 1.0 : -1.0;
  const std::array<std::span<const double>, 1> phase{std::span<const double>(on)};
  auto fit = stats::ols_newey_west(y, phase);
  if (!fit) {
    f.fit_problem = fit.error().message;
    return;
  }
  Effect e;
  e.estimate = sign * fit->coef[1];
  e.se = fit->se[1];
  const double z = stats::normal_quantile(0.975);
  e.ci_low = e.estimate - z * e.se;
  e.ci_high = e.estimate + z * e.se;
  e.p_meaningful = e.se > 0 ? stats::normal_cdf((e.estimate - r.smallest_meaningful_change) / e.se)
                            : (e.estimate >= r.smallest_meaningful_change ? 1.0 : 0.0);
  e.control_mean = fit->coef[0];
  e.active_mean = fit->coef[0] + fit->coef[1];
  e.n = static_cast<int>(fit->n);
  e.lag = fit->lag;
  r.effect = e;

  const std::array<std::span<const double>, 2> with_time{std::span<const double>(on), std::span<const double>(day)};
  auto trend = stats::ols_newey_west(y, with_time);
  if (!trend) return;  // e.g. one day per phase: no trend to separate
  TrendCheck c;
  c.estimate = sign * trend->coef[1];
  c.se = trend->se[1];
  c.trend_per_week = sign * trend->coef[2] * 7;
  c.explains_benefit = c.estimate < r.smallest_meaningful_change;
  r.trend = c;
}

void randomization_test(const model::Trial& t, const std::vector<stats::BlockObservation>& obs, Review& r) {
  if (!t.blocks) return;
  std::vector<bool> on_vec = t.blocks->on;
  std::unique_ptr<bool[]> on(new bool[on_vec.size()]);
  for (std::size_t i = 0; i < on_vec.size(); ++i) on[i] = on_vec[i];
  auto test = stats::block_randomization_test(obs, std::span<const bool>(on.get(), on_vec.size()),
                                              t.outcome_higher_is_better ? 1 : -1);
  if (!test) return;  // e.g. no day logged in any off block yet
  r.randomization = Randomization{test->observed, test->p_value, test->orders};
}

}  // namespace

Figures gather_figures(const pack::Pack& pack, const model::Trial& t, const std::vector<model::DayEntry>& entries,
                       Date as_of, double moderate, Review& r) {
  Figures f;
  std::vector<const model::DayEntry*> days;
  std::set<Date> logged;
  for (const auto& e : entries)
    if (e.date >= t.start && e.date <= as_of) {
      days.push_back(&e);
      logged.insert(e.date);
    }
  std::sort(days.begin(), days.end(), [](const auto* a, const auto* b) { return a->date < b->date; });

  const Date last = last_counted_day(t, logged, as_of);
  const trial::MemoryLog log(entries);
  // An in-memory log cannot fail.
  const trial::DoseHistory doses = *trial::replay_doses(pack, t, log, std::max(last, t.active_start));
  f.upset_stop = doses.upset_stop;
  double doses_planned = 0, doses_taken = 0;
  count_planned_days(t, as_of, last, doses, r, doses_planned);

  std::set<std::string> flags;
  std::map<std::string, SideEffectDays> seen;
  std::vector<double> y, on, day;
  std::vector<stats::BlockObservation> block_obs;
  for (const auto* e : days) {
    flags.insert(e->red_flags.begin(), e->red_flags.end());
    Point p{e->date, e->outcome, Point::Phase::baseline, 0};
    if (e->date >= t.active_start) {
      if (e->date > last) continue;  // past the review date: the next review's days
      const bool active = model::is_on_day(t, e->date);
      if (!active && e->other_product) {  // no control day: left out of the comparison
        ++r.days.other_product_control;
        continue;
      }
      p.phase = active ? Point::Phase::active : Point::Phase::off;
      if (const int block = model::block_of(t, e->date); block >= 0) block_obs.push_back({block, e->outcome});
      if (active) {
        const int step = static_cast<int>(doses.step_on(e->date));
        p.step = step + 1;
        ++r.days.active;
        // Another product that day: the trial's doses count as missed.
        if (e->other_product)
          ++r.days.other_product_active;
        else
          doses_taken += e->doses_taken.value_or(0);
        for (const auto& [id, score] : e->side_effects) {
          auto& s = seen[id];
          s.sum += score;
          ++s.days;
          s.worst = std::max(s.worst, score);
          auto& [step_sum, step_days] = s.by_step[step];
          step_sum += score;
          ++step_days;
          if (score >= moderate) {
            ++s.moderate;
            if (step > 0) {
              const std::string what = id + " " + std::to_string(score) + "/10 on " + e->date.to_string();
              if (f.higher_step_burden.empty())
                f.higher_step_burden = "side effects reached the step-down level at a higher step (" + what + ")";
            }
          }
          if (!f.worst_active || score > std::get<0>(*f.worst_active)) f.worst_active = std::tuple{score, id, e->date};
        }
      } else {
        ++r.days.off;
      }
    } else {
      if (e->other_product) {  // no baseline day: left out of the comparison
        ++r.days.other_product_control;
        continue;
      }
      ++r.days.baseline;
    }
    r.series.push_back(p);
    y.push_back(e->outcome);
    on.push_back(p.phase == Point::Phase::active ? 1.0 : 0.0);
    day.push_back(e->date.days_since(t.start));
  }
  r.red_flags.assign(flags.begin(), flags.end());
  if (doses_planned > 0) r.adherence = doses_taken / doses_planned;
  summarize_side_effects(pack, seen, moderate, r, f);
  fit_effect(t, y, on, day, r, f);
  randomization_test(t, block_obs, r);
  return f;
}

}  // namespace trialwise::review

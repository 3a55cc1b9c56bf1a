// review_trial: the figures first (days, adherence, side effects, the
// effect), then the verdict from them, most urgent first. The words for each
// reason live here too, next to the threshold they explain.

#include "trialwise/review/review.hpp"

#include <algorithm>
#include <cmath>

#include "figures.hpp"
#include "trialwise/trial/status.hpp"
#include "words.hpp"

namespace trialwise::review {

std::string_view to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::continue_trial: return "continue";
    case Verdict::stop_no_clear_benefit: return "stop_no_clear_benefit";
    case Verdict::stop_side_effects: return "stop_side_effects";
    case Verdict::reduce_dose: return "reduce_dose";
    case Verdict::inconclusive: return "inconclusive";
    case Verdict::see_clinician: return "see_clinician";
    case Verdict::stop_take_a_break: return "stop_take_a_break";
  }
  return "inconclusive";
}

namespace {

double action_level(const pack::Pack& pack, std::string_view id, double fallback) {
  for (const auto& a : pack.side_effect_actions)
    if (a.id == id) return a.at_least;
  return fallback;
}

// A red flag logged: see a clinician, whatever the figures say.
bool check_red_flags(const pack::Pack& pack, Review& r) {
  if (r.red_flags.empty()) return false;
  r.verdict = Verdict::see_clinician;
  for (const auto& f : pack.red_flags)
    if (std::find(r.red_flags.begin(), r.red_flags.end(), f.id) != r.red_flags.end())
      r.reasons.push_back(f.label + " was logged: " + f.action);
  return true;
}

// A side effect at the stop level on any active day, or one at the
// step-down level on average even at the first step: stop.
bool check_side_effects(const pack::Pack& pack, const Figures& f, double stop_level, double moderate, Review& r) {
  if (f.upset_stop && pack.tolerance.repeated_upset) {
    r.verdict = Verdict::stop_side_effects;
    r.reasons.push_back(pack.tolerance.repeated_upset->text + " (from " + f.upset_stop->to_string() + ")");
    return true;
  }
  if (f.worst_active) {
    const auto& [score, id, date] = *f.worst_active;
    if (score >= stop_level) {
      r.verdict = Verdict::stop_side_effects;
      r.reasons.push_back(label_of(r, id) + " scored " + number(score) + "/10 on " + date.to_string() +
                          ", at or above the stop level (" + number(stop_level) +
                          "/10): a side effect this strong is information, not something to push through.");
      return true;
    }
  }
  for (const auto& s : r.side_effects) {
    if (!s.mean_by_step.empty() && s.mean_by_step.front() >= moderate) {
      r.verdict = Verdict::stop_side_effects;
      r.reasons.push_back(s.label + " averaged " + number(round1(s.mean_by_step.front())) +
                          "/10 even at the first dose step (the step-down level is " + number(moderate) +
                          "/10): there is no lower step to go back to.");
      return true;
    }
  }
  return false;
}

// Too early, too few days or too few doses: say what is missing.
bool check_enough(const pack::ReviewPolicy& policy, const model::Trial& t, Review& r) {
  if (!r.review_date_reached)
    r.missing.push_back("the review date, " + t.review_date.to_string() + " (" +
                        std::to_string(t.review_date.days_since(r.as_of)) +
                        " days from now): judging before the planned date reads noise as signal");
  const int control = r.days.baseline + r.days.off;
  if (control < policy.min_baseline_days)
    r.missing.push_back(std::to_string(policy.min_baseline_days - control) + " more day(s) without " +
                        "the supplement logged (" + std::to_string(control) + " logged, at least " +
                        std::to_string(policy.min_baseline_days) + " needed)");
  if (r.days.active < policy.min_active_days)
    r.missing.push_back(std::to_string(policy.min_active_days - r.days.active) +
                        " more day(s) on the supplement logged (" + std::to_string(r.days.active) +
                        " logged, at least " + std::to_string(policy.min_active_days) + " needed)");
  if (r.days.active > 0 && r.adherence.value_or(0) < policy.adherence_threshold)
    r.missing.push_back("doses taken as planned: " + percent(r.adherence.value_or(0)) +
                        " of planned doses were logged as taken (at least " + percent(policy.adherence_threshold) +
                        " needed); log the doses you take each day");
  if (r.missing.empty()) return false;
  r.verdict = Verdict::inconclusive;
  r.reasons.push_back("Not enough to judge yet.");
  return true;
}

}  // namespace

Review review_trial(const pack::Pack& pack, const model::Trial& t, const std::vector<model::DayEntry>& entries,
                    Date as_of) {
  const auto& policy = pack.review;
  Review r;
  r.as_of = as_of;
  r.review_date = t.review_date;
  r.review_date_reached = as_of >= t.review_date;
  r.higher_is_better = t.outcome_higher_is_better;
  r.smallest_meaningful_change = policy.smallest_meaningful_change;
  r.certainty = policy.clear_benefit_probability;
  const auto* outcome = pack.find_outcome(t.outcome_id);
  r.outcome_label = outcome != nullptr ? outcome->label : t.outcome_id;
  if (outcome != nullptr) {
    r.scale_min = outcome->scale_min;
    r.scale_max = outcome->scale_max;
  }

  const double moderate = action_level(pack, "step_down", 5);
  const double stop_level = action_level(pack, "stop", 7);
  const Figures f = gather_figures(pack, t, entries, as_of, moderate, r);
  r.caveats = design_caveats(t, r);
  if (const int n = r.days.other_product_active + r.days.other_product_control; n > 0)
    r.caveats.push_back("On " + std::to_string(n) + " day(s) another product with the supplement was taken, which " +
                        "the plan asks to pause: on days of the trial its doses count as missed, and days without " +
                        "the trial's supplement are left out of the comparison.");

  if (check_red_flags(pack, r) || check_side_effects(pack, f, stop_level, moderate, r) || check_enough(policy, t, r))
    return r;

  if (!r.effect) {
    r.verdict = Verdict::inconclusive;
    r.reasons.push_back("The effect could not be estimated: " + f.fit_problem);
    r.missing.push_back("days with different scores in both phases");
    return r;
  }
  const auto& e = *r.effect;
  const bool clear = e.p_meaningful >= policy.clear_benefit_probability && !(r.trend && r.trend->explains_benefit);
  if (!clear) {
    r.verdict = Verdict::stop_no_clear_benefit;
    r.reasons.push_back(benefit_sentence(r));
    if (e.p_meaningful >= policy.clear_benefit_probability && r.trend) r.reasons.push_back(trend_sentence(r));
    r.reasons.push_back("A supplement that is not helping does not earn a permanent place.");
    return r;
  }
  r.reasons.push_back(benefit_sentence(r));
  // Never past the protocol's longest duration: then a break, and a fresh
  // baseline before any later trial.
  const auto* protocol = pack.find_protocol(t.protocol_id);
  const int longest = protocol ? protocol->active_days.max_days : policy.next_review_days;
  const Date ceiling = t.active_start.plus_days(longest);
  if (as_of >= ceiling) {
    r.verdict = Verdict::stop_take_a_break;
    r.reasons.push_back("The trial has reached " + std::to_string(longest) + " days since the first active day, the " +
                        "longest this protocol runs: stop and take a break. A supplement should not drift into a " +
                        "routine forever; a later trial starts again with a fresh baseline.");
    return r;
  }
  r.next_review_date = std::min(as_of.plus_days(policy.next_review_days), ceiling);
  if (!f.higher_step_burden.empty()) {
    r.verdict = Verdict::reduce_dose;
    r.reasons.push_back("But " + f.higher_step_burden + ".");
    r.reasons.push_back("Go back to the dose of step 1, which helped with fewer side effects, and review again on " +
                        r.next_review_date->to_string() + ".");
    return r;
  }
  r.verdict = Verdict::continue_trial;
  r.reasons.push_back("Side effects were tolerable. Continue at the same dose and review again on " +
                      r.next_review_date->to_string() + ": a supplement keeps its place only while it keeps helping.");
  return r;
}

}  // namespace trialwise::review

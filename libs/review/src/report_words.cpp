// describe: the review in plain words. The verdict and what to do come
// first; the figures behind them follow; what the design cannot rule out
// closes, so that nobody reads a verdict without its limits.

#include <cmath>
#include <ostream>

#include "trialwise/core/text.hpp"
#include "trialwise/review/report.hpp"
#include "words.hpp"

namespace trialwise::review {

namespace {

std::string headline(Verdict v) {
  switch (v) {
    case Verdict::continue_trial: return "Continue: a clear benefit, with side effects you can live with.";
    case Verdict::stop_no_clear_benefit: return "Stop: no clear benefit.";
    case Verdict::stop_side_effects: return "Stop: side effects.";
    case Verdict::reduce_dose: return "Reduce the dose: a clear benefit, but side effects came with the higher dose.";
    case Verdict::inconclusive: return "Inconclusive: not enough to judge yet.";
    case Verdict::see_clinician: return "Stop and see a clinician: a red flag was logged.";
    case Verdict::stop_take_a_break:
      return "Stop and take a break: it helped, but the trial has run as long as its protocol allows.";
  }
  return "";
}

}  // namespace

void describe(const Review& r, std::ostream& out) {
  out << wrap("Review on " + r.as_of.to_string() + ": " + headline(r.verdict), 2) << "\n";
  for (const auto& reason : r.reasons) out << wrap("  " + reason, 2) << "\n";
  if (!r.missing.empty()) {
    out << "\nWhat is missing:\n";
    for (const auto& m : r.missing) out << wrap("  - " + m, 4) << "\n";
  }
  if (r.next_review_date) out << "\nNext review: " << r.next_review_date->to_string() << "\n";

  out << "\nThe figures:\n";
  if (r.effect) {
    const auto& e = *r.effect;
    out << wrap("  " + r.outcome_label + " (" + number(r.scale_min) + "-" + number(r.scale_max) + ", " +
                    (r.higher_is_better ? "higher" : "lower") + " is better): mean " + number(round1(e.control_mean)) +
                    " without, " + number(round1(e.active_mean)) + " with the supplement.",
                4)
        << "\n";
    out << wrap("  Improvement " + number(round1(e.estimate)) + " (standard error " +
                    number(std::round(e.se * 100) / 100) + ", 95% interval " + number(round1(e.ci_low)) + " to " +
                    number(round1(e.ci_high)) + "); chance it is at least " + number(r.smallest_meaningful_change) +
                    ": " + percent(e.p_meaningful) + ".",
                4)
        << "\n";
    if (r.trend)
      out << wrap("  Allowing for a steady drift (" + number(round1(r.trend->trend_per_week)) +
                      " a week): improvement " + number(round1(r.trend->estimate)) + ".",
                  4)
          << "\n";
  }
  if (r.randomization)
    out << "  Randomization test: p = " << number(std::round(r.randomization->p_value * 1000) / 1000) << " over "
        << r.randomization->orders << " admissible orders\n";
  out << "  Days logged: baseline " << r.days.baseline << " of " << r.days.baseline_planned << ", on the supplement "
      << r.days.active << " of " << r.days.active_planned;
  if (r.days.off_planned > 0) out << ", off blocks " << r.days.off << " of " << r.days.off_planned;
  out << "\n";
  if (r.adherence) out << "  Adherence: " << percent(*r.adherence) << " of planned doses taken\n";
  for (const auto& s : r.side_effects) {
    std::string line = "  " + s.label + ": mean " + number(round1(s.mean)) + "/10, worst " + std::to_string(s.worst) +
                       "/10, " + std::to_string(s.days_at_or_above_moderate) +
                       " day(s) at the step-down level or above";
    if (s.mean_by_step.size() > 1) {
      line += "; by step:";
      for (std::size_t k = 0; k < s.mean_by_step.size(); ++k) line += " " + number(round1(s.mean_by_step[k]));
      if (s.rose_with_dose) line += " (rose with the dose)";
    }
    out << wrap(line, 4) << "\n";
  }

  if (!r.caveats.empty()) {
    out << "\nWhat this trial cannot rule out:\n";
    for (const auto& c : r.caveats) out << wrap("  - " + c, 4) << "\n";
  }
}

}  // namespace trialwise::review

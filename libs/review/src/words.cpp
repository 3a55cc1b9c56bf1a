#include "words.hpp"

#include <cmath>

#include "trialwise/json/text.hpp"

namespace trialwise::review {

std::string number(double d) { return json::number_text((d)); }

double round1(double d) { return std::round(d * 10) / 10; }

std::string percent(double share) { return number(std::round(share * 100)) + "%"; }

std::string label_of(const Review& r, const std::string& id) {
  for (const auto& s : r.side_effects)
    if (s.id == id) return s.label;
  return id;
}

std::string benefit_sentence(const Review& r) {
  const auto& e = *r.effect;
  const double shown = round1(e.estimate);
  std::string change = shown > 0   ? "improved by " + number(shown) + " point(s)"
                       : shown < 0 ? "got worse by " + number(-shown) + " point(s)"
                                   : "did not change";
  return r.outcome_label + " " + change + " on the days you took it (95% interval " + number(round1(e.ci_low)) +
         " to " + number(round1(e.ci_high)) + "). The chance that the improvement is at least " +
         number(r.smallest_meaningful_change) + " point(s), the smallest change that matters, is " +
         percent(e.p_meaningful) + "; a clear benefit needs " + percent(r.certainty) + ".";
}

std::string trend_sentence(const Review& r) {
  const auto& c = *r.trend;
  return "But your scores were already drifting by " + number(round1(c.trend_per_week)) +
         " point(s) a week across the whole trial; allowing for that drift, the improvement is " +
         number(round1(c.estimate)) + " point(s), below the smallest change that matters. An improvement that was " +
         "under way anyway cannot be credited to the supplement.";
}

std::vector<std::string> design_caveats(const model::Trial& t, const Review& r) {
  std::vector<std::string> out;
  if (t.blocks) {
    out.push_back("You knew which blocks were on: expecting to feel better can still move the scores.");
    out.push_back(
        "The random order of the blocks guards against a change in season, training or stress, and "
        "against scores drifting back toward your usual level.");
    if (r.randomization)
      out.push_back("The randomization test compares your order with all " + std::to_string(r.randomization->orders) +
                    " orders the design allowed: p = " + number(std::round(r.randomization->p_value * 1000) / 1000) +
                    (r.randomization->orders <= 8 ? " (with so few blocks, p cannot be small; more blocks give "
                                                    "stronger evidence)."
                                                  : "."));
    return out;
  }
  out.push_back(
      "This was an open before-and-after trial. It cannot rule out expectation effects (you knew when "
      "you were taking it), regression to the mean (trials often begin when symptoms are at their "
      "worst, and they tend to ease on their own), or a change in season, training, diet or stress "
      "between the phases.");
  out.push_back(
      "For stronger evidence, plan the next trial with the block design: it switches on and off in a random "
      "order fixed in advance.");
  return out;
}

}  // namespace trialwise::review

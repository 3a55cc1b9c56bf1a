#include "words.hpp"

#include <cmath>
#include <cstdio>

#include "trialwise/core/text.hpp"

namespace trialwise::series {
namespace {

std::string points(double d) { return one_decimal(d) + (one_decimal(std::abs(d)) == "1.0" ? " point" : " points"); }

std::string people(std::size_t n) { return std::to_string(n) + (n == 1 ? " client" : " clients"); }

// How much people differed, from I² (Higgins' rough bands), always with the
// figure: the prediction interval that follows says it in the outcome's units.
std::string differed(double i2) {
  if (i2 < 25) return "people responded much alike";
  if (i2 < 50) return "people differed somewhat";
  if (i2 < 75) return "people differed";
  return "people differed a lot";
}

std::string change_words(const Series& s, double estimate) {
  return s.outcome_label + (estimate >= 0 ? " improved by " : " got worse by ") + points(std::abs(estimate));
}

// "Gut-focused trial" stays as it is; "Athletic use" becomes "Athletic use trial".
std::string trial_name(const std::string& protocol_label) {
  return ascii_lower(protocol_label).find("trial") == std::string::npos ? protocol_label + " trial" : protocol_label;
}

}  // namespace

std::string one_decimal(double d) {
  double r = std::round(d * 10) / 10;
  if (r == 0) r = 0;  // no "-0.0"
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", r);
  return buf;
}

std::string whole_percent(double percent) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", percent);
  return buf;
}

void explain(Series& s) {
  s.words.clear();
  s.caveats.clear();
  const std::string trial = trial_name(s.protocol_label);
  const std::size_t k = s.people.size();
  if (!s.pooled) {
    s.words.push_back(k == 0
                          ? "No client's " + trial + " has reached a review with an estimable effect yet; at least " +
                                std::to_string(kMinPeople) + " are needed for an estimate for the group."
                          : "Only " + people(k) + " reached a review of the " + trial +
                                " with an estimable effect; at least " + std::to_string(kMinPeople) +
                                " are needed for an estimate for the group. Each is listed with its own result.");
  } else {
    const auto& fit = s.pooled->fit;
    const auto& pred = s.pooled->prediction;
    s.words.push_back("In " + people(k) + " whose " + trial + " reached its review, " + change_words(s, fit.coef[0]) +
                      " on average (95% CI " + one_decimal(fit.ci_low[0]) + " to " + one_decimal(fit.ci_high[0]) +
                      "); " + differed(fit.i2) + " (I² " + whole_percent(fit.i2) +
                      "): for a new client, the likely range is " + one_decimal(pred.pi_low) + " to " +
                      one_decimal(pred.pi_high) + " points of improvement.");
    s.words.push_back("The chance that a new client improves by at least " + points(s.smallest_meaningful_change) +
                      " (the smallest change that matters) is about " +
                      whole_percent(100 * s.pooled->p_new_meaningful) + ".");
    if (s.moderator) {
      const auto& m = s.moderator->fit;
      s.words.push_back(
          "By baseline severity: each point higher at the start went with " + one_decimal(std::abs(m.coef[1])) +
          (m.coef[1] >= 0 ? " more" : " less") + " points of improvement (95% CI " + one_decimal(m.ci_low[1]) + " to " +
          one_decimal(m.ci_high[1]) + ")" + (m.ci_low[1] > 0 || m.ci_high[1] < 0 ? "." : "; this could be chance."));
    } else if (!s.moderator_note.empty()) {
      s.words.push_back(s.moderator_note);
    }
  }
  if (!s.apart.empty())
    s.words.push_back(std::to_string(s.apart.size()) + (s.apart.size() == 1 ? " trial is" : " trials are") +
                      " listed apart and not counted (not reviewed yet, inconclusive, or an earlier trial of the "
                      "same client).");

  s.caveats.push_back(
      "Every trial was open-label: people knew when they were taking it, and expecting to feel better can make "
      "people feel better.");
  s.caveats.push_back(
      "Only clients who chose to run the trial and to share their review are counted; they may differ from those "
      "who did not.");
  s.caveats.push_back(
      "Trials that stopped before their review, or could not be judged, are not in the average; a series of the "
      "ones that finished can look better than the whole group would.");
  if (s.pooled && k < kMinPeopleForModerator)
    s.caveats.push_back("With fewer than " + std::to_string(kMinPeopleForModerator) +
                        " clients, how much people differ (I², the likely range for a new client) is only a rough "
                        "estimate.");
  if (s.moderator)
    s.caveats.push_back(
        "A link with baseline severity is an association across clients, not proof: those who start worse tend to "
        "score better later even without any supplement (regression to the mean).");
  s.caveats.push_back("This pools your clients' own numbers; it is not a clinical trial and not medical advice.");
}

}  // namespace trialwise::series

// Which trials are pooled, and the pooling.

#include <algorithm>
#include <map>

#include "trialwise/series/series.hpp"
#include "words.hpp"

namespace trialwise::series {
namespace {

std::string label_of(const ReviewedTrial& t) { return t.label.empty() ? "trial " + std::to_string(t.trial) : t.label; }

// A person's trial that can be pooled: reviewed, judged, with an effect.
std::optional<Apart> why_apart(const ReviewedTrial& t) {
  if (!t.reviewed_on) return Apart::not_reviewed_yet;
  if (t.review.verdict == review::Verdict::inconclusive) return Apart::inconclusive;
  if (!t.review.effect || !(t.review.effect->se > 0)) return Apart::no_estimate;
  return std::nullopt;
}

Left left_of(const ReviewedTrial& t, Apart why) {
  Left l{label_of(t), t.trial, why, std::nullopt, {}};
  if (t.reviewed_on) l.verdict = t.review.verdict;
  if (why == Apart::inconclusive) l.detail = t.review.missing;
  return l;
}

// Later reviewed trials of one person win; then the later start, then the
// larger id, so the choice does not depend on the order trials came in.
bool later(const ReviewedTrial& a, const ReviewedTrial& b) {
  if (*a.reviewed_on != *b.reviewed_on) return *b.reviewed_on < *a.reviewed_on;
  if (a.start != b.start) return b.start < a.start;
  return a.trial > b.trial;
}

}  // namespace

std::string_view to_string(Apart a) noexcept {
  switch (a) {
    case Apart::not_reviewed_yet: return "not_reviewed_yet";
    case Apart::inconclusive: return "inconclusive";
    case Apart::no_estimate: return "no_estimate";
    case Apart::earlier_trial: return "earlier_trial";
  }
  return "not_reviewed_yet";
}

Result<Series> pool(const pack::Pack& pack, const std::string& protocol_id, const std::string& outcome_id,
                    std::vector<ReviewedTrial> trials, Date as_of, const Options& options) {
  const auto* protocol = pack.find_protocol(protocol_id);
  if (!protocol)
    return Unexpected{invalid_input("protocol", "the pack " + pack.id + " has no protocol \"" + protocol_id + "\"")};
  const auto* outcome = pack.find_outcome(outcome_id);
  if (!outcome)
    return Unexpected{invalid_input("outcome", "the pack " + pack.id + " has no outcome \"" + outcome_id + "\"")};

  Series s;
  s.as_of = as_of;
  s.protocol_id = protocol->id;
  s.protocol_label = protocol->label;
  s.outcome_id = outcome->id;
  s.outcome_label = outcome->label;
  s.scale_min = outcome->scale_min;
  s.scale_max = outcome->scale_max;
  s.higher_is_better = outcome->higher_is_better;
  s.smallest_meaningful_change = pack.review.smallest_meaningful_change;
  s.options = options;

  // The same people in any order give the same series, row for row.
  std::stable_sort(trials.begin(), trials.end(), [](const ReviewedTrial& a, const ReviewedTrial& b) {
    const auto la = label_of(a), lb = label_of(b);
    return la != lb ? la < lb : a.trial < b.trial;
  });
  // One trial per person: of a labelled person's poolable trials, the latest.
  std::map<std::string, const ReviewedTrial*> latest;
  for (const auto& t : trials) {
    if (t.label.empty() || why_apart(t)) continue;
    auto [at, fresh] = latest.emplace(t.label, &t);
    if (!fresh && later(t, *at->second)) at->second = &t;
  }
  for (const auto& t : trials) {
    if (auto why = why_apart(t)) {
      s.apart.push_back(left_of(t, *why));
      continue;
    }
    if (!t.label.empty() && latest.at(t.label) != &t) {
      s.apart.push_back(left_of(t, Apart::earlier_trial));
      continue;
    }
    const auto& e = *t.review.effect;
    s.people.push_back(Person{label_of(t), t.trial, *t.reviewed_on, e.estimate, e.se, e.ci_low, e.ci_high,
                              e.control_mean, e.n, 0, std::nullopt});
  }

  if (s.people.size() >= kMinPeople) {
    std::vector<double> y, se, baseline;
    for (const auto& p : s.people) {
      y.push_back(p.estimate);
      se.push_back(p.se);
      baseline.push_back(p.baseline_mean);
    }
    const stats::MetaOptions meta{options.method, options.knapp_hartung};
    auto fit = stats::random_effects(y, se, {}, meta);
    if (!fit) return Unexpected{fit.error()};
    auto prediction = stats::predict(*fit);
    if (!prediction) return Unexpected{prediction.error()};
    const double p_new = stats::probability_at_least(*fit, *prediction, s.smallest_meaningful_change);
    double total_weight = 0;
    for (double e : se) total_weight += 1.0 / (e * e + fit->tau2);
    for (std::size_t i = 0; i < s.people.size(); ++i) {
      s.people[i].weight = 100.0 / (se[i] * se[i] + fit->tau2) / total_weight;
      s.people[i].shrunken = fit->blups[i];
    }
    s.pooled = Pooled{std::move(*fit), *prediction, p_new};

    const bool baselines_differ =
        std::any_of(baseline.begin(), baseline.end(), [&](double b) { return b != baseline.front(); });
    if (s.people.size() < kMinPeopleForModerator) {
      s.moderator_note = "Not looked at by baseline severity: that needs at least " +
                         std::to_string(kMinPeopleForModerator) + " people.";
    } else if (!baselines_differ) {
      s.moderator_note = "Not looked at by baseline severity: every person started at the same level.";
    } else {
      const std::vector<std::span<const double>> mods{baseline};
      auto regression = stats::random_effects(y, se, mods, meta);
      if (regression) {
        s.moderator = Moderator{std::move(*regression)};
      } else if (regression.error().code == Errc::invalid_input) {
        s.moderator_note = "Not looked at by baseline severity: the baselines are too alike to tell apart.";
      } else {
        return Unexpected{regression.error()};
      }
    }
  }
  explain(s);
  return s;
}

}  // namespace trialwise::series

// The FHIR bundle's observations: one per logged day (outcome, doses, side
// effects, with the day's phase and step) and the review's verdict.

#include <algorithm>
#include <cmath>

#include "fhir_builder.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::interop::detail {

// The phase and step of a day: as the review replayed them (steps as they
// really began), else as planned.
array Builder::day_components(Date day) const {
  const auto point =
      std::find_if(review_.series.begin(), review_.series.end(), [&](const auto& p) { return p.date == day; });
  std::string phase;
  int step = 0;
  if (point != review_.series.end()) {
    phase = point->phase == review::Point::Phase::baseline ? "baseline"
            : point->phase == review::Point::Phase::active ? "active"
                                                           : "off";
    step = point->step;
  } else if (day >= t_.start && day < t_.active_start) {
    phase = "baseline";
  } else if (model::is_on_day(t_, day)) {
    phase = "active";
    for (const auto& s : t_.steps)
      if (s.start <= day) step = s.number;
  } else if (model::block_of(t_, day) >= 0) {
    phase = "off";
  }
  array components;
  if (phase.empty()) return components;
  static const std::map<std::string, std::string, std::less<>> kPhaseNames{
      {"baseline", "Baseline"}, {"active", "Active"}, {"off", "Off block"}};
  components.push_back(object{{"code", concept_of(tw_, "trial-phase", "Trial phase")},
                              {"valueCodeableConcept", concept_of(tw_, "phase-" + phase, kPhaseNames.at(phase))}});
  if (phase == "active" && step > 0)
    components.push_back(object{{"code", concept_of(tw_, "dose-step", "Dose step in force")}, {"valueInteger", step}});
  return components;
}

void Builder::add_day_observations() {
  auto entries = record_.entries;
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  const std::string outcome_label = outcome_ ? outcome_->label : t_.outcome_id;
  std::string outcome_text = outcome_label;
  if (outcome_)
    outcome_text += " (" + number(outcome_->scale_min) + " = " + outcome_->scale_low + ", " +
                    number(outcome_->scale_max) + " = " + outcome_->scale_high + "; " +
                    (outcome_->higher_is_better ? "higher" : "lower") + " is better)";
  for (const auto& e : entries) {
    const std::string date = e.date.to_string();
    {
      const std::string uuid = export_uuid(t_, "Observation/outcome", date);
      outcome_refs_.push_back(urn(uuid));
      object o = day_observation("daily-outcome", "Daily outcome score",
                                 concept_of(pk_, "outcome." + t_.outcome_id, outcome_label, outcome_text), e.date);
      o["valueQuantity"] = quantity(e.outcome, "score", "{score}");
      if (!e.note.empty()) o["note"] = array{object{{"text", e.note}}};
      if (auto components = day_components(e.date); !components.empty()) o["component"] = std::move(components);
      add(uuid, std::move(o));
    }
    if (e.doses_taken) {
      object o = day_observation("doses-taken", "Doses taken",
                                 concept_of(tw_, "doses-taken", "Doses taken", "Doses of " + product_text() + " taken"),
                                 e.date);
      o["valueInteger"] = *e.doses_taken;
      array components;
      if (e.dose_g)
        components.push_back(object{{"code", concept_of(tw_, "dose-per-intake", "Grams per dose taken")},
                                    {"valueQuantity", quantity(*e.dose_g, "g", "g")}});
      if (*e.doses_taken > 0)
        components.push_back(
            object{{"code", concept_of(tw_, "with-food", "Taken with food")}, {"valueBoolean", e.with_food}});
      if (!components.empty()) o["component"] = std::move(components);
      add(export_uuid(t_, "Observation/doses", date), std::move(o));
    }
    for (const auto& [id, score] : e.side_effects) {
      std::string label = id;
      for (const auto& s : pack_.side_effects)
        if (s.id == id) label = s.label;
      object o =
          day_observation("side-effect-score", "Side-effect score",
                          concept_of(pk_, "side-effect." + id, label, label + " (0 = none, 10 = worst)"), e.date);
      o["valueInteger"] = score;
      add(export_uuid(t_, "Observation/side-effect", date + "/" + id), std::move(o));
    }
    for (const auto& id : e.red_flags) {
      const pack::RedFlag* flag = nullptr;
      for (const auto& f : pack_.red_flags)
        if (f.id == id) flag = &f;
      object o = day_observation("red-flag-noticed", "Red flag noticed",
                                 concept_of(pk_, "red-flag." + id, flag != nullptr ? flag->label : id), e.date);
      o["valueBoolean"] = true;
      if (flag != nullptr) o["note"] = array{object{{"text", flag->action}}};
      add(export_uuid(t_, "Observation/red-flag", date + "/" + id), std::move(o));
    }
  }
}

void Builder::add_verdict() {
  const auto& r = review_;
  array c;
  std::string html = "<p><b>" + xml_escape(verdict_headline(r.verdict)) + "</b> (as of " + r.as_of.to_string() +
                     ", review date " + r.review_date.to_string() + ").</p>";
  if (r.effect) {
    const auto& e = *r.effect;
    c.push_back(component_quantity("effect-estimate", "Improvement", e.estimate, "score", "{score}"));
    c.push_back(object{{"code", concept_of(tw_, "effect-interval", "95% interval of the improvement")},
                       {"valueRange", object{{"low", quantity(e.ci_low, "score", "{score}")},
                                             {"high", quantity(e.ci_high, "score", "{score}")}}}});
    c.push_back(component_quantity("effect-se", "Standard error of the improvement", e.se, "score", "{score}"));
    c.push_back(component_quantity("p-meaningful", "Probability of a meaningful improvement", e.p_meaningful,
                                   "probability", "1"));
    c.push_back(component_quantity("smallest-meaningful-change", "Smallest change that matters",
                                   r.smallest_meaningful_change, "score", "{score}"));
    c.push_back(component_quantity("control-mean", "Control mean", e.control_mean, "score", "{score}"));
    c.push_back(component_quantity("active-mean", "Active mean", e.active_mean, "score", "{score}"));
    c.push_back(object{{"code", concept_of(tw_, "days-in-fit", "Days in the fit")}, {"valueInteger", e.n}});
    html += "<p>Improvement " + rounded(e.estimate, 2) + " points (95% interval " + rounded(e.ci_low, 2) + " to " +
            rounded(e.ci_high, 2) + "); probability of at least " + number(r.smallest_meaningful_change) +
            " point: " + probability_text(e.p_meaningful) + ".</p>";
  }
  if (r.trend) {
    c.push_back(component_quantity("trend-adjusted-effect", "Improvement allowing for a drift", r.trend->estimate,
                                   "score", "{score}"));
    c.push_back(component_quantity("trend-per-week", "Drift per week", r.trend->trend_per_week, "score per week",
                                   "{score}/wk"));
  }
  if (r.randomization)
    c.push_back(component_quantity("randomization-p", "Randomization test p-value", r.randomization->p_value,
                                   "probability", "1"));
  if (r.adherence) {
    c.push_back(component_quantity("adherence", "Adherence", std::round(*r.adherence * 1000) / 10, "%", "%"));
    html += "<p>Adherence " + rounded(*r.adherence * 100, 0) + "%.</p>";
  }
  c.push_back(object{{"code", concept_of(tw_, "baseline-days-logged", "Baseline days logged")},
                     {"valueInteger", r.days.baseline}});
  c.push_back(
      object{{"code", concept_of(tw_, "active-days-logged", "Active days logged")}, {"valueInteger", r.days.active}});
  if (r.days.off_planned > 0)
    c.push_back(
        object{{"code", concept_of(tw_, "off-days-logged", "Off-block days logged")}, {"valueInteger", r.days.off}});
  for (const auto& s : r.side_effects)
    c.push_back(
        object{{"code", concept_of(pk_, "side-effect." + s.id, s.label, s.label + ": mean score on active days")},
               {"valueQuantity", quantity(s.mean, "score", "{score}")}});
  if (r.next_review_date)
    c.push_back(object{{"code", concept_of(tw_, "next-review-date", "Next review date")},
                       {"valueDateTime", r.next_review_date->to_string()}});
  array notes;
  for (const auto& s : r.reasons) notes.push_back(object{{"text", "Reason: " + s}});
  for (const auto& s : r.missing) notes.push_back(object{{"text", "Missing: " + s}});
  for (const auto& s : r.caveats) notes.push_back(object{{"text", "Caveat: " + s}});
  for (const auto& s : r.side_effects) {
    std::string text = "Side effect " + s.label + ": mean " + rounded(s.mean, 2) + ", worst " +
                       std::to_string(s.worst) + ", " + std::to_string(s.days_at_or_above_moderate) +
                       " day(s) at or above the step-down level";
    for (std::size_t i = 0; i < s.mean_by_step.size(); ++i)
      text += (i == 0 ? "; mean by step: " : ", ") + std::to_string(i + 1) + ": " + rounded(s.mean_by_step[i], 2);
    if (s.rose_with_dose) text += "; rose with the dose";
    notes.push_back(object{{"text", text + "."}});
  }
  if (!r.reasons.empty()) {
    html += "<ul>";
    for (const auto& s : r.reasons) html += "<li>" + xml_escape(s) + "</li>";
    html += "</ul>";
  }
  const std::string verdict_code = "verdict-" + std::string(review::to_string(r.verdict));
  array derived;
  for (const auto& ref : outcome_refs_) derived.push_back(reference(ref));
  object o{
      {"resourceType", "Observation"},
      {"text", narrative(html)},
      {"basedOn", array{reference(care_plan_)}},
      {"status", r.review_date_reached ? "final" : "preliminary"},
      {"category", array{concept_of(tw_, "review-verdict", "Review verdict")}},
      {"code", concept_of(tw_, "review-verdict", "Review verdict",
                          "Review of the " + pack_.supplement + " trial (" +
                              (outcome_ ? outcome_->label : t_.outcome_id) + "; improvement in its better direction)")},
      {"subject", patient_ref()},
      {"effectiveDateTime", r.as_of.to_string()},
      {"valueCodeableConcept",
       concept_of(tw_, verdict_code, trialwise_display(verdict_code), verdict_headline(r.verdict))}};
  if (!notes.empty()) o["note"] = std::move(notes);
  if (!derived.empty()) o["derivedFrom"] = std::move(derived);
  if (!c.empty()) o["component"] = std::move(c);
  add(export_uuid(t_, "Observation/verdict", r.as_of.to_string()), std::move(o));
}

}  // namespace trialwise::interop::detail

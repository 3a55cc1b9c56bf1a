// The FHIR bundle's plan: a MedicationStatement per dose step (as planned,
// and as the review replayed it) and the CarePlan that points at them.

#include <algorithm>
#include <cmath>

#include "fhir_builder.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::interop::detail {

// A planned period's status on the review's day, the trial's end considered.
std::string Builder::activity_status(Date first, Date last) const {
  const Date as_of = review_.as_of;
  if (t_.ended_on && *t_.ended_on <= first) return "cancelled";
  if (t_.ended_on && *t_.ended_on <= last) return "stopped";
  if (as_of > last) return "completed";
  if (as_of >= first) return "in-progress";
  return "not-started";
}

void Builder::add_medication_statements() {
  const auto segments = dose_segments(t_);
  for (const auto& s : segments) {
    const std::string index =
        "step" + std::to_string(s.step) + (s.block >= 0 ? "/block" + std::to_string(s.block + 1) : "");
    const std::string uuid = export_uuid(t_, "MedicationStatement", index);
    statements_by_step_[s.step_index].push_back(urn(uuid));
    const double daily = s.dose_g * s.times_per_day;
    std::string status = "active";
    if (t_.ended_on && *t_.ended_on <= s.first)
      status = "not-taken";
    else if (t_.ended_on && *t_.ended_on <= s.last)
      status = "stopped";
    else if (review_.as_of > s.last)
      status = "completed";
    else if (review_.as_of < s.first)
      status = "intended";
    const std::string dose_text =
        number(s.dose_g) + " g " + times_a_day(s.times_per_day) + " a day (" + number(daily) + " g a day), by mouth";
    object dosage{
        {"sequence", 1},
        {"text", dose_text},
        {"timing", object{{"repeat", object{{"frequency", s.times_per_day}, {"period", 1}, {"periodUnit", "d"}}}}},
        {"route", object{{"text", "by mouth"}}},
        {"doseAndRate", array{object{{"doseQuantity", quantity(s.dose_g, "g", "g")}}}},
        {"maxDosePerPeriod",
         object{{"numerator", quantity(daily, "g", "g")}, {"denominator", quantity(1, "day", "d")}}}};
    array notes;
    std::string plan_note = "Step " + std::to_string(s.step) + " of the trial as planned";
    if (!record_.amendments.empty()) plan_note += " (as amended)";
    if (s.block >= 0) plan_note += ", on block " + std::to_string(s.block + 1) + " of a randomized block design";
    plan_note += ". Doses actually taken are in the daily doses-taken observations.";
    notes.push_back(object{{"text", plan_note}});
    if (s.requires_tolerance)
      notes.push_back(object{
          {"text", "Begins only " + tolerance_condition(pack_) + " (" +
                       (pack_.tolerance.source.section.empty() ? "pack default" : pack_.tolerance.source.section) +
                       ")."}});
    if (t_.g_per_serving)
      notes.push_back(
          object{{"text", "Product: " + (t_.product_name.empty() ? std::string("not named") : t_.product_name) + ", " +
                              number(*t_.g_per_serving) + " g " + pack_.substance() + " per serving."}});
    object ms{{"resourceType", "MedicationStatement"},
              {"basedOn", array{reference(care_plan_)}},
              {"status", status},
              {"category", concept_of("http://terminology.hl7.org/CodeSystem/medication-statement-category",
                                      "patientspecified", "Patient Specified")},
              {"medicationCodeableConcept", object{{"text", product_text()}}},
              {"subject", patient_ref()},
              {"effectivePeriod", object{{"start", s.first.to_string()}, {"end", s.last.to_string()}}},
              {"informationSource", patient_ref()},
              {"note", std::move(notes)},
              {"dosage", array{std::move(dosage)}}};
    add(uuid, std::move(ms));
  }
}

void Builder::add_care_plan() {
  const auto* protocol = pack_.find_protocol(t_.protocol_id);
  const std::string protocol_label = protocol != nullptr ? protocol->label : t_.protocol_id;
  array activities;
  // The baseline.
  {
    const Date last = baseline_end(t_);
    activities.push_back(object{
        {"detail", object{{"code", concept_of(tw_, "activity-baseline", "Baseline period")},
                          {"status", activity_status(t_.start, last)},
                          {"scheduledPeriod", object{{"start", t_.start.to_string()}, {"end", last.to_string()}}},
                          {"description", "Score " + (outcome_ ? outcome_->label : t_.outcome_id) +
                                              " every day; take no " + pack_.supplement + " yet."}}}});
  }
  // Each dose step.
  for (std::size_t i = 0; i < t_.steps.size(); ++i) {
    const auto range = step_range(t_, i);
    if (!range) continue;
    const auto& s = t_.steps[i];
    std::string description =
        "Step " + std::to_string(s.number) + ": " + number(s.dose_g) + " g " + times_a_day(s.times_per_day) + " a day";
    if (s.requires_tolerance) description += ", only " + tolerance_condition(pack_);
    if (t_.blocks) description += "; on-block days only";
    object detail{{"code", concept_of(tw_, "activity-dose-step", "Dose step")},
                  {"status", activity_status(range->first, range->last)},
                  {"scheduledPeriod", object{{"start", range->first.to_string()}, {"end", range->last.to_string()}}},
                  {"productCodeableConcept", object{{"text", product_text()}}},
                  {"dailyAmount", quantity(s.dose_g * s.times_per_day, "g", "g")},
                  {"description", description}};
    object activity;
    if (const auto found = statements_by_step_.find(i); found != statements_by_step_.end()) {
      array outcomes;
      for (const auto& ref : found->second) outcomes.push_back(reference(ref));
      activity["outcomeReference"] = std::move(outcomes);
    }
    activity["detail"] = std::move(detail);
    activities.push_back(std::move(activity));
  }
  // The review.
  activities.push_back(object{
      {"outcomeReference", array{reference(verdict_)}},
      {"detail",
       object{{"code", concept_of(tw_, "activity-review", "Review")},
              {"status", review_.review_date_reached ? "completed" : "scheduled"},
              {"scheduledPeriod", object{{"start", t_.review_date.to_string()}, {"end", t_.review_date.to_string()}}},
              {"description", "Review on " + t_.review_date.to_string() + ": stop if there is no clear benefit (" +
                                  pack_.review.source.section + ")."}}}});
  array notes;
  if (t_.blocks) {
    std::string text = "Randomized block design: blocks of " + std::to_string(t_.blocks->block_days) +
                       " days in pairs of one on and one off, order drawn from seed " +
                       std::to_string(t_.blocks->seed) + ":";
    for (const auto& b : blocks_of(t_))
      text += " block " + std::to_string(b.index + 1) + " " + b.first.to_string() + " to " + b.last.to_string() +
              (b.on ? " on;" : " off;");
    text.back() = '.';
    notes.push_back(object{{"text", text}});
  }
  for (const auto& a : record_.amendments) {
    object note{{"text", "Amendment: " + a.field + " changed from " + a.old_value + " to " + a.new_value +
                             ". Reason: " + a.reason}};
    if (is_fhir_datetime(a.recorded_at)) note["time"] = a.recorded_at;
    notes.push_back(std::move(note));
  }
  std::string html = "<p>" + xml_escape(protocol_label) + ": " + xml_escape(product_text()) + ", tracking " +
                     xml_escape(outcome_ ? outcome_->label : t_.outcome_id) + ".</p><ul><li>Baseline " +
                     t_.start.to_string() + " to " + baseline_end(t_).to_string() + "</li>";
  for (const auto& s : t_.steps)
    html += "<li>Step " + std::to_string(s.number) + " from " + s.start.to_string() + ": " + number(s.dose_g) + " g " +
            times_a_day(s.times_per_day) + " a day" + (s.requires_tolerance ? " if tolerated" : "") + "</li>";
  html += "<li>Review " + t_.review_date.to_string() + "</li></ul>";
  if (!record_.amendments.empty())
    html += "<p>" + std::to_string(record_.amendments.size()) + " amendment(s): see notes.</p>";
  object cp{{"resourceType", "CarePlan"},
            {"text", narrative(html)},
            {"status", t_.ended_on ? "completed" : "active"},
            {"intent", "plan"},
            {"title", pack_.title + ": " + protocol_label},
            {"description", "A defined personal trial of " + product_text() + " from the Trialwise pack " + pack_.id +
                                " " + pack_.version + ": one product, one dose protocol (" + protocol_label +
                                "), one tracked outcome (" + (outcome_ ? outcome_->label : t_.outcome_id) +
                                "), a baseline and one review date, fixed in advance."},
            {"subject", patient_ref()},
            {"period", object{{"start", t_.start.to_string()}, {"end", t_.review_date.to_string()}}}};
  if (is_fhir_datetime(t_.created_at)) cp["created"] = t_.created_at;
  cp["supportingInfo"] = array{reference(response_), reference(risk_)};
  cp["activity"] = std::move(activities);
  if (!notes.empty()) cp["note"] = std::move(notes);
  add(export_uuid(t_, "CarePlan"), std::move(cp));
}

}  // namespace trialwise::interop::detail

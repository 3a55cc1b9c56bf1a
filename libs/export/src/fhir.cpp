// The FHIR R4 bundle: resources built from the pack, the stored trial and
// its review, each with an id derived from the trial (ids.hpp), every
// reference a urn:uuid of an entry in the same bundle. This file builds the
// bundle, the person, the answers and the risk assessment; fhir_plan.cpp and
// fhir_observations.cpp the rest.

#include "trialwise/export/fhir.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fhir_builder.hpp"
#include "trialwise/core/utc_time.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::interop::detail {

object Builder::build() {
  add(tw_system_id_, trialwise_code_system());
  add(pack_system_id_, pack_code_system(pack_));
  add(questionnaire_id_, questionnaire_resource(pack_, options_.pack_text, pk_));
  add_patient();
  add_response();
  add_risk_assessment();
  add_medication_statements();  // before the care plan, which points at them
  add_care_plan();
  add_day_observations();
  add_verdict();
  // The care plan first among the trial's own resources reads best; order
  // is otherwise free in a collection.
  object bundle{{"resourceType", "Bundle"},
                {"id", export_uuid(t_, "Bundle")},
                {"identifier", object{{"system", "urn:ietf:rfc:3986"}, {"value", urn(export_uuid(t_, "Bundle"))}}},
                {"type", "collection"}};
  if (options_.timestamp) bundle["timestamp"] = utc_iso8601(*options_.timestamp);
  bundle["entry"] = std::move(entries_);
  return bundle;
}

void Builder::add(const std::string& uuid, object resource) {
  // id first after resourceType reads best; Boost.JSON keeps insertion order.
  object ordered{{"resourceType", resource.at("resourceType")}, {"id", uuid}};
  for (auto& [k, v] : resource)
    if (k != "resourceType") ordered[k] = std::move(v);
  entries_.push_back(object{{"fullUrl", urn(uuid)}, {"resource", std::move(ordered)}});
}

std::string Builder::product_text() const {
  std::string s = pack_.supplement;
  if (!t_.product_name.empty()) s += " (" + t_.product_name + ")";
  return s;
}

void Builder::add_patient() {
  // Nothing that identifies the person: the trial needs a subject, no more.
  add(export_uuid(t_, "Patient"), object{{"resourceType", "Patient"}, {"active", true}});
}

void Builder::add_response() {
  object qr{{"resourceType", "QuestionnaireResponse"},
            {"questionnaire", questionnaire_url(pack_) + "|" + pack_.version},
            {"status", "completed"},
            {"subject", patient_ref()}};
  if (is_fhir_datetime(t_.created_at)) qr["authored"] = t_.created_at;
  qr["author"] = patient_ref();
  if (assessment_.answers != nullptr) {
    auto items = response_items(pack_, *assessment_.answers, pk_);
    if (!items.empty()) qr["item"] = std::move(items);
  }
  add(export_uuid(t_, "QuestionnaireResponse"), std::move(qr));
}

void Builder::add_risk_assessment() {
  array predictions;
  std::string html = "<p>Safety screen: <b>" + xml_escape(assessment_.safety.empty() ? "unknown" : assessment_.safety) +
                     "</b>; decision: <b>" + xml_escape(assessment_.decision) + "</b>.</p>";
  if (!assessment_.reasons.empty()) html += "<ul>";
  for (const auto& r : assessment_.reasons) {
    const std::string section = r.section.empty() ? "pack default" : r.section;
    object p{{"outcome", concept_of(pk_, "safety-rule." + r.rule, "", r.text)}};
    if (!r.level.empty())
      p["qualitativeRisk"] = concept_of(tw_, "safety-" + r.level, trialwise_display("safety-" + r.level), r.level);
    std::string rationale = "Article section: " + section + ".";
    if (!r.bring.empty()) rationale += " Bring to a clinician: " + r.bring;
    p["rationale"] = rationale;
    predictions.push_back(std::move(p));
    html += "<li>[" + xml_escape(r.level) + "] " + xml_escape(r.text) + " <i>(" + xml_escape(section) + ")</i></li>";
  }
  if (!assessment_.reasons.empty()) html += "</ul>";
  array notes;
  if (!assessment_.decision.empty())
    notes.push_back(object{{"text", "Decision: " + assessment_.decision + "; safety: " + assessment_.safety +
                                        "; fit: " + assessment_.fit + "; group: " + assessment_.group + "."}});
  for (const auto& b : assessment_.basics)
    notes.push_back(object{{"text", "Basic to fix first: " + b.label + ". " + b.advice + " (" +
                                        (b.section.empty() ? "pack default" : b.section) + ")"}});
  for (const auto& e : assessment_.evidence)
    notes.push_back(object{{"text", "Evidence (" + e.strength_label + "): " + e.claim + " (" +
                                        (e.section.empty() ? "pack default" : e.section) + ")"}});
  object ra{
      {"resourceType", "RiskAssessment"},
      {"text", narrative(html)},
      {"status", "final"},
      {"code", concept_of(tw_, "safety-screen", "Safety screen",
                          "Reasons to avoid " + pack_.supplement + " (pack " + pack_.id + " " + pack_.version + ")")},
      {"subject", patient_ref()}};
  if (is_fhir_datetime(t_.created_at)) ra["occurrenceDateTime"] = t_.created_at;
  ra["basis"] = array{reference(response_)};
  if (!predictions.empty()) ra["prediction"] = std::move(predictions);
  std::string bring;
  for (const auto& r : assessment_.reasons)
    if (!r.bring.empty() && (r.level == "clinician_first" || r.level == "avoid"))
      bring += (bring.empty() ? "" : " ") + r.bring;
  if (!bring.empty()) ra["mitigation"] = "What to bring to a clinician: " + bring;
  if (!notes.empty()) ra["note"] = std::move(notes);
  add(export_uuid(t_, "RiskAssessment"), std::move(ra));
}

}  // namespace trialwise::interop::detail

namespace trialwise::interop {

boost::json::object fhir_bundle(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
                                const FhirOptions& options) {
  return detail::Builder(pack, record, review, options).build();
}

std::string fhir_bundle_text(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
                             const FhirOptions& options) {
  return json::to_pretty(fhir_bundle(pack, record, review, options)) + "\n";
}

}  // namespace trialwise::interop

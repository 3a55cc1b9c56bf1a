#pragma once

// The FHIR bundle's builder, shared by the files that build its resources:
// fhir.cpp (the bundle, the person, the answers, the risk assessment),
// fhir_plan.cpp (the medication statements and the care plan) and
// fhir_observations.cpp (the day observations and the verdict).

#include <map>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "fhir_parts.hpp"
#include "trial_view.hpp"
#include "trialwise/export/fhir.hpp"
#include "trialwise/export/ids.hpp"

namespace trialwise::interop::detail {

using boost::json::array;
using boost::json::object;
using boost::json::value;

inline std::string urn(const std::string& uuid) { return "urn:uuid:" + uuid; }

class Builder {
 public:
  Builder(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
          const FhirOptions& options)
      : pack_(pack),
        record_(record),
        t_(record.trial),
        review_(review),
        options_(options),
        assessment_(stored_assessment(record.trial)),
        tw_(trialwise_code_system_url()),
        pk_(pack_code_system_url(pack)),
        outcome_(outcome_of(pack, record.trial)) {
    patient_ = urn(export_uuid(t_, "Patient"));
    response_ = urn(export_uuid(t_, "QuestionnaireResponse"));
    risk_ = urn(export_uuid(t_, "RiskAssessment"));
    care_plan_ = urn(export_uuid(t_, "CarePlan"));
    verdict_ = urn(export_uuid(t_, "Observation/verdict", review_.as_of.to_string()));
    // Definitions are shared by every trial made with the same pack, so their
    // ids do not depend on the trial.
    tw_system_id_ = uuid_v5(trialwise_namespace(), "CodeSystem/trialwise/1");
    pack_system_id_ = uuid_v5(trialwise_namespace(), "CodeSystem/pack/" + pack_.id + "/" + pack_.version);
    questionnaire_id_ = uuid_v5(trialwise_namespace(), "Questionnaire/" + pack_.id + "/" + pack_.version);
  }

  object build();

 private:
  void add(const std::string& uuid, object resource);

  std::string product_text() const;

  object patient_ref() const { return reference(patient_); }

  void add_patient();

  void add_response();

  void add_risk_assessment();

  // A planned period's status on the review's day, the trial's end considered.
  std::string activity_status(Date first, Date last) const;

  void add_medication_statements();

  void add_care_plan();

  object day_observation(std::string_view category_code, std::string_view category_display, object code,
                         Date day) const {
    return object{
        {"resourceType", "Observation"},
        {"basedOn", array{reference(care_plan_)}},
        {"status", "final"},
        {"category", array{concept_of("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey"),
                           concept_of(tw_, category_code, category_display)}},
        {"code", std::move(code)},
        {"subject", patient_ref()},
        {"effectiveDateTime", day.to_string()}};
  }

  // The phase and step of a day: as the review replayed them (steps as they
  // really began), else as planned.
  array day_components(Date day) const;

  void add_day_observations();

  object component_quantity(std::string_view code, std::string_view display, double v, std::string_view unit,
                            std::string_view ucum) const {
    return object{{"code", concept_of(tw_, code, display)}, {"valueQuantity", quantity(v, unit, ucum)}};
  }

  void add_verdict();

  const pack::Pack& pack_;
  const model::TrialRecord& record_;
  const model::Trial& t_;
  const review::Review& review_;
  const FhirOptions& options_;
  StoredAssessment assessment_;
  std::string tw_, pk_;
  const pack::Outcome* outcome_;
  std::string patient_, response_, risk_, care_plan_, verdict_;
  std::string tw_system_id_, pack_system_id_, questionnaire_id_;
  std::map<std::size_t, std::vector<std::string>> statements_by_step_;
  std::vector<std::string> outcome_refs_;
  array entries_;
};

}  // namespace trialwise::interop::detail

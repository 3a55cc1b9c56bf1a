#pragma once

// A trial as a FHIR R4 Bundle (type "collection"): what a clinician's record
// system can read. Pure: no I/O; the same trial, review and options give the
// same bytes.
//
// The bundle holds, each entry with fullUrl "urn:uuid:<id>" and every
// reference pointing at one of them:
//   - CodeSystem "trialwise": Trialwise's own codes (kinds of observation,
//     verdicts, safety levels, decisions, phases). Never a LOINC or SNOMED
//     code it would have to invent.
//   - CodeSystem "pack-<pack id>": the pack's codes (outcomes, side effects,
//     red flags, safety rules, basics, groups, protocols, answer values),
//     versioned with the pack.
//   - Questionnaire: the pack's questionnaire (enableWhen where an item's
//     applies_if is a simple comparison on another item).
//   - Patient: no name, no birth date, nothing but an id.
//   - QuestionnaireResponse: the person's answers, from the stored plan.
//   - RiskAssessment: the safety screen's findings with article sections.
//   - CarePlan: baseline, each dose step and the review as activities; the
//     design and every amendment as notes.
//   - MedicationStatement: glutamine intake, one per dose step as planned (for
//     a block design, one per step and on block), with dosage.
//   - Observation: each day's outcome, each side-effect score, each red flag,
//     the doses taken, and the review's verdict with its figures.
// docs/export.md lists every field.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "trialwise/pack/pack.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/model/trial_json.hpp"

namespace trialwise::interop {

struct FhirOptions {
  /// Optional: the JSON text the pack was loaded from. The loader keeps each
  /// questionnaire condition (applies_if) as written (Question::
  /// applies_if_source), and simple ones become enableWhen; this text serves
  /// only a Pack built without that (e.g. by hand in a test). With neither,
  /// no enableWhen, and each conditional item carries the extension
  /// kAppliesIfExtension saying that a condition exists.
  std::string_view pack_text{};
  /// Bundle.timestamp, when given. Left out by default so that two exports of
  /// the same trial are the same bytes.
  std::optional<std::chrono::sys_seconds> timestamp{};
};

/// The URL of the extension carrying an item's applies_if rule as JsonLogic
/// text (valueString), or "(condition not exported)" when the pack text was
/// not given.
inline constexpr std::string_view kAppliesIfExtension = "https://trialwise.example/fhir/StructureDefinition/applies-if";

/// Trialwise's own code system: kCanonicalBase + "/CodeSystem/trialwise".
std::string trialwise_code_system_url();
/// The pack's code system: kCanonicalBase + "/CodeSystem/pack-<pack id>".
std::string pack_code_system_url(const pack::Pack& pack);
/// The Questionnaire's canonical URL: kCanonicalBase + "/Questionnaire/<pack id>".
std::string questionnaire_url(const pack::Pack& pack);

/// The Bundle. `review` is the review of `record` (review::review_trial as of
/// the day the caller chooses). Never fails: a stored plan missing some part
/// (an older version's) simply leaves that part out.
boost::json::object fhir_bundle(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
                                const FhirOptions& options = {});

/// The same as JSON text, indented by two spaces, ending with a newline.
/// Numbers are written as JavaScript writes them (5, not 5E0).
std::string fhir_bundle_text(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
                             const FhirOptions& options = {});

}  // namespace trialwise::interop

// The FHIR R4 bundle: resources built from the pack, the stored trial and
// its review, each with an id derived from the trial (ids.hpp), every
// reference a urn:uuid of an entry in the same bundle.

#include "trialwise/export/fhir.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "fhir_parts.hpp"
#include "trial_view.hpp"
#include "trialwise/export/ids.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::interop {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;
using namespace detail;

std::string urn(const std::string& uuid) { return "urn:uuid:" + uuid; }

std::string utc_text(std::chrono::sys_seconds t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::hh_mm_ss hms(t - day);
  const std::string date = Date(day).to_string();
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return date + buf;
}

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

  object build() {
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
    if (options_.timestamp) bundle["timestamp"] = utc_text(*options_.timestamp);
    bundle["entry"] = std::move(entries_);
    return bundle;
  }

 private:
  void add(const std::string& uuid, object resource) {
    // id first after resourceType reads best; Boost.JSON keeps insertion order.
    object ordered{{"resourceType", resource.at("resourceType")}, {"id", uuid}};
    for (auto& [k, v] : resource)
      if (k != "resourceType") ordered[k] = std::move(v);
    entries_.push_back(object{{"fullUrl", urn(uuid)}, {"resource", std::move(ordered)}});
  }

  std::string product_text() const {
    std::string s = pack_.supplement;
    if (!t_.product_name.empty()) s += " (" + t_.product_name + ")";
    return s;
  }

  object patient_ref() const { return reference(patient_); }

  void add_patient() {
    // Nothing that identifies the person: the trial needs a subject, no more.
    add(export_uuid(t_, "Patient"), object{{"resourceType", "Patient"}, {"active", true}});
  }

  void add_response() {
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

  void add_risk_assessment() {
    array predictions;
    std::string html = "<p>Safety screen: <b>" +
                       xml_escape(assessment_.safety.empty() ? "unknown" : assessment_.safety) + "</b>; decision: <b>" +
                       xml_escape(assessment_.decision) + "</b>.</p>";
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

  // A planned period's status on the review's day, the trial's end considered.
  std::string activity_status(Date first, Date last) const {
    const Date as_of = review_.as_of;
    if (t_.ended_on && *t_.ended_on <= first) return "cancelled";
    if (t_.ended_on && *t_.ended_on <= last) return "stopped";
    if (as_of > last) return "completed";
    if (as_of >= first) return "in-progress";
    return "not-started";
  }

  void add_medication_statements() {
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
            object{{"text", "Product: " + (t_.product_name.empty() ? std::string("not named") : t_.product_name) +
                                ", " + number(*t_.g_per_serving) + " g " + pack_.substance() + " per serving."}});
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

  void add_care_plan() {
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
      std::string description = "Step " + std::to_string(s.number) + ": " + number(s.dose_g) + " g " +
                                times_a_day(s.times_per_day) + " a day";
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
      html += "<li>Step " + std::to_string(s.number) + " from " + s.start.to_string() + ": " + number(s.dose_g) +
              " g " + times_a_day(s.times_per_day) + " a day" + (s.requires_tolerance ? " if tolerated" : "") + "</li>";
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
  array day_components(Date day) const {
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
      components.push_back(
          object{{"code", concept_of(tw_, "dose-step", "Dose step in force")}, {"valueInteger", step}});
    return components;
  }

  void add_day_observations() {
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
        object o = day_observation(
            "doses-taken", "Doses taken",
            concept_of(tw_, "doses-taken", "Doses taken", "Doses of " + product_text() + " taken"), e.date);
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

  object component_quantity(std::string_view code, std::string_view display, double v, std::string_view unit,
                            std::string_view ucum) const {
    return object{{"code", concept_of(tw_, code, display)}, {"valueQuantity", quantity(v, unit, ucum)}};
  }

  void add_verdict() {
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
    object o{{"resourceType", "Observation"},
             {"text", narrative(html)},
             {"basedOn", array{reference(care_plan_)}},
             {"status", r.review_date_reached ? "final" : "preliminary"},
             {"category", array{concept_of(tw_, "review-verdict", "Review verdict")}},
             {"code",
              concept_of(tw_, "review-verdict", "Review verdict",
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

}  // namespace

object fhir_bundle(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
                   const FhirOptions& options) {
  return Builder(pack, record, review, options).build();
}

std::string fhir_bundle_text(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
                             const FhirOptions& options) {
  return json::to_pretty(fhir_bundle(pack, record, review, options)) + "\n";
}

}  // namespace trialwise::interop

#pragma once

// The shipped pack, and answers to start tests from.

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>

#include "trialwise/assess/assessment.hpp"
#include "trialwise/assess/plan.hpp"

namespace trialwise::assess::testing {

inline const pack::Pack& shipped_pack() {
  static const pack::Pack p = *pack::load_pack(pack::builtin_pack_text(), pack::kBuiltinPackName);
  return p;
}

/// A healthy adult with gut trouble, the basics in place, taking nothing:
/// no safety finding, no basic to fix.
inline boost::json::object clean_answers() {
  return boost::json::parse(R"({
    "age": 35, "problem": "gut_symptoms", "pregnant": false, "breastfeeding": false,
    "liver_disease": "none", "hepatic_encephalopathy_history": false, "kidney_disease": "none",
    "multiorgan_failure": false, "organ_failure_other": false, "complex_condition": false,
    "cancer_treatment_active": false, "cancer_diagnosis": false, "major_surgery_or_burns_recent": false,
    "nutrition_support": false, "icu_recent": false,
    "neuro_symptoms_unexplained": false, "prescription_count": 0, "supplements": [],
    "sleep_hours": 8, "meals_regular": true, "protein_each_meal": true, "hydration_ok": true,
    "alcohol_heavy": false, "training_hours_per_week": 4, "rest_days_per_week": 2})")
      .as_object();
}

/// A product that lists `grams` per serving (0: it lists none).
inline boost::json::object supplement(double grams, double servings, bool tested, const char* name = "Product") {
  if (grams == 0)
    return {{"name", name}, {"contains_glutamine", "no"}, {"servings_per_day", servings}, {"third_party_tested", tested}};
  return {{"name", name},
          {"contains_glutamine", "amount_given"},
          {"glutamine_g_per_serving", grams},
          {"servings_per_day", servings},
          {"third_party_tested", tested}};
}

/// A product whose label lists the supplement without an amount
/// ("no_amount"), or may contain it ("not_sure").
inline boost::json::object supplement_without_amount(const char* contains, bool tested, const char* name = "Blend") {
  return {{"name", name}, {"contains_glutamine", contains}, {"servings_per_day", 1}, {"third_party_tested", tested}};
}

/// Checks and assesses; the answers must be valid.
inline Assessment assess_answers(const boost::json::object& answers) {
  auto checked = check_answers(shipped_pack(), answers);
  if (!checked) throw std::runtime_error("test answers invalid: " + checked.error().front().where + " " + checked.error().front().message);
  auto a = assess(shipped_pack(), *checked);
  if (!a) throw std::runtime_error(a.error().message);
  return *a;
}

inline bool has_reason(const Assessment& a, const std::string& rule) {
  for (const auto& r : a.reasons)
    if (r.rule == rule) return true;
  return false;
}

inline bool has_basic(const Assessment& a, const std::string& id) {
  for (const auto& b : a.basics_to_fix)
    if (b.id == id) return true;
  return false;
}

}  // namespace trialwise::assess::testing

#pragma once

// The shipped pack and the answers most tests start from, in one place.

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/date.hpp"
#include "trialwise/pack/pack.hpp"

namespace trialwise::test_support {

/// A new copy of the built-in pack, for a test that changes it.
inline std::unique_ptr<pack::Pack> fresh_pack() {
  return std::make_unique<pack::Pack>(*pack::load_pack(pack::builtin_pack_text(), pack::builtin_pack_name()));
}

/// The built-in pack, loaded once, shared (as the service and the server hold it).
inline const std::shared_ptr<const pack::Pack>& shared_shipped() {
  static const std::shared_ptr<const pack::Pack> p = fresh_pack();
  return p;
}

/// The built-in pack, loaded once.
inline const pack::Pack& shipped() { return *shared_shipped(); }

/// The answers of one of the shipped examples (examples/NAME.json).
inline boost::json::value example_answers(const std::string& name) {
  std::ifstream file(std::string(TRIALWISE_EXAMPLES_DIR) + "/" + name + ".json");
  std::stringstream text;
  text << file.rdbuf();
  return boost::json::parse(text.str());
}

inline Date day(const char* s) { return *Date::parse(s, "test"); }

/// A healthy adult with gut trouble: every basic in place, taking nothing,
/// no safety finding.
inline boost::json::value gut_answers() {
  return boost::json::parse(R"({
    "age": 35, "problem": "gut_symptoms", "pregnant": false, "breastfeeding": false,
    "liver_disease": "none", "hepatic_encephalopathy_history": false, "kidney_disease": "none",
    "multiorgan_failure": false, "organ_failure_other": false, "complex_condition": false,
    "cancer_treatment_active": false, "cancer_diagnosis": false, "major_surgery_or_burns_recent": false,
    "nutrition_support": false, "icu_recent": false,
    "neuro_symptoms_unexplained": false, "prescription_count": 0, "supplements": [],
    "sleep_hours": 8, "meals_regular": true, "protein_each_meal": true, "hydration_ok": true,
    "alcohol_heavy": false, "training_hours_per_week": 4, "rest_days_per_week": 2})");
}

}  // namespace trialwise::test_support

#pragma once

// The shipped pack, and answers to start tests from.

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <functional>

#include "trialwise/assess/assessment.hpp"
#include "trialwise/assess/plan.hpp"
#include "trialwise/test_support/answers.hpp"

namespace trialwise::assess::testing {

inline const pack::Pack& shipped_pack() { return test_support::shipped(); }

/// A healthy adult with gut trouble, the basics in place, taking nothing:
/// no safety finding, no basic to fix.
inline boost::json::object clean_answers() { return test_support::gut_answers().as_object(); }

/// A product that lists `grams` per serving (0: it lists none).
inline boost::json::object supplement(double grams, double servings, bool tested, const char* name = "Product") {
  if (grams == 0)
    return {
        {"name", name}, {"contains_glutamine", "no"}, {"servings_per_day", servings}, {"third_party_tested", tested}};
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
  if (!checked)
    throw std::runtime_error("test answers invalid: " + checked.error().front().where + " " +
                             checked.error().front().message);
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

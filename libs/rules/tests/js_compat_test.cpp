// Where the shared suite is silent, the engine follows json-logic-js 2.0.5.
// data/jsonlogic_js_edge_cases.json holds cases whose expected results were
// produced by json-logic-js itself (tests/reference/generate_edge_cases.mjs;
// CI re-runs it with --check so the file cannot drift from the reference).

#include <gtest/gtest.h>

#include "suite_loader.hpp"
#include "trialwise/rules/engine.hpp"

namespace trialwise::rules {
namespace {

// json-logic-js passes objects with zero or several keys through as data; we
// refuse them at compile time, since in a rule they are almost always a typo.
bool has_non_operation_object(const boost::json::value& v) {
  if (v.is_object()) {
    if (v.get_object().size() != 1) return true;
    return has_non_operation_object(v.get_object().begin()->value());
  }
  if (v.is_array()) {
    for (const auto& e : v.get_array())
      if (has_non_operation_object(e)) return true;
  }
  return false;
}

TEST(JsCompatTest, MatchesJsonLogicJsOnEdgeCases) {
  std::string error;
  const auto cases =
      testing::load_suite(std::string(TRIALWISE_RULES_TEST_DATA) + "/jsonlogic_js_edge_cases.json", error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_GT(cases.size(), 200u);

  Engine engine;
  int failures = 0, refused = 0;
  for (const auto& c : cases) {
    auto rule = engine.compile(c.rule);
    if (has_non_operation_object(c.rule)) {
      ++refused;
      if (rule) {
        ++failures;
        ADD_FAILURE() << "[" << c.section << "] expected a compile error for " << json::to_text(c.rule);
      } else {
        EXPECT_EQ(rule.error().code, Errc::invalid_input);
      }
      continue;
    }
    if (auto failure = testing::run_case(engine, c)) {
      ++failures;
      ADD_FAILURE() << *failure;
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_LT(refused, 25) << "the corpus should exercise evaluation, not refusals";
}

}  // namespace
}  // namespace trialwise::rules

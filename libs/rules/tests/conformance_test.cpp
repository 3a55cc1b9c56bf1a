// The shared JsonLogic conformance suite (jsonlogic.com/tests.json), read from
// the file at test time so that every case runs, each reported on failure by
// its rule and data.

#include <gtest/gtest.h>

#include "suite_loader.hpp"
#include "trialwise/rules/engine.hpp"

namespace trialwise::rules {
namespace {

TEST(ConformanceTest, PassesEverySharedSuiteCase) {
  std::string error;
  const auto cases = testing::load_suite(TRIALWISE_CONFORMANCE_SUITE, error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(cases.size(), 277u) << "the shared suite has 277 cases";

  Engine engine;
  int failures = 0;
  for (const auto& c : cases) {
    auto rule = engine.compile(c.rule);
    if (!rule) {
      ++failures;
      ADD_FAILURE() << "[" << c.section << "] rule " << to_json_text(c.rule) << " did not compile: "
                    << to_string(rule.error());
      continue;
    }
    auto result = rule->evaluate(c.data);
    if (!result || !testing::json_equal(*result, c.expected)) {
      ++failures;
      ADD_FAILURE() << "[" << c.section << "] rule " << to_json_text(c.rule) << "\n  data     "
                    << to_json_text(c.data) << "\n  expected " << to_json_text(c.expected) << "\n  got      "
                    << (result ? to_json_text(*result) : "error: " + to_string(result.error()));
    }
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace trialwise::rules

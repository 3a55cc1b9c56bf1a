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
    if (auto failure = testing::run_case(engine, c)) {
      ++failures;
      ADD_FAILURE() << *failure;
    }
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace trialwise::rules

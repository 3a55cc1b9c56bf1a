#include <gtest/gtest.h>

#include "cli_harness.hpp"
#include "exit_codes.hpp"

namespace trialwise::cli {
namespace {

using testing::run_cli;

TEST(CliTest, HelpListsCommandsAndExitsZero) {
  auto r = run_cli({"--help"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_NE(r.out.find("rule"), std::string::npos);
}

TEST(CliTest, EveryCommandHasHelp) {
  for (auto args : {std::vector<std::string>{"rule", "--help"}, std::vector<std::string>{"rule", "eval", "--help"}}) {
    auto r = run_cli(args);
    EXPECT_EQ(r.code, kExitOk) << args.back();
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << r.out;
  }
}

TEST(CliTest, BadUsageExitsTwoWithAMessage) {
  for (auto args : {std::vector<std::string>{}, std::vector<std::string>{"nonsense"}, std::vector<std::string>{"rule"},
                    std::vector<std::string>{"rule", "eval", "--bogus"}, std::vector<std::string>{"rule", "eval"},
                    std::vector<std::string>{"rule", "eval", "--rules", "x.json"},
                    std::vector<std::string>{"rule", "eval", "--rule", "1", "--rules", "x.json"}}) {
    auto r = run_cli(args);
    EXPECT_EQ(r.code, kExitBadInput) << (args.empty() ? "(no arguments)" : args.back());
    EXPECT_FALSE(r.err.empty());
  }
}

TEST(CliTest, ExitCodeTableKeepsKindsApart) {
  EXPECT_EQ(exit_code(Errc::invalid_input), kExitBadInput);
  EXPECT_EQ(exit_code(Errc::limit), kExitBadInput);
  EXPECT_EQ(exit_code(Errc::refused), kExitRefused);
  EXPECT_EQ(exit_code(Errc::conflict), kExitConflict);
  EXPECT_EQ(exit_code(Errc::io), kExitIo);
  EXPECT_EQ(exit_code(Errc::internal), kExitInternal);
}

}  // namespace
}  // namespace trialwise::cli

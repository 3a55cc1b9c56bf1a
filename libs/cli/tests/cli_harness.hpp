#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "trialwise/cli/cli.hpp"

namespace trialwise::cli::testing {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

/// Runs the command line in-process with `stdin_text` as standard input.
inline Outcome run_cli(std::vector<std::string> args, const std::string& stdin_text = "") {
  args.insert(args.begin(), "trialwise");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  const int code = run(static_cast<int>(argv.size()), argv.data(), in, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace trialwise::cli::testing

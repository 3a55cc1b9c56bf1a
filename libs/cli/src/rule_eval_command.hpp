#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace trialwise::cli {

struct RuleEvalOptions {
  std::string rule;        // JSON text or @file
  std::string data;        // JSON text or @file; "{}" when not given
  std::string rules_file;  // a JSON array of rules
  std::string data_lines;  // a JSONL file, or "-" for standard input
  unsigned threads = 0;    // workers for data_lines; 0: one per core
};

/// Adds `eval` under the `rule` command, filling `options` when parsed.
CLI::App* add_rule_eval_command(CLI::App& rule_command, RuleEvalOptions& options);

/// `trialwise rule eval`: one rule on one datum, or many rules on every line.
int run_rule_eval(const RuleEvalOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

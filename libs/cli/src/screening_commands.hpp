#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace trialwise::cli {

struct PackValidateOptions {
  std::string file;
};

struct AssessOptions {
  std::string pack_file;
  std::string answers;  // FILE or "-"
  std::string batch;    // JSONL FILE or "-"
  std::string out;      // with --batch: output file (default standard output)
  bool json = false;
};

struct PlanOptions {
  std::string pack_file;
  std::string answers;
  std::string start;
  std::string protocol, outcome, product;
  double g_per_serving = 0;
  int days = 0;
  bool json = false;
};

CLI::App* add_pack_command(CLI::App& app, PackValidateOptions& o);
CLI::App* add_assess_command(CLI::App& app, AssessOptions& o);
CLI::App* add_plan_command(CLI::App& app, PlanOptions& o);

int run_pack_validate(const PackValidateOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_assess(const AssessOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_plan(const PlanOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <optional>
#include <vector>

#include "screening_input.hpp"
#include "trialwise/assess/plan.hpp"
#include "trialwise/service/service.hpp"

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
  bool keep_other_products =
      false;                    // do not pause other products with the supplement (refused if over the protocol's most)
  std::string design = "open";  // or "blocks"
  int block_days = 7;
  int blocks = 4;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::string db;              // with with_products: the database whose products count
  bool with_products = false;  // merge imported products into the answers (start; plan --db)
};

struct CheckOptions {
  std::string pack_file;
  std::string out = "answers.json";  // where the answers are saved
  bool force = false;                // replace `out` if it exists
};

CLI::App* add_pack_command(CLI::App& app, PackValidateOptions& o);
CLI::App* add_assess_command(CLI::App& app, AssessOptions& o);
CLI::App* add_plan_command(CLI::App& app, PlanOptions& o);
/// The options `plan` takes, on a new command `name` (`start` takes them too).
CLI::App* add_plan_options(CLI::App& app, const std::string& name, const std::string& description, PlanOptions& o);
/// `trialwise check`: the questionnaire asked one item at a time.
CLI::App* add_check_command(CLI::App& app, CheckOptions& o);

int run_pack_validate(const PackValidateOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_assess(const AssessOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_plan(const PlanOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

/// A plan made from the answers (with the screening it came from), and the
/// pack it was made with.
struct PlannedTrial {
  std::shared_ptr<const pack::Pack> pack;
  service::Planned planned;
};

/// What `plan` and `start` share: screen the answers and make the plan, or
/// report why not (a refusal is printed in full, exit status 3).
std::optional<PlannedTrial> plan_or_report(const PlanOptions& o, std::istream& in, std::ostream& out, std::ostream& err,
                                           int& status);

/// Prints a plan as `plan` does (plain words, or JSON with --json).
void print_plan(const PlanOptions& o, const PlannedTrial& p, std::ostream& out);

/// Asks the pack's questionnaire on `in`/`out`, one line per answer, each
/// checked as it is typed and asked again with a reason when it is refused.
/// Refuses to start (exit 2) when `out` exists and `force` is not set, so
/// that nothing is asked for nothing. On success writes the checked answers
/// as JSON to `o.out` and prints the assessment. If `in` ends first, writes
/// nothing and returns 2; if the file cannot be written, returns 5.
int run_check(const CheckOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

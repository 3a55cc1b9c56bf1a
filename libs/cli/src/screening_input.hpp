#pragma once

// What the screening commands (assess, plan, check) share: the pack to use
// and the answers to read, with errors that name the file and the item.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "trialwise/assess/assessment.hpp"
#include "trialwise/assess/plan.hpp"
#include "trialwise/model/product.hpp"
#include "trialwise/pack/pack.hpp"

namespace CLI {
class App;
}

namespace trialwise::cli {

/// Adds --pack FILE (default: the built-in glutamine pack) to `command`.
void add_pack_option(CLI::App& command, std::string& pack_file);

/// Loads the pack named by --pack, or the built-in one. On failure prints
/// every problem to `err` and returns nullptr.
std::shared_ptr<const pack::Pack> load_pack_or_report(const std::string& pack_file, std::istream& in,
                                                      std::ostream& err);

/// Reads answers as JSON from FILE or "-"; on failure prints why and
/// returns nothing.
std::optional<boost::json::value> read_answers_json_or_report(const std::string& file, std::istream& in,
                                                              std::ostream& err);

/// Prints each answer problem as "FILE#/age: ..." and how many there are.
void report_answer_problems(const std::string& file, const std::vector<Error>& problems, std::ostream& err);

/// A person's answers, checked and assessed against a pack.
struct Screening {
  std::shared_ptr<const pack::Pack> pack;
  assess::Answers answers;
  assess::Assessment assessment;
  std::vector<assess::PlanNote> intake_notes;  // about imported products counted into the answers
};

/// Loads the pack, reads the answers and assesses them, reporting any
/// failure to `err`; on failure returns nothing and sets `exit_status`.
std::optional<Screening> screen_or_report(const std::string& pack_file, const std::string& answers_file,
                                          std::istream& in, std::ostream& err, int& exit_status);

/// "Answers: FILE" (or standard input): every result names what it was made from.
std::string answers_line(const std::string& answers_file);

/// Writes JSON, pretty-printed, and a newline.
void print_json(std::ostream& out, const boost::json::value& value);

}  // namespace trialwise::cli

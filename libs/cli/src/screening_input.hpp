#pragma once

// What the screening commands (assess, plan, check) share: the pack to use
// and the answers to read, with errors that name the file and the item.

#include <iosfwd>
#include <memory>
#include <string>

#include "trialwise/assess/answers.hpp"
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

/// Reads and checks answers from FILE or "-". On failure prints every
/// problem ("FILE#/age: ...") to `err` and returns nothing.
std::optional<assess::Answers> read_answers_or_report(const pack::Pack& pack, const std::string& file,
                                                      std::istream& in, std::ostream& err);

/// Writes JSON, pretty-printed, and a newline.
void print_json(std::ostream& out, const boost::json::value& value);

}  // namespace trialwise::cli

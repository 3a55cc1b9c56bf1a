#pragma once

// What the trial commands share: the store (--db), the running trial with its
// pack, and errors reported through the one exit-code table.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "trialwise/pack/pack.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/trial/status.hpp"

namespace CLI {
class App;
}

namespace trialwise::cli {

/// Prints "trialwise: where: message" and returns the error's exit code.
int report(std::ostream& err, const Error& e);

/// Adds --db PATH to a command.
void add_db_option(CLI::App& cmd, std::string& db);

/// Opens the database --db names (or the default one).
Result<std::unique_ptr<store::TrialRepository>> open_store(const std::string& flag);

/// The use cases (libs/service) name a bad field by its JSON pointer, as the
/// HTTP API's bodies spell it ("/doses_taken", "/side_effects/bloating");
/// this names it by the command line's flag instead ("--doses", "--side").
/// An error about no field in particular is put on `command`.
Error with_flag(Error e, const std::string& command);

/// The running trial, its store and its pack: what log, status, amend,
/// export, import and history start from.
struct Running {
  std::unique_ptr<store::TrialRepository> repo;
  model::Trial trial;
  std::shared_ptr<const pack::Pack> pack;
};

/// The day a date flag (e.g. --as-of) names, or today when it is empty.
Result<Date> date_or_today(const std::string& text, const std::string& flag);

/// Opens the store, the trial `trial_id` names (running or past; 0: the
/// running one) and its pack; on failure reports to `err`, sets `status` and
/// returns nothing.
std::optional<Running> open_chosen(const std::string& db, std::int64_t trial_id, std::istream& in, std::ostream& err,
                                   int& status);

/// Opens the store and the running trial; on failure reports to `err`, sets
/// `status` and returns nothing.
std::optional<Running> open_running(const std::string& db, std::istream& in, std::ostream& err, int& status);

}  // namespace trialwise::cli

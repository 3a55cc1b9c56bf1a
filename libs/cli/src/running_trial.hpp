#pragma once

// What the trial commands share: the database (--db) and the service over
// it, the running trial with its pack, and errors reported through the one
// exit-code table.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "trialwise/pack/pack.hpp"
#include "trialwise/service/database.hpp"
#include "trialwise/service/service.hpp"

namespace CLI {
class App;
}

namespace trialwise::cli {

/// Prints "trialwise: where: message" and returns the error's exit code.
int report(std::ostream& err, const Error& e);

/// Adds --db PATH to a command.
void add_db_option(CLI::App& cmd, std::string& db);

/// Where the database lives: `flag` (from --db) if given, else
/// $TRIALWISE_DB, else $XDG_DATA_HOME/trialwise/trialwise.db, else
/// ~/.local/share/trialwise/trialwise.db. Fails with Errc::invalid_input at
/// "--db" when no location can be worked out (no HOME).
Result<std::string> database_path(const std::string& flag);

/// The local person's database and the service over it, for one command.
class Workspace {
 public:
  enum class Create { yes, no };
  enum class Products { no, yes };

  /// Opens the database --db names (`db_flag`, or the default one) with
  /// `pack` for new plans; the product store too with Products::yes. With
  /// Create::no a database that does not exist yet is not created: the
  /// service then has no trials and no products.
  static Result<std::unique_ptr<Workspace>> open(const std::string& db_flag, std::shared_ptr<const pack::Pack> pack,
                                                 Products products = Products::no, Create create = Create::yes);

  Workspace(std::shared_ptr<const pack::Pack> pack, std::string path, std::unique_ptr<store::TrialRepository> trials,
            std::unique_ptr<store::ProductRepository> products);

  service::Service& service() { return service_; }
  const std::string& path() const { return path_; }

 private:
  service::TrialPacks packs_;
  std::string path_;
  std::unique_ptr<store::TrialRepository> trials_;
  std::unique_ptr<store::ProductRepository> products_;
  service::Service service_;
};

/// The use cases (libs/service) name a bad field by its JSON pointer, as the
/// HTTP API's bodies spell it ("/doses_taken", "/side_effects/bloating");
/// this names it by the command line's flag instead ("--doses", "--side").
/// An error about no field in particular is put on `command`.
Error with_flag(Error e, const std::string& command);

/// The running (or chosen) trial, the service over its database, and the
/// pack it is judged by: what log, status, amend, export, import, history
/// and review start from.
struct Running {
  std::unique_ptr<Workspace> workspace;
  model::Trial trial;
  std::shared_ptr<const pack::Pack> pack;

  service::Service& service() { return workspace->service(); }
};

/// The day a date flag (e.g. --as-of) names, or today when it is empty.
Result<Date> date_or_today(const std::string& text, const std::string& flag);

/// Opens the database, the trial `trial_id` names (running or past; 0: the
/// running one) and its pack; on failure reports to `err`, sets `status` and
/// returns nothing.
std::optional<Running> open_chosen(const std::string& db, std::int64_t trial_id, std::istream& in, std::ostream& err,
                                   int& status);

/// Opens the database and the running trial; on failure reports to `err`, sets
/// `status` and returns nothing.
std::optional<Running> open_running(const std::string& db, std::istream& in, std::ostream& err, int& status);

}  // namespace trialwise::cli

#include "running_trial.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "exit_codes.hpp"
#include "screening_input.hpp"
#include "today.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/running.hpp"
#include "trialwise/service/trial_pack.hpp"
#include "trialwise/store/sqlite.hpp"

namespace trialwise::cli {

using model::kLocalProfile;

namespace {

// The active trial, or an error that says what to do.
Result<model::Trial> active_trial(store::TrialRepository& repo) {
  auto t = service::running_trial(repo, kLocalProfile);
  if (!t && t.error().code == Errc::not_found)
    return Unexpected{not_found("", t.error().message + "; start one with trialwise start")};
  return t;
}

// The pack a trial was planned with (kept with it); the built-in pack for a
// trial from before packs were kept, with a note when its version differs.
std::shared_ptr<const pack::Pack> pack_for(const model::Trial& t, std::istream& in, std::ostream& err) {
  auto builtin = load_pack_or_report("", in, err);
  if (!builtin) return nullptr;
  auto pack = service::TrialPacks(builtin).for_trial(t);
  if (!pack) {
    err << "trialwise: " << to_string(pack.error()) << "\n";
    return nullptr;
  }
  if (t.pack_text.empty() && ((*pack)->id != t.pack_id || (*pack)->version != t.pack_version)) {
    err << "trialwise: note: this trial was started with pack " << t.pack_id << " " << t.pack_version
        << ", which it did not keep; using " << (*pack)->id << " " << (*pack)->version << "\n";
  }
  return *pack;
}

}  // namespace

int report(std::ostream& err, const Error& e) {
  err << "trialwise: " << to_string(e) << "\n";
  return exit_code(e.code);
}

void add_db_option(CLI::App& cmd, std::string& db) {
  cmd.add_option("--db", db, "The database file (default: $TRIALWISE_DB, or $XDG_DATA_HOME/trialwise/trialwise.db)")
      ->type_name("PATH");
}

Result<std::unique_ptr<store::TrialRepository>> open_store(const std::string& flag) {
  auto path = store::default_database_path(flag);
  if (!path) return Unexpected{path.error()};
  return store::open_sqlite(*path);
}

// The one table from the domain's field pointers to this front end's flags.
Error with_flag(Error e, const std::string& command) {
  static const std::pair<std::string_view, std::string_view> kFlags[] = {{"/design/blocks", "--blocks"},
                                                                         {"/design/block_days", "--block-days"},
                                                                         {"/design", "--design"},
                                                                         {"/date", "--date"},
                                                                         {"/outcome", "--outcome"},
                                                                         {"/doses_taken", "--doses"},
                                                                         {"/dose_g", "--dose-g"},
                                                                         {"/side_effects", "--side"},
                                                                         {"/red_flags", "--red-flag"},
                                                                         {"/note", "--note"},
                                                                         {"/reason", "--reason"},
                                                                         {"/product", "--product"},
                                                                         {"/g_per_serving", "--g-per-serving"},
                                                                         {"/review_date", "--review-date"},
                                                                         {"/protocol", "--protocol"},
                                                                         {"/days", "--days"},
                                                                         {"/start", "--start"}};
  if (e.code != Errc::invalid_input) return e;
  if (e.where.empty()) {
    e.where = command;
    return e;
  }
  // The longest entry that is the pointer or a parent of it: "/design/blocks"
  // before "/design", "/side_effects" for "/side_effects/bloating".
  const std::string_view where = e.where;
  for (const auto& [pointer, flag] : kFlags) {
    if (where == pointer || (where.starts_with(pointer) && where[pointer.size()] == '/')) {
      e.where = flag;
      break;
    }
  }
  return e;
}

std::optional<Running> open_chosen(const std::string& db, std::int64_t trial_id, std::istream& in, std::ostream& err,
                                   int& status) {
  status = kExitBadInput;
  auto repo = open_store(db);
  if (!repo) {
    status = report(err, repo.error());
    return std::nullopt;
  }
  auto t = trial_id != 0 ? (*repo)->get_trial(kLocalProfile, trial_id) : active_trial(**repo);
  if (!t) {
    status = report(err, t.error());
    return std::nullopt;
  }
  auto pack = pack_for(*t, in, err);
  if (!pack) return std::nullopt;
  status = kExitOk;
  return Running{std::move(*repo), std::move(*t), std::move(pack)};
}

std::optional<Running> open_running(const std::string& db, std::istream& in, std::ostream& err, int& status) {
  return open_chosen(db, 0, in, err, status);
}

Result<Date> date_or_today(const std::string& text, const std::string& flag) {
  if (text.empty()) return today();
  return Date::parse(text, flag);
}

}  // namespace trialwise::cli

#include "running_trial.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "exit_codes.hpp"
#include "screening_input.hpp"
#include "today.hpp"
#include <cstdlib>

#include "trialwise/json/text.hpp"

namespace trialwise::cli {

using model::kLocalProfile;

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// The active trial, or an error that says what to do.
Result<model::Trial> active_trial(const service::Service& service) {
  auto t = service.running();
  if (!t && t.error().code == Errc::not_found)
    return Unexpected{not_found("", t.error().message + "; start one with trialwise start")};
  return t;
}

// The pack a trial was planned with (kept with it); the built-in pack for a
// trial from before packs were kept, with a note when its version differs.
std::shared_ptr<const pack::Pack> pack_for(const service::Service& service, const model::Trial& t, std::ostream& err) {
  auto pack = service.pack_for(t);
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
  cmd.add_option("--db", db,
                 "The database: a file, or a PostgreSQL URI postgresql://... (default: $TRIALWISE_DB, or "
                 "$XDG_DATA_HOME/trialwise/trialwise.db)")
      ->type_name("PATH|URI");
}

Result<std::string> database_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (auto db = env("TRIALWISE_DB"); !db.empty()) return db;
  // The XDG spec says a relative XDG_DATA_HOME is invalid and to be ignored.
  if (auto data = env("XDG_DATA_HOME"); !data.empty() && data.front() == '/') return data + "/trialwise/trialwise.db";
  if (auto home = env("HOME"); !home.empty()) return home + "/.local/share/trialwise/trialwise.db";
  return Unexpected{invalid_input("--db",
                                  "cannot tell where to keep the database: HOME is not set; give --db PATH "
                                  "or set TRIALWISE_DB")};
}

Workspace::Workspace(std::shared_ptr<const pack::Pack> pack, std::string path,
                     std::unique_ptr<store::TrialRepository> trials, std::unique_ptr<store::ProductRepository> products)
    : packs_(pack),
      path_(std::move(path)),
      trials_(std::move(trials)),
      products_(std::move(products)),
      service_(packs_, std::move(pack), trials_.get(), products_.get(), kLocalProfile) {}

Result<std::unique_ptr<Workspace>> Workspace::open(const std::string& db_flag, std::shared_ptr<const pack::Pack> pack,
                                                   Products products, Create create) {
  auto path = database_path(db_flag);
  if (!path) return Unexpected{path.error()};
  auto db = create == Create::yes ? service::Database::open(*path) : service::Database::open_if_exists(*path);
  if (!db) return Unexpected{db.error()};
  std::unique_ptr<store::TrialRepository> trials;
  std::unique_ptr<store::ProductRepository> product_store;
  if (db->exists()) {  // else no database yet, and none made: nothing to read
    auto opened = db->trials();
    if (!opened) return Unexpected{opened.error()};
    trials = std::move(*opened);
    if (products == Products::yes) {
      auto kept = db->products();
      if (!kept) return Unexpected{kept.error()};
      product_store = std::move(*kept);
    }
  }
  return std::make_unique<Workspace>(std::move(pack), *path, std::move(trials), std::move(product_store));
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
  auto builtin = load_pack_or_report("", in, err);
  if (!builtin) return std::nullopt;
  auto workspace = Workspace::open(db, std::move(builtin));
  if (!workspace) {
    status = report(err, workspace.error());
    return std::nullopt;
  }
  auto& service = (*workspace)->service();
  auto t = trial_id != 0 ? service.trial(trial_id) : active_trial(service);
  if (!t) {
    status = report(err, t.error());
    return std::nullopt;
  }
  auto pack = pack_for(service, *t, err);
  if (!pack) return std::nullopt;
  status = kExitOk;
  return Running{std::move(*workspace), std::move(*t), std::move(pack)};
}

std::optional<Running> open_running(const std::string& db, std::istream& in, std::ostream& err, int& status) {
  return open_chosen(db, 0, in, err, status);
}

Result<Date> date_or_today(const std::string& text, const std::string& flag) {
  if (text.empty()) return today();
  return Date::parse(text, flag);
}

}  // namespace trialwise::cli

// start, log and status: the trial's life on the command line, over the
// embedded SQLite store (--db PATH, TRIALWISE_DB, or the XDG data folder).

#include "trial_commands.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <ostream>
#include <fstream>
#include <sstream>

#include "exit_codes.hpp"
#include "input_text.hpp"
#include "screening_input.hpp"
#include "today.hpp"
#include "trialwise/assess/report.hpp"
#include "trialwise/rules/json_text.hpp"
#include "trialwise/store/sqlite.hpp"
#include "trialwise/trial/csv.hpp"
#include "trialwise/trial/from_plan.hpp"
#include "trialwise/trial/status.hpp"

namespace trialwise::cli {
namespace {

using trial::kLocalProfile;

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

std::string num(double d) { return rules::to_json_text(rules::Value::number(d)); }

// The trial's log as status reads it: range queries on the store.
class StoreLog final : public trial::Log {
 public:
  StoreLog(store::TrialRepository& repo, trial::TrialId id) : repo_(repo), id_(id) {}
  Result<std::vector<trial::DayEntry>> between(Date from, Date to) const override {
    return repo_.entries(kLocalProfile, id_, from, to);
  }
  Result<trial::EntryTotals> totals(Date from, Date to) const override { return repo_.totals(kLocalProfile, id_, from, to); }

 private:
  store::TrialRepository& repo_;
  trial::TrialId id_;
};

// The running trial, its store and its pack: what log, status, amend,
// export and import all start from. On failure, reports and sets `status`.
struct Running {
  std::unique_ptr<store::TrialRepository> repo;
  trial::Trial trial;
  std::shared_ptr<const pack::Pack> pack;
};

Result<trial::Trial> active_trial(store::TrialRepository& repo);
std::shared_ptr<const pack::Pack> pack_for(const trial::Trial& t, std::istream& in, std::ostream& err);

std::optional<Running> open_running(const std::string& db, std::istream& in, std::ostream& err, int& status) {
  status = kExitBadInput;
  auto repo = open_store(db);
  if (!repo) {
    status = report(err, repo.error());
    return std::nullopt;
  }
  auto t = active_trial(**repo);
  if (!t) {
    status = report(err, t.error());
    return std::nullopt;
  }
  auto pack = pack_for(*t, in, err);
  if (!pack) return std::nullopt;
  status = kExitOk;
  return Running{std::move(*repo), std::move(*t), std::move(pack)};
}

// The active trial, or an error that says what to do.
Result<trial::Trial> active_trial(store::TrialRepository& repo) {
  auto t = repo.active_trial(kLocalProfile);
  if (!t) return Unexpected{t.error()};
  if (!*t) return Unexpected{not_found("", "no trial is running; start one with trialwise start")};
  return **t;
}

// "bloating=2,nausea=0" into the pack's side effects, each 0..10.
Result<std::map<std::string, int>> parse_side_effects(const pack::Pack& pack, const std::string& text) {
  std::map<std::string, int> out;
  if (text.empty()) return out;
  std::stringstream items(text);
  for (std::string item; std::getline(items, item, ',');) {
    const auto eq = item.find('=');
    const std::string id = item.substr(0, eq);
    const bool known = std::any_of(pack.side_effects.begin(), pack.side_effects.end(),
                                   [&](const pack::SideEffect& s) { return s.id == id; });
    if (!known) {
      std::string ids;
      for (const auto& s : pack.side_effects) ids += (ids.empty() ? "" : ", ") + s.id;
      return Unexpected{invalid_input("--side", "\"" + id + "\" is not a side effect this trial tracks; use " + ids)};
    }
    int score = -1;
    if (eq != std::string::npos) {
      const std::string value = item.substr(eq + 1);
      if (!value.empty() && value.size() <= 2 && std::all_of(value.begin(), value.end(), ::isdigit)) score = std::stoi(value);
    }
    if (score < 0 || score > 10)
      return Unexpected{invalid_input("--side", "\"" + item + "\": give each side effect a score from 0 to 10, as " + id + "=3")};
    out[id] = score;
  }
  return out;
}

void print_status(const pack::Pack& pack, const trial::Trial& t, const trial::Status& st, std::ostream& out) {
  out << "Trial " << t.id << ": " << t.product_name << (t.product_name.empty() ? "" : ", ") << t.protocol_id << ", outcome "
      << t.outcome_id << "\n";
  out << "  Phase:    " << trial::to_string(st.phase);
  if (st.day > 0) out << " (day " << st.day << ")";
  out << "\n";
  if (st.step)
    out << "  Dose:     step " << st.step->number << ": " << num(st.step->dose_g) << " g x " << st.step->times_per_day
        << " a day\n";
  out << "  Logged:   baseline " << st.baseline_days_logged << " days (" << st.baseline_days_missing << " missing), active "
      << st.active_days_logged << " days (" << st.active_days_missing << " missing)\n";
  if (st.adherence) out << "  Adherence: " << num(std::round(*st.adherence * 100)) << "% of planned doses\n";
  if (!st.side_effect_burden.empty()) {
    out << "  Side effects, mean of the last 7 days:";
    for (const auto& [id, mean] : st.side_effect_burden) out << " " << id << " " << num(std::round(mean * 10) / 10);
    out << "\n";
  }
  out << "  Review:   " << t.review_date.to_string() << "\n";
  for (const auto& line : st.todo) out << "  Now:      " << line << "\n";
  (void)pack;
}

boost::json::object status_json(const trial::Trial& t, const trial::Status& st) {
  boost::json::object o{{"trial", t.id},
                        {"phase", std::string(trial::to_string(st.phase))},
                        {"today", st.today.to_string()},
                        {"day", st.day},
                        {"baseline_days_logged", st.baseline_days_logged},
                        {"baseline_days_missing", st.baseline_days_missing},
                        {"active_days_logged", st.active_days_logged},
                        {"active_days_missing", st.active_days_missing},
                        {"review_date", t.review_date.to_string()},
                        {"pack", boost::json::object{{"id", t.pack_id}, {"version", t.pack_version}}}};
  o["step"] = st.step ? boost::json::value(boost::json::object{{"number", st.step->number},
                                                              {"dose_g", st.step->dose_g},
                                                              {"times_per_day", st.step->times_per_day},
                                                              {"why", st.step->why}})
                      : boost::json::value(nullptr);
  o["adherence"] = st.adherence ? boost::json::value(*st.adherence) : boost::json::value(nullptr);
  boost::json::object burden;
  for (const auto& [id, mean] : st.side_effect_burden) burden[id] = mean;
  o["side_effect_burden"] = std::move(burden);
  boost::json::array actions, flags, todo;
  for (const auto& a : st.actions) actions.emplace_back(a);
  for (const auto& f : st.red_flags) flags.emplace_back(f);
  for (const auto& t2 : st.todo) todo.emplace_back(t2);
  o["actions"] = std::move(actions);
  o["red_flags"] = std::move(flags);
  o["todo"] = std::move(todo);
  return o;
}

// The pack a trial was started with. Only the built-in pack is known today;
// a trial from another pack version is still shown, with a note.
std::shared_ptr<const pack::Pack> pack_for(const trial::Trial& t, std::istream& in, std::ostream& err) {
  auto pack = load_pack_or_report("", in, err);
  if (pack && (pack->id != t.pack_id || pack->version != t.pack_version)) {
    err << "trialwise: note: this trial was started with pack " << t.pack_id << " " << t.pack_version
        << "; using " << pack->id << " " << pack->version << "\n";
  }
  return pack;
}

}  // namespace

CLI::App* add_start_command(CLI::App& app, StartOptions& o) {
  auto* cmd = add_plan_options(app, "start", "Make the plan and save it as your pre-registered trial", o.plan);
  add_db_option(*cmd, o.db);
  cmd->footer("Exit status: 0 started; 2 bad input; 3 refused for safety (nothing saved); 4 a trial is already running.");
  return cmd;
}

CLI::App* add_log_command(CLI::App& app, LogOptions& o) {
  auto* cmd = app.add_subcommand("log", "Log one day of the running trial (logging a day again replaces it)");
  cmd->add_option("--date", o.date, "The day (default: today)")->type_name("YYYY-MM-DD");
  cmd->add_option("--outcome", o.outcome, "Your outcome score for the day, 0 to 10")->required()->type_name("N");
  cmd->add_option("--doses", o.doses, "Doses taken that day")->type_name("N");
  cmd->add_option("--dose-g", o.dose_g, "Grams per dose actually taken")->type_name("G");
  cmd->add_option("--side", o.side, "Side effects, 0 to 10 each: bloating=2,nausea=0,...")->type_name("ID=N,...");
  cmd->add_option("--red-flag", o.red_flags, "A red flag noticed that day (e.g. new_neuro_symptoms)")->type_name("ID");
  cmd->add_flag("--with-food", o.with_food, "Taken with food");
  cmd->add_option("--note", o.note, "A short note")->type_name("TEXT");
  add_db_option(*cmd, o.db);
  return cmd;
}

CLI::App* add_status_command(CLI::App& app, StatusOptions& o) {
  auto* cmd = app.add_subcommand("status", "Where the running trial stands today, and what to do now");
  cmd->add_flag("--json", o.json, "Print the status as JSON");
  add_db_option(*cmd, o.db);
  return cmd;
}

int run_start(const StartOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  int status = kExitOk;
  auto planned = plan_or_report(o.plan, in, out, err, status);
  if (!planned) return status;
  auto repo = open_store(o.db);
  if (!repo) return report(err, repo.error());
  const auto& pack = *planned->screening.pack;
  auto t = trial::trial_from_plan(
      pack, planned->plan, assess::to_json(pack, planned->screening.answers, planned->screening.assessment, planned->plan));
  auto id = (*repo)->create_trial(kLocalProfile, t);
  if (!id) {
    if (id.error().code == Errc::conflict) {
      err << "trialwise: a trial is already running; one trial at a time (trialwise status shows it)\n";
      return kExitConflict;
    }
    return report(err, id.error());
  }
  print_plan(o.plan, *planned, out);
  if (!o.plan.json) out << "\nSaved as trial " << *id << ". Log each day with: trialwise log --outcome N --doses N\n";
  return kExitOk;
}

int run_log(const LogOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto now = today();
  if (!now) return report(err, now.error());
  Date day = *now;
  if (!o.date.empty()) {
    auto d = Date::parse(o.date, "--date");
    if (!d) return report(err, d.error());
    day = *d;
  }
  if (day > *now) return report(err, invalid_input("--date", day.to_string() + " is in the future; log a day once it has happened"));
  if (!(o.outcome >= 0 && o.outcome <= 10)) return report(err, invalid_input("--outcome", "give a score from 0 to 10"));
  if (o.doses != -1 && (o.doses < 0 || o.doses > 24)) return report(err, invalid_input("--doses", "give the doses taken, 0 to 24"));
  if (o.dose_g != -1 && !(o.dose_g >= 0 && o.dose_g <= 100))
    return report(err, invalid_input("--dose-g", "give grams per dose, 0 to 100"));

  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  auto* repo = &running->repo;  // used as (*repo)->... and **repo
  auto* t = &running->trial;
  const auto& pack = running->pack;
  if (day < t->start)
    return report(err, invalid_input("--date", day.to_string() + " is before the trial began (" + t->start.to_string() + ")"));
  if (t->ended_on && day > *t->ended_on)
    return report(err, invalid_input("--date", day.to_string() + " is after the trial ended (" + t->ended_on->to_string() + ")"));

  trial::DayEntry e;
  e.date = day;
  e.outcome = o.outcome;
  if (o.doses != -1) e.doses_taken = o.doses;
  if (o.dose_g != -1) e.dose_g = o.dose_g;
  auto sides = parse_side_effects(*pack, o.side);
  if (!sides) return report(err, sides.error());
  e.side_effects = *sides;
  for (const auto& f : o.red_flags) {
    const bool known = std::any_of(pack->red_flags.begin(), pack->red_flags.end(), [&](const pack::RedFlag& r) { return r.id == f; });
    if (!known) return report(err, invalid_input("--red-flag", "\"" + f + "\" is not a red flag this trial knows"));
    e.red_flags.push_back(f);
  }
  e.with_food = o.with_food;
  e.note = o.note;
  auto saved = (*repo)->put_entry(kLocalProfile, t->id, e);
  if (!saved) return report(err, saved.error());
  out << "Saved " << day.to_string() << (saved->version > 1 ? " (replacing the earlier entry, kept in the history)" : "")
      << ".\n";

  const StoreLog log(**repo, t->id);
  const auto st = trial::compute_status(*pack, *t, log, *now);
  if (!st) return report(err, st.error());
  for (const auto& line : st->todo) out << "  " << line << "\n";
  return kExitOk;
}

int run_status(const StatusOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto now = today();
  if (!now) return report(err, now.error());
  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  auto* repo = &running->repo;  // used as (*repo)->... and **repo
  auto* t = &running->trial;
  const auto& pack = running->pack;
  const StoreLog log(**repo, t->id);
  const auto status = trial::compute_status(*pack, *t, log, *now);
  if (!status) return report(err, status.error());
  const auto& st = *status;
  auto amendments = (*repo)->amendments(kLocalProfile, t->id);
  if (!amendments) return report(err, amendments.error());
  if (o.json) {
    auto json = status_json(*t, st);
    boost::json::array list;
    for (const auto& a : *amendments)
      list.push_back(boost::json::object{{"field", a.field}, {"old", a.old_value}, {"new", a.new_value},
                                         {"reason", a.reason}, {"recorded_at", a.recorded_at}});
    json["amendments"] = std::move(list);
    print_json(out, json);
  } else {
    print_status(*pack, *t, st, out);
    for (const auto& a : *amendments)
      out << "  Amended:  " << a.field << " " << a.old_value << " -> " << a.new_value << " (" << a.reason << ", "
          << a.recorded_at << ")\n";
  }
  return kExitOk;
}

CLI::App* add_export_command(CLI::App& app, ExportOptions& o) {
  auto* cmd = app.add_subcommand("export", "Write the running trial's day entries out (CSV)");
  cmd->add_option("--format", o.format, "csv")->check(CLI::IsMember({"csv"}))->type_name("FORMAT");
  cmd->add_option("--out", o.out, "Write to FILE (default standard output)")->type_name("FILE");
  add_db_option(*cmd, o.db);
  return cmd;
}

CLI::App* add_import_command(CLI::App& app, ImportOptions& o) {
  auto* cmd = app.add_subcommand("import", "Add day entries to the running trial from a CSV file (all rows or none)");
  cmd->add_option("--csv", o.csv, "The CSV file, as trialwise export writes it (- for standard input)")
      ->required()
      ->type_name("FILE|-");
  add_db_option(*cmd, o.db);
  cmd->footer("Columns: " "date, outcome, doses_taken, dose_g, one per side effect, with_food, note, red_flags.\n"
              "A bad row is reported with its line and column, and nothing from the file is saved.");
  return cmd;
}

int run_export(const ExportOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  auto* repo = &running->repo;  // used as (*repo)->... and **repo
  auto* t = &running->trial;
  const auto& pack = running->pack;
  auto entries = (*repo)->entries(kLocalProfile, t->id, std::nullopt, std::nullopt);
  if (!entries) return report(err, entries.error());
  const std::string text = trial::to_csv(*pack, *entries);
  if (o.out.empty()) {
    out << text;
    return kExitOk;
  }
  std::ofstream file(o.out, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return report(err, io_error(o.out, "could not write the file"));
  return kExitOk;
}

int run_import(const ImportOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto now = today();
  if (!now) return report(err, now.error());
  auto text = read_file(o.csv, in);
  if (!text) return report(err, text.error());
  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  auto* repo = &running->repo;  // used as (*repo)->... and **repo
  auto* t = &running->trial;
  const auto& pack = running->pack;
  const Date latest = t->ended_on ? std::min(*t->ended_on, *now) : *now;
  auto entries = trial::from_csv(*pack, *text, t->start, latest);
  const std::string name = o.csv == "-" ? "(standard input)" : o.csv;
  if (!entries) {
    for (const auto& p : entries.error()) err << "trialwise: " << name << ": " << p.where << ": " << p.message << "\n";
    err << "trialwise: nothing from " << name << " was saved\n";
    return kExitBadInput;
  }
  if (auto ok = (*repo)->put_entries(kLocalProfile, t->id, *entries); !ok) return report(err, ok.error());
  out << "Imported " << entries->size() << " day(s) into trial " << t->id << ".\n";
  return kExitOk;
}

CLI::App* add_amend_command(CLI::App& app, AmendOptions& o) {
  auto* cmd = app.add_subcommand("amend", "Change the running trial's product, dose, outcome or review date, with a reason");
  cmd->add_option("--reason", o.reason, "Why (kept with the change and shown in every later report)")
      ->required()
      ->type_name("TEXT");
  auto* product = cmd->add_option("--product", o.product, "A new product name")->type_name("NAME");
  cmd->add_option("--g-per-serving", o.g_per_serving, "Grams of the supplement per serving of it")->type_name("G")->needs(product);
  cmd->add_option("--dose-g", o.dose_g, "A new dose in grams, for every step from today on")->type_name("G");
  cmd->add_option("--outcome", o.outcome, "A new outcome to track")->type_name("ID");
  cmd->add_option("--review-date", o.review_date, "A new review date")->type_name("YYYY-MM-DD");
  add_db_option(*cmd, o.db);
  cmd->footer("The plan is never rewritten silently: each change is saved with its reason and time.");
  return cmd;
}

CLI::App* add_backup_command(CLI::App& app, BackupOptions& o) {
  auto* cmd = app.add_subcommand("backup", "Copy the database to a file (safe while Trialwise runs)");
  cmd->add_option("--to", o.to, "The backup file to write (must not exist)")->required()->type_name("FILE");
  add_db_option(*cmd, o.db);
  return cmd;
}

CLI::App* add_restore_command(CLI::App& app, RestoreOptions& o) {
  auto* cmd = app.add_subcommand("restore", "Replace the database with a backup, after checking the backup is intact");
  cmd->add_option("FILE", o.from, "The backup to restore")->required()->type_name("FILE");
  add_db_option(*cmd, o.db);
  cmd->footer("The current database is kept beside it, renamed with the time. Stop other Trialwise processes first.");
  return cmd;
}

int run_amend(const AmendOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  if (o.reason.empty()) return report(err, invalid_input("--reason", "say why the plan changes"));
  if (o.product.empty() && o.dose_g == 0 && o.outcome.empty() && o.review_date.empty())
    return report(err, invalid_input("amend", "nothing to change: give --product, --dose-g, --outcome or --review-date"));
  auto now = today();
  if (!now) return report(err, now.error());
  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  auto* repo = &running->repo;  // used as (*repo)->... and **repo
  auto* t = &running->trial;
  const auto& pack = running->pack;

  // Each change is checked first, then saved as its own amendment.
  std::vector<std::pair<trial::Amendment, trial::Trial>> changes;
  trial::Trial next = *t;
  auto change = [&](const std::string& field, const std::string& old_value, const std::string& new_value) {
    changes.push_back({trial::Amendment{0, field, old_value, new_value, o.reason, ""}, next});
  };
  if (!o.product.empty()) {
    if (o.g_per_serving < 0 || o.g_per_serving > 100)
      return report(err, invalid_input("--g-per-serving", "must be more than 0 and at most 100 grams"));
    const std::string old_value = next.product_name;
    next.product_name = o.product;
    if (o.g_per_serving > 0) next.g_per_serving = o.g_per_serving;
    change("product", old_value, o.product + (o.g_per_serving > 0 ? " (" + num(o.g_per_serving) + " g per serving)" : ""));
  }
  if (o.dose_g != 0) {
    if (!(o.dose_g > 0 && o.dose_g <= 100)) return report(err, invalid_input("--dose-g", "must be more than 0 and at most 100 grams"));
    // The step in force today and every later one change; steps already
    // over stay as they were, so the record of what was taken holds.
    std::string old_value;
    for (std::size_t i = 0; i < next.steps.size(); ++i) {
      if (i + 1 < next.steps.size() && next.steps[i + 1].start <= *now) continue;
      auto& step = next.steps[i];
      old_value += (old_value.empty() ? "" : ", ") + ("step " + std::to_string(step.number) + " " + num(step.dose_g) + " g");
      step.dose_g = o.dose_g;
    }
    change("dose", old_value, num(o.dose_g) + " g per dose from " + now->to_string());
  }
  if (!o.outcome.empty()) {
    const auto* outcome = pack->find_outcome(o.outcome);
    if (!outcome) return report(err, invalid_input("--outcome", "\"" + o.outcome + "\" is not an outcome this pack knows"));
    const std::string old_value = next.outcome_id;
    next.outcome_id = outcome->id;
    next.outcome_higher_is_better = outcome->higher_is_better;
    change("outcome", old_value, outcome->id);
  }
  if (!o.review_date.empty()) {
    auto d = Date::parse(o.review_date, "--review-date");
    if (!d) return report(err, d.error());
    if (*d <= next.active_start) return report(err, invalid_input("--review-date", "must come after the first active day"));
    const std::string old_value = next.review_date.to_string();
    next.review_date = *d;
    change("review_date", old_value, d->to_string());
  }
  for (auto& [amendment, _] : changes) {
    auto saved = (*repo)->amend(kLocalProfile, t->id, amendment, next);
    if (!saved) return report(err, saved.error());
    out << "Amended " << saved->field << ": " << saved->old_value << " -> " << saved->new_value << " (" << saved->reason
        << ", " << saved->recorded_at << ")\n";
  }
  return kExitOk;
}

int run_backup(const BackupOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto path = store::default_database_path(o.db);
  if (!path) return report(err, path.error());
  if (auto ok = store::backup_sqlite(*path, o.to); !ok) return report(err, ok.error());
  out << "Backed up " << *path << " to " << o.to << ".\n";
  return kExitOk;
}

int run_restore(const RestoreOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto path = store::default_database_path(o.db);
  if (!path) return report(err, path.error());
  auto kept = store::restore_sqlite(*path, o.from);
  if (!kept) return report(err, kept.error());
  out << "Restored " << *path << " from " << o.from << ".";
  if (!kept->empty()) out << " The previous database is kept as " << *kept << ".";
  out << "\n";
  return kExitOk;
}

CLI::App* add_trials_command(CLI::App& app, TrialsOptions& o) {
  auto* cmd = app.add_subcommand("trials", "List every trial, running and past");
  cmd->add_flag("--json", o.json, "Print the list as JSON");
  add_db_option(*cmd, o.db);
  return cmd;
}

CLI::App* add_history_command(CLI::App& app, HistoryOptions& o) {
  auto* cmd = app.add_subcommand("history", "Every version of one logged day of the running trial");
  cmd->add_option("--date", o.date, "The day")->required()->type_name("YYYY-MM-DD");
  add_db_option(*cmd, o.db);
  return cmd;
}

int run_trials(const TrialsOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto repo = open_store(o.db);
  if (!repo) return report(err, repo.error());
  auto trials = (*repo)->list_trials(kLocalProfile);
  if (!trials) return report(err, trials.error());
  if (o.json) {
    boost::json::array list;
    for (const auto& t : *trials)
      list.push_back(boost::json::object{{"id", t.id},
                                         {"product", t.product_name},
                                         {"protocol", t.protocol_id},
                                         {"outcome", t.outcome_id},
                                         {"start", t.start.to_string()},
                                         {"review_date", t.review_date.to_string()},
                                         {"ended_on", t.ended_on ? boost::json::value(t.ended_on->to_string()) : nullptr},
                                         {"end_reason", t.end_reason},
                                         {"pack", boost::json::object{{"id", t.pack_id}, {"version", t.pack_version}}}});
    print_json(out, list);
    return kExitOk;
  }
  if (trials->empty()) out << "No trials yet; start one with trialwise start.\n";
  for (const auto& t : *trials) {
    out << "Trial " << t.id << ": " << (t.product_name.empty() ? "(no product named)" : t.product_name) << ", "
        << t.protocol_id << ", outcome " << t.outcome_id << ", from " << t.start.to_string() << "; ";
    if (t.ended_on) {
      out << "ended " << t.ended_on->to_string() << " (" << t.end_reason << ")\n";
    } else {
      out << "running, review " << t.review_date.to_string() << "\n";
    }
  }
  return kExitOk;
}

int run_history(const HistoryOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto day = Date::parse(o.date, "--date");
  if (!day) return report(err, day.error());
  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  auto versions = running->repo->entry_history(kLocalProfile, running->trial.id, *day);
  if (!versions) return report(err, versions.error());
  if (versions->empty()) {
    out << "Nothing logged for " << day->to_string() << ".\n";
    return kExitOk;
  }
  for (const auto& e : *versions) {
    out << "Version " << e.version << (&e == &versions->back() ? " (current)" : "") << ", saved " << e.recorded_at
        << ": outcome " << num(e.outcome);
    if (e.doses_taken) out << ", doses " << *e.doses_taken;
    for (const auto& [id, score] : e.side_effects) out << ", " << id << " " << score;
    for (const auto& f : e.red_flags) out << ", red flag " << f;
    if (!e.note.empty()) out << ", note: " << e.note;
    out << "\n";
  }
  return kExitOk;
}

}  // namespace trialwise::cli

// start, log and status: the trial's life on the command line.

#include "running_trial.hpp"
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

using trial::kLocalProfile;

namespace {

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
  auto& repo = *running->repo;
  auto& t = running->trial;
  const auto& pack = *running->pack;
  if (day < t.start)
    return report(err, invalid_input("--date", day.to_string() + " is before the trial began (" + t.start.to_string() + ")"));
  if (t.ended_on && day > *t.ended_on)
    return report(err, invalid_input("--date", day.to_string() + " is after the trial ended (" + t.ended_on->to_string() + ")"));

  trial::DayEntry e;
  e.date = day;
  e.outcome = o.outcome;
  if (o.doses != -1) e.doses_taken = o.doses;
  if (o.dose_g != -1) e.dose_g = o.dose_g;
  auto sides = parse_side_effects(pack, o.side);
  if (!sides) return report(err, sides.error());
  e.side_effects = *sides;
  for (const auto& f : o.red_flags) {
    const bool known = std::any_of(pack.red_flags.begin(), pack.red_flags.end(), [&](const pack::RedFlag& r) { return r.id == f; });
    if (!known) return report(err, invalid_input("--red-flag", "\"" + f + "\" is not a red flag this trial knows"));
    e.red_flags.push_back(f);
  }
  e.with_food = o.with_food;
  e.note = o.note;
  auto saved = repo.put_entry(kLocalProfile, t.id, e);
  if (!saved) return report(err, saved.error());
  out << "Saved " << day.to_string() << (saved->version > 1 ? " (replacing the earlier entry, kept in the history)" : "")
      << ".\n";

  const StoreLog log(repo, t.id);
  const auto st = trial::compute_status(pack, t, log, *now);
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
  auto& repo = *running->repo;
  auto& t = running->trial;
  const auto& pack = *running->pack;
  const StoreLog log(repo, t.id);
  const auto status = trial::compute_status(pack, t, log, *now);
  if (!status) return report(err, status.error());
  const auto& st = *status;
  auto amendments = repo.amendments(kLocalProfile, t.id);
  if (!amendments) return report(err, amendments.error());
  if (o.json) {
    auto json = status_json(t, st);
    boost::json::array list;
    for (const auto& a : *amendments)
      list.push_back(boost::json::object{{"field", a.field}, {"old", a.old_value}, {"new", a.new_value},
                                         {"reason", a.reason}, {"recorded_at", a.recorded_at}});
    json["amendments"] = std::move(list);
    print_json(out, json);
  } else {
    print_status(pack, t, st, out);
    for (const auto& a : *amendments)
      out << "  Amended:  " << a.field << " " << a.old_value << " -> " << a.new_value << " (" << a.reason << ", "
          << a.recorded_at << ")\n";
  }
  return kExitOk;
}


}  // namespace trialwise::cli

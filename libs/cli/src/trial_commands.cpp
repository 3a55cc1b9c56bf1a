// start, log and status: the trial's life on the command line.

#include "running_trial.hpp"
#include "trial_commands.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <ostream>
#include <sstream>

#include "exit_codes.hpp"
#include "screening_input.hpp"
#include "today.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/status.hpp"

namespace trialwise::cli {

namespace {

// "bloating=2,nausea=0" into scores; the use case checks the ids and ranges.
Result<std::map<std::string, int>> parse_side_effects(const std::string& text) {
  std::map<std::string, int> out;
  if (text.empty()) return out;
  std::stringstream items(text);
  for (std::string item; std::getline(items, item, ',');) {
    const auto eq = item.find('=');
    const std::string id = item.substr(0, eq);
    int score = -1;
    if (eq != std::string::npos) {
      const std::string value = item.substr(eq + 1);
      if (!value.empty() && value.size() <= 2 && std::all_of(value.begin(), value.end(), ::isdigit))
        score = std::stoi(value);
    }
    if (score < 0)
      return Unexpected{
          invalid_input("--side", "\"" + item + "\": give each side effect a score from 0 to 10, as " + id + "=3")};
    out[id] = score;
  }
  return out;
}

// What the status asks, with this front end's way to do it where there is one.
std::string todo_line(const trial::Todo& item) {
  if (item.id == "see_review") return "Then see the review: trialwise review (--record saves the verdict).";
  if (item.id == "review_due") return "The review date has come: run trialwise review (--record saves the verdict).";
  if (item.id == "log_today") return "Log today: trialwise log --outcome N ...";
  return item.text;
}

void print_status(const model::Trial& t, const trial::Status& st, std::ostream& out) {
  out << "Trial " << t.id << ": " << t.product_name << (t.product_name.empty() ? "" : ", ") << t.protocol_id
      << ", outcome " << t.outcome_id << "\n";
  out << "  Phase:    " << trial::to_string(st.phase);
  if (st.day > 0) out << " (day " << st.day << ")";
  out << "\n";
  if (st.step)
    out << "  Dose:     step " << st.step->number << ": " << json::number_text(st.step->dose_g) << " g x "
        << st.step->times_per_day << " a day\n";
  out << "  Logged:   baseline " << st.baseline_days_logged << " days (" << st.baseline_days_missing
      << " missing), active " << st.active_days_logged << " days (" << st.active_days_missing << " missing)\n";
  if (st.adherence)
    out << "  Adherence: " << json::number_text(std::round(*st.adherence * 100)) << "% of planned doses\n";
  if (!st.side_effect_burden.empty()) {
    out << "  Side effects, mean of the last 7 days:";
    for (const auto& [id, mean] : st.side_effect_burden)
      out << " " << id << " " << json::number_text(std::round(mean * 10) / 10);
    out << "\n";
  }
  out << "  Review:   " << t.review_date.to_string() << "\n";
  for (const auto& item : st.todo) out << "  Now:      " << todo_line(item) << "\n";
}

}  // namespace

CLI::App* add_start_command(CLI::App& app, StartOptions& o) {
  auto* cmd = add_plan_options(app, "start", "Make the plan and save it as your pre-registered trial", o.plan);
  add_db_option(*cmd, o.db);
  cmd->footer(
      "Exit status: 0 started; 2 bad input; 3 refused for safety (nothing saved); 4 a trial is already running.");
  return cmd;
}

CLI::App* add_log_command(CLI::App& app, LogOptions& o) {
  auto* cmd = app.add_subcommand("log", "Log one day of the running trial (logging a day again replaces it)");
  cmd->add_option("--date", o.date, "The day (default: today)")->type_name("YYYY-MM-DD");
  cmd->add_option(
         "--outcome", o.outcome,
         "Your outcome score for the day, on the scale of the outcome the plan tracks (trialwise status shows it)")
      ->required()
      ->type_name("N");
  cmd->add_option("--doses", o.doses, "Doses taken that day")->type_name("N");
  cmd->add_option("--dose-g", o.dose_g, "Grams per dose actually taken")->type_name("G");
  cmd->add_option("--side", o.side, "Side effects, 0 to 10 each: bloating=2,nausea=0,...")->type_name("ID=N,...");
  cmd->add_option("--red-flag", o.red_flags, "A red flag noticed that day (e.g. new_neuro_symptoms)")->type_name("ID");
  cmd->add_flag("--with-food", o.with_food, "Taken with food");
  cmd->add_flag("--other-product", o.other_product,
                "Another product with the supplement was taken today (the plan asks you to pause them; the review "
                "counts the day's doses as missed)");
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
  // The plan counts the supplement in products imported into this database.
  PlanOptions plan_options = o.plan;
  plan_options.db = o.db;
  plan_options.with_products = true;
  auto planned = plan_or_report(plan_options, in, out, err, status);
  if (!planned) return status;
  auto workspace = Workspace::open(o.db, planned->pack);
  if (!workspace) return report(err, workspace.error());
  auto t = (*workspace)->service().start(planned->planned);
  if (!t) {
    if (t.error().code == Errc::conflict) {
      err << "trialwise: " << t.error().message << " (trialwise status shows it)\n";
      return kExitConflict;
    }
    return report(err, t.error());
  }
  print_plan(o.plan, *planned, out);
  if (!o.plan.json) out << "\nSaved as trial " << t->id << ". Log each day with: trialwise log --outcome N --doses N\n";
  return kExitOk;
}

int run_log(const LogOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto now = today();
  if (!now) return report(err, now.error());
  service::DayInput day;
  day.date = *now;
  if (!o.date.empty()) {
    auto d = Date::parse(o.date, "--date");
    if (!d) return report(err, d.error());
    day.date = *d;
  }
  day.outcome = o.outcome;
  if (o.doses != -1) day.doses_taken = o.doses;
  if (o.dose_g != -1) day.dose_g = o.dose_g;
  auto sides = parse_side_effects(o.side);
  if (!sides) return report(err, sides.error());
  day.side_effects = std::move(*sides);
  day.red_flags = o.red_flags;
  day.with_food = o.with_food;
  day.other_product = o.other_product;
  day.note = o.note;

  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  auto logged = running->service().log(running->trial, day, *now);
  if (!logged) return report(err, with_flag(logged.error(), "log"));
  out << "Saved " << day.date.to_string()
      << (logged->entry.version > 1 ? " (replacing the earlier entry, kept in the history)" : "") << ".\n";
  for (const auto& item : logged->status.todo) out << "  " << todo_line(item) << "\n";
  return kExitOk;
}

int run_status(const StatusOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto now = today();
  if (!now) return report(err, now.error());
  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  const auto& t = running->trial;
  auto status = running->service().status(t, *now);
  if (!status) return report(err, status.error());
  if (o.json) {
    print_json(out, service::status_json(*running->pack, t, *status));
    return kExitOk;
  }
  print_status(t, status->status, out);
  for (const auto& a : status->amendments)
    out << "  Amended:  " << a.field << " " << a.old_value << " -> " << a.new_value << " (" << a.reason << ", "
        << a.recorded_at << ")\n";
  return kExitOk;
}

}  // namespace trialwise::cli

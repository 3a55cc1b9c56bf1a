// amend, trials and history: the record of changes, past trials and earlier versions.

#include "running_trial.hpp"
#include "trial_commands.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "exit_codes.hpp"
#include "screening_input.hpp"
#include "today.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/records.hpp"

namespace trialwise::cli {

CLI::App* add_amend_command(CLI::App& app, AmendOptions& o) {
  auto* cmd =
      app.add_subcommand("amend", "Change the running trial's product, dose, outcome or review date, with a reason");
  cmd->add_option("--reason", o.reason, "Why (kept with the change and shown in every later report)")
      ->required()
      ->type_name("TEXT");
  auto* product = cmd->add_option("--product", o.product, "A new product name")->type_name("NAME");
  cmd->add_option("--g-per-serving", o.g_per_serving, "Grams of the supplement per serving of it")
      ->type_name("G")
      ->needs(product);
  cmd->add_option("--dose-g", o.dose_g, "A new dose in grams, for every step from today on")->type_name("G");
  cmd->add_option("--outcome", o.outcome, "A new outcome to track")->type_name("ID");
  cmd->add_option("--review-date", o.review_date, "A new review date")->type_name("YYYY-MM-DD");
  add_db_option(*cmd, o.db);
  cmd->footer("The plan is never rewritten silently: each change is saved with its reason and time.");
  return cmd;
}

int run_amend(const AmendOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto now = today();
  if (!now) return report(err, now.error());
  service::AmendInput change{o.reason};
  if (!o.product.empty()) change.product = o.product;
  if (o.g_per_serving != 0) change.g_per_serving = o.g_per_serving;
  if (o.dose_g != 0) change.dose_g = o.dose_g;
  if (!o.outcome.empty()) change.outcome = o.outcome;
  if (!o.review_date.empty()) {
    auto d = Date::parse(o.review_date, "--review-date");
    if (!d) return report(err, d.error());
    change.review_date = *d;
  }
  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  auto saved = running->service().amend(running->trial, change, *now);
  if (!saved) return report(err, with_flag(saved.error(), "amend"));
  for (const auto& a : *saved)
    out << "Amended " << a.field << ": " << a.old_value << " -> " << a.new_value << " (" << a.reason << ", "
        << a.recorded_at << ")\n";
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

int run_trials(const TrialsOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto pack = load_pack_or_report("", in, err);
  if (!pack) return kExitBadInput;
  auto workspace = Workspace::open(o.db, std::move(pack));
  if (!workspace) return report(err, workspace.error());
  auto trials = (*workspace)->service().trials();
  if (!trials) return report(err, trials.error());
  if (o.json) {
    print_json(out, service::trials_json(*trials));
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
  auto versions = running->service().day_versions(running->trial, *day);
  if (!versions) return report(err, versions.error());
  if (versions->empty()) {
    out << "Nothing logged for " << day->to_string() << ".\n";
    return kExitOk;
  }
  for (const auto& e : *versions) {
    out << "Version " << e.version << (&e == &versions->back() ? " (current)" : "") << ", saved " << e.recorded_at
        << ": outcome " << json::number_text(e.outcome);
    if (e.doses_taken) out << ", doses " << *e.doses_taken;
    for (const auto& [id, score] : e.side_effects) out << ", " << id << " " << score;
    for (const auto& f : e.red_flags) out << ", red flag " << f;
    if (!e.note.empty()) out << ", note: " << e.note;
    out << "\n";
  }
  return kExitOk;
}

}  // namespace trialwise::cli

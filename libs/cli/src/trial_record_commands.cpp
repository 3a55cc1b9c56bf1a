// amend, trials and history: the record of changes, past trials and earlier versions.

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

int run_amend(const AmendOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  if (o.reason.empty()) return report(err, invalid_input("--reason", "say why the plan changes"));
  if (o.product.empty() && o.dose_g == 0 && o.outcome.empty() && o.review_date.empty())
    return report(err, invalid_input("amend", "nothing to change: give --product, --dose-g, --outcome or --review-date"));
  auto now = today();
  if (!now) return report(err, now.error());
  int exit_status = kExitOk;
  auto running = open_running(o.db, in, err, exit_status);
  if (!running) return exit_status;
  auto& repo = *running->repo;
  auto& t = running->trial;
  const auto& pack = *running->pack;

  // Each change is checked first, then saved as its own amendment.
  std::vector<std::pair<trial::Amendment, trial::Trial>> changes;
  trial::Trial next = t;
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
    const auto* outcome = pack.find_outcome(o.outcome);
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
    auto saved = repo.amend(kLocalProfile, t.id, amendment, next);
    if (!saved) return report(err, saved.error());
    out << "Amended " << saved->field << ": " << saved->old_value << " -> " << saved->new_value << " (" << saved->reason
        << ", " << saved->recorded_at << ")\n";
  }
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

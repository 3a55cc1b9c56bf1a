#include "trialwise/cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <ostream>

#include "account_command.hpp"
#include "db_command.hpp"
#include "product_command.hpp"
#include "review_command.hpp"
#include "series_command.hpp"
#include "rule_eval_command.hpp"
#include "screening_commands.hpp"
#include "serve_command.hpp"
#include "trial_commands.hpp"

namespace trialwise::cli {

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    CLI::App app{"Trialwise: decide whether a supplement fits you, then run one honest personal trial.", "trialwise"};
    app.set_version_flag("--version", std::string("trialwise ") + TRIALWISE_VERSION);
    app.require_subcommand(1);
    app.footer("Educational only; not medical advice. See README.md.");

    auto* rule = app.add_subcommand("rule", "Work with JsonLogic rules");
    rule->require_subcommand(1);
    RuleEvalOptions eval_options;
    auto* eval = add_rule_eval_command(*rule, eval_options);
    PackValidateOptions pack_options;
    auto* pack_validate = add_pack_command(app, pack_options);
    AssessOptions assess_options;
    auto* assess = add_assess_command(app, assess_options);
    PlanOptions plan_options;
    auto* plan = add_plan_command(app, plan_options);
    StartOptions start_options;
    auto* start = add_start_command(app, start_options);
    LogOptions log_options;
    auto* log = add_log_command(app, log_options);
    StatusOptions status_options;
    auto* status = add_status_command(app, status_options);
    ExportOptions export_options;
    auto* export_cmd = add_export_command(app, export_options);
    ImportOptions import_options;
    auto* import_cmd = add_import_command(app, import_options);
    AmendOptions amend_options;
    auto* amend = add_amend_command(app, amend_options);
    BackupOptions backup_options;
    auto* backup = add_backup_command(app, backup_options);
    RestoreOptions restore_options;
    auto* restore = add_restore_command(app, restore_options);
    TrialsOptions trials_options;
    auto* trials = add_trials_command(app, trials_options);
    HistoryOptions history_options;
    auto* history = add_history_command(app, history_options);
    CheckOptions check_options;
    auto* check = add_check_command(app, check_options);
    ServeOptions serve_options;
    auto* serve = add_serve_command(app, serve_options);
    ReviewOptions review_options;
    auto* review = add_review_command(app, review_options);
    SeriesOptions series_options;
    auto* series = add_series_command(app, series_options);
    ProductOptions product_options;
    const auto product = add_product_command(app, product_options);
    AccountOptions account_options;
    const auto account = add_account_command(app, account_options);
    DbOptions db_options;
    const auto db = add_db_command(app, db_options);

    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int code = app.exit(e, out, err);
      return code == 0 ? kExitOk : kExitBadInput;
    }
    if (eval->parsed()) return run_rule_eval(eval_options, in, out, err);
    if (pack_validate->parsed()) return run_pack_validate(pack_options, in, out, err);
    if (assess->parsed()) return run_assess(assess_options, in, out, err);
    if (plan->parsed()) return run_plan(plan_options, in, out, err);
    if (start->parsed()) return run_start(start_options, in, out, err);
    if (log->parsed()) return run_log(log_options, in, out, err);
    if (status->parsed()) return run_status(status_options, in, out, err);
    if (export_cmd->parsed()) return run_export(export_options, in, out, err);
    if (import_cmd->parsed()) return run_import(import_options, in, out, err);
    if (amend->parsed()) return run_amend(amend_options, in, out, err);
    if (backup->parsed()) return run_backup(backup_options, in, out, err);
    if (restore->parsed()) return run_restore(restore_options, in, out, err);
    if (trials->parsed()) return run_trials(trials_options, in, out, err);
    if (history->parsed()) return run_history(history_options, in, out, err);
    if (check->parsed()) return run_check(check_options, in, out, err);
    if (serve->parsed()) return run_serve(serve_options, in, out, err);
    if (review->parsed()) return run_review(review_options, in, out, err);
    if (series->parsed()) return run_series(series_options, in, out, err);
    if (product[0]->parsed()) return run_product_import(product_options, in, out, err);
    if (product[1]->parsed()) return run_product_list(product_options, in, out, err);
    if (product[2]->parsed()) return run_product_remove(product_options, in, out, err);
    if (account[0]->parsed()) return run_account_add(account_options, in, out, err);
    if (account[1]->parsed()) return run_account_list(account_options, in, out, err);
    if (account[2]->parsed()) return run_account_disable(account_options, in, out, err);
    if (account[3]->parsed()) return run_account_reset_password(account_options, in, out, err);
    if (account[4]->parsed()) return run_account_adopt_local(account_options, in, out, err);
    if (db[0]->parsed()) return run_db_migrate(db_options, in, out, err);
    if (db[1]->parsed()) return run_db_copy(db_options, in, out, err);
    err << "trialwise: no command given; see --help\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    err << "trialwise: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace trialwise::cli

// export, import, backup and restore: moving a trial's data in and out.

#include "running_trial.hpp"
#include "trial_commands.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <ostream>

#include "exit_codes.hpp"
#include "private_file.hpp"
#include "input_text.hpp"
#include "today.hpp"
#include "screening_input.hpp"
#include "trialwise/service/database.hpp"
#include "trialwise/service/exports.hpp"

namespace trialwise::cli {

CLI::App* add_export_command(CLI::App& app, ExportOptions& o) {
  auto* cmd = app.add_subcommand("export",
                                 "Write a trial out: its day entries (CSV), the whole trial (JSON), FHIR R4, "
                                 "a calendar, or a clinician's report");
  cmd->add_option("--format", o.format,
                  "csv: day entries; json: the whole trial as one line (for review --batch); fhir: a FHIR R4 "
                  "Bundle; ics: dose reminders and review dates; html: the clinician's report")
      ->check(CLI::IsMember({"csv", "json", "fhir", "ics", "html"}))
      ->type_name("FORMAT");
  cmd->add_option("--out", o.out, "Write to FILE (default standard output)")->type_name("FILE");
  cmd->add_option("--trial", o.trial_id, "Export this trial (default: the running one)")
      ->type_name("ID")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--as-of", o.as_of, "The review shown in fhir, ics and html: as on this day (default: today)")
      ->type_name("YYYY-MM-DD");
  add_db_option(*cmd, o.db);
  return cmd;
}

CLI::App* add_import_command(CLI::App& app, ImportOptions& o) {
  auto* cmd = app.add_subcommand("import", "Add day entries to the running trial from a CSV file (all rows or none)");
  cmd->add_option("--csv", o.csv, "The CSV file, as trialwise export writes it (- for standard input)")
      ->required()
      ->type_name("FILE|-");
  add_db_option(*cmd, o.db);
  cmd->footer(
      "Columns: "
      "date, outcome, doses_taken, dose_g, one per side effect, with_food, note, red_flags.\n"
      "A bad row is reported with its line and column, and nothing from the file is saved.");
  return cmd;
}

int run_export(const ExportOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto format = service::export_format(o.format, "--format");
  if (!format) return report(err, format.error());
  auto as_of = date_or_today(o.as_of, "--as-of");
  if (!as_of) return report(err, as_of.error());
  int status = kExitOk;
  auto chosen = open_chosen(o.db, o.trial_id, in, err, status);
  if (!chosen) return status;
  const auto stamp = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  auto file = chosen->service().export_trial(chosen->trial, *format, *as_of, stamp);
  if (!file) return report(err, file.error());
  if (o.out.empty()) {
    out << file->text;
    return kExitOk;
  }
  if (auto ok = write_private_file(o.out, file->text); !ok) return report(err, ok.error());
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
  const auto& t = running->trial;
  auto saved = running->service().import_days(t, *text, *now);
  const std::string name = o.csv == "-" ? "(standard input)" : o.csv;
  if (!saved) {
    const auto& problems = saved.error();
    if (problems.front().code != Errc::invalid_input)
      return report(err, problems.front());  // the store's, not the file's
    for (const auto& p : problems) err << "trialwise: " << name << ": " << p.where << ": " << p.message << "\n";
    err << "trialwise: nothing from " << name << " was saved\n";
    return kExitBadInput;
  }
  out << "Imported " << *saved << " day(s) into trial " << t.id << ".\n";
  return kExitOk;
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

int run_backup(const BackupOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto path = database_path(o.db);
  if (!path) return report(err, path.error());
  if (auto ok = service::backup_database(*path, o.to); !ok) return report(err, ok.error());
  out << "Backed up " << *path << " to " << o.to << ".\n";
  return kExitOk;
}

int run_restore(const RestoreOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto path = database_path(o.db);
  if (!path) return report(err, path.error());
  auto kept = service::restore_database(*path, o.from);
  if (!kept) return report(err, kept.error());
  out << "Restored " << *path << " from " << o.from << ".";
  if (!kept->empty()) out << " The previous database is kept as " << *kept << ".";
  out << "\n";
  return kExitOk;
}

}  // namespace trialwise::cli

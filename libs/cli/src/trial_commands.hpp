#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "screening_commands.hpp"

namespace CLI {
class App;
}

namespace trialwise::cli {

struct StartOptions {
  PlanOptions plan;
  std::string db;
};

struct LogOptions {
  std::string db;
  std::string date;  // default: today
  double outcome = -1;
  int doses = -1;
  double dose_g = -1;
  std::string side;  // "bloating=2,nausea=0"
  std::vector<std::string> red_flags;
  bool with_food = false;
  bool other_product = false;
  std::string note;
};

struct StatusOptions {
  std::string db;
  bool json = false;
};

CLI::App* add_start_command(CLI::App& app, StartOptions& o);
CLI::App* add_log_command(CLI::App& app, LogOptions& o);
CLI::App* add_status_command(CLI::App& app, StatusOptions& o);

int run_start(const StartOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_log(const LogOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_status(const StatusOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

namespace trialwise::cli {

struct ExportOptions {
  std::string db;
  std::string format = "csv";
  std::string out;            // default standard output
  std::int64_t trial_id = 0;  // 0: the running trial
  std::string as_of;          // the review in fhir, ics and html (default: today)
};

struct ImportOptions {
  std::string db;
  std::string csv;  // FILE or "-"
};

CLI::App* add_export_command(CLI::App& app, ExportOptions& o);
CLI::App* add_import_command(CLI::App& app, ImportOptions& o);
int run_export(const ExportOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_import(const ImportOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

namespace trialwise::cli {

struct AmendOptions {
  std::string db;
  std::string reason;
  std::string product;
  double g_per_serving = 0;
  double dose_g = 0;
  std::string outcome;
  std::string review_date;
};

struct BackupOptions {
  std::string db;
  std::string to;
};

struct RestoreOptions {
  std::string db;
  std::string from;
};

CLI::App* add_amend_command(CLI::App& app, AmendOptions& o);
CLI::App* add_backup_command(CLI::App& app, BackupOptions& o);
CLI::App* add_restore_command(CLI::App& app, RestoreOptions& o);
int run_amend(const AmendOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_backup(const BackupOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_restore(const RestoreOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

namespace trialwise::cli {

struct TrialsOptions {
  std::string db;
  bool json = false;
};

struct HistoryOptions {
  std::string db;
  std::string date;
};

CLI::App* add_trials_command(CLI::App& app, TrialsOptions& o);
CLI::App* add_history_command(CLI::App& app, HistoryOptions& o);
int run_trials(const TrialsOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_history(const HistoryOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

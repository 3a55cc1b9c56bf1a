#include "db_command.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "running_trial.hpp"
#include "trialwise/cli/cli.hpp"
#include "trialwise/service/database.hpp"
#include "trialwise/store/postgres.hpp"

namespace trialwise::cli {
namespace {

// A database named for the user: a URI without its password.
std::string shown(const std::string& target) {
  return store::is_postgres_uri(target) ? store::redacted_uri(target) : target;
}

}  // namespace

std::vector<CLI::App*> add_db_command(CLI::App& app, DbOptions& o) {
  auto* db = app.add_subcommand("db", "The database itself: its schema, and moving it to PostgreSQL and back");
  db->require_subcommand(1);
  auto* migrate = db->add_subcommand("migrate", "Bring the database to this version's schema (creating it if need be)");
  add_db_option(*migrate, o.db);
  migrate->footer(
      "--db takes a file path or a PostgreSQL URI (postgresql://user@host/dbname). A database written by a "
      "newer Trialwise is refused and left as it is. Servers migrate on start too; this runs it by hand, "
      "e.g. before starting several servers.");
  auto* copy = db->add_subcommand("copy", "Copy every record from one database to another, all or nothing");
  copy->add_option("--from", o.from, "The database to copy: sqlite:PATH, a path, or postgresql://...")
      ->required()
      ->type_name("DB");
  copy->add_option("--to", o.to, "An empty database to copy into: sqlite:PATH, a path, or postgresql://...")
      ->required()
      ->type_name("DB");
  copy->footer(
      "Every table is read back from the copy and compared, value for value, before it is committed: "
      "any difference and nothing is copied. Stop the servers using --from first, or the copy misses "
      "what they write after it starts.");
  return {migrate, copy};
}

int run_db_migrate(const DbOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto target = database_path(o.db);
  if (!target) return report(err, target.error());
  auto done = service::migrate_database(*target);
  if (!done) return report(err, done.error());
  if (done->from == done->to)
    out << shown(*target) << " is at schema " << done->to << " already; nothing to do.\n";
  else
    out << "Migrated " << shown(*target) << " from schema " << done->from << " to " << done->to << ".\n";
  return kExitOk;
}

int run_db_copy(const DbOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto copied = service::copy_database(o.from, o.to);
  if (!copied) return report(err, copied.error());
  std::int64_t rows = 0;
  for (const auto& [table, n] : copied->tables) {
    out << "  " << table << ": " << n << "\n";
    rows += n;
  }
  out << "Copied " << rows << " rows from " << shown(o.from) << " to " << shown(o.to)
      << "; every table read back and matched.\n";
  return kExitOk;
}

}  // namespace trialwise::cli

#pragma once

// `trialwise db migrate|copy`: the database itself, for whoever runs the
// server: bring it to this build's schema, or move it between the embedded
// SQLite file and PostgreSQL.

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace trialwise::cli {

struct DbOptions {
  std::string db;    // migrate
  std::string from;  // copy
  std::string to;    // copy
};

/// Adds `db` with its subcommands; returns them (migrate, copy).
std::vector<CLI::App*> add_db_command(CLI::App& app, DbOptions& o);
int run_db_migrate(const DbOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_db_copy(const DbOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

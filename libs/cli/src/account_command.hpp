#pragma once

// `trialwise account add|list|disable|reset-password|adopt-local`: the
// accounts of the clinic server (serve --accounts), kept in the same database.

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace trialwise::cli {

struct AccountOptions {
  std::string db;
  std::string email;
  std::string role = "person";
  bool password_stdin = false;
  bool json = false;
};

/// Adds `account` with its subcommands; returns them (add, list, disable,
/// reset-password, adopt-local).
std::vector<CLI::App*> add_account_command(CLI::App& app, AccountOptions& o);

int run_account_add(const AccountOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_account_list(const AccountOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_account_disable(const AccountOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_account_reset_password(const AccountOptions& o, std::istream& in, std::ostream& out, std::ostream& err);
int run_account_adopt_local(const AccountOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

// account add, list, disable, reset-password and adopt-local.

#include "account_command.hpp"

#include <CLI/CLI.hpp>
#include <istream>
#include <ostream>

#include "exit_codes.hpp"
#include "running_trial.hpp"
#include "screening_input.hpp"
#include "trialwise/service/accounts.hpp"
#include "trialwise/service/my_data.hpp"

namespace trialwise::cli {

namespace {

constexpr const char* kPasswordFooter =
    "The password is read from standard input (one line), never from the command line, where other users\n"
    "could see it: at least 12 characters, not a common password or one built on the email.";

void add_password_stdin(CLI::App& cmd, AccountOptions& o) {
  cmd.add_flag("--password-stdin", o.password_stdin, "Read the password from standard input (one line)")->required();
  cmd.footer(kPasswordFooter);
}

// The password: the first line of standard input, without its line ending.
std::string read_password(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The accounts in the database --db names (created if absent).
Result<std::unique_ptr<store::AccountRepository>> open_accounts(const std::string& db_flag) {
  auto path = database_path(db_flag);
  if (!path) return Unexpected{path.error()};
  auto db = service::Database::open(*path);
  if (!db) return Unexpected{db.error()};
  return db->accounts();
}

// The command line's words for the service's pointers.
Error with_account_flag(Error e) {
  if (e.where == "/email") e.where = "--email";
  if (e.where == "/password") e.where = "--password-stdin";
  return e;
}

int report_account(std::ostream& err, const Error& e) { return report(err, with_account_flag(e)); }

}  // namespace

std::vector<CLI::App*> add_account_command(CLI::App& app, AccountOptions& o) {
  auto* account = app.add_subcommand("account", "The accounts of the clinic server (serve --accounts)");
  account->require_subcommand(1);
  auto* add = account->add_subcommand("add", "Add an account (the first admin, a coach or a person)");
  add->add_option("--email", o.email, "The account's email")->required()->type_name("EMAIL");
  add->add_option("--role", o.role, "person, coach or admin (default person)")
      ->check(CLI::IsMember({"person", "coach", "admin"}))
      ->type_name("ROLE");
  add_password_stdin(*add, o);
  add_db_option(*add, o.db);
  auto* list = account->add_subcommand("list", "Every account: email, role, disabled or not (never a password)");
  list->add_flag("--json", o.json, "Print them as JSON");
  add_db_option(*list, o.db);
  auto* disable = account->add_subcommand("disable", "Stop an account signing in; its sessions end at once");
  disable->add_option("--email", o.email, "The account's email")->required()->type_name("EMAIL");
  add_db_option(*disable, o.db);
  auto* reset = account->add_subcommand("reset-password", "Give an account a new password; its sessions end");
  reset->add_option("--email", o.email, "The account's email")->required()->type_name("EMAIL");
  add_password_stdin(*reset, o);
  add_db_option(*reset, o.db);
  auto* adopt = account->add_subcommand(
      "adopt-local", "Give an account the trials and products kept before accounts (serve without --accounts)");
  adopt->add_option("--email", o.email, "The account's email")->required()->type_name("EMAIL");
  add_db_option(*adopt, o.db);
  adopt->footer(
      "For a person who used Trialwise alone and now signs in to it: their record becomes their account's. "
      "Refused, moving nothing, while both have a running trial.");
  return {add, list, disable, reset, adopt};
}

int run_account_add(const AccountOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  const auto role = model::role_from(o.role);
  if (!role) return report(err, invalid_input("--role", "person, coach or admin"));
  const std::string password = read_password(in);
  auto repo = open_accounts(o.db);
  if (!repo) return report(err, repo.error());
  auto added = service::Accounts(**repo).add({o.email, *role, password});
  if (!added) return report_account(err, added.error());
  out << "Added account " << added->id << ": " << added->email << " (" << model::to_string(added->role) << ").\n";
  return kExitOk;
}

int run_account_list(const AccountOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto repo = open_accounts(o.db);
  if (!repo) return report(err, repo.error());
  auto accounts = service::Accounts(**repo).list();
  if (!accounts) return report(err, accounts.error());
  if (o.json) {
    boost::json::array list;
    for (const auto& a : *accounts) list.push_back(service::account_json(a));
    print_json(out, boost::json::object{{"accounts", std::move(list)}});
    return kExitOk;
  }
  if (accounts->empty()) out << "No accounts yet. Add the first admin with: trialwise account add --role admin ...\n";
  for (const auto& a : *accounts)
    out << "Account " << a.id << ": " << a.email << ", " << model::to_string(a.role) << (a.disabled ? ", disabled" : "")
        << ", since " << a.created_at << "\n";
  return kExitOk;
}

int run_account_disable(const AccountOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto repo = open_accounts(o.db);
  if (!repo) return report(err, repo.error());
  auto done = service::Accounts(**repo).disable(o.email);
  if (!done) return report_account(err, done.error());
  out << "Disabled account " << done->id << " (" << done->email << "); its sessions have ended.\n";
  return kExitOk;
}

int run_account_reset_password(const AccountOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string password = read_password(in);
  auto repo = open_accounts(o.db);
  if (!repo) return report(err, repo.error());
  auto done = service::Accounts(**repo).reset_password(o.email, password);
  if (!done) return report_account(err, done.error());
  out << "New password set for account " << done->id << " (" << done->email << "); its sessions have ended.\n";
  return kExitOk;
}

int run_account_adopt_local(const AccountOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto path = database_path(o.db);
  if (!path) return report(err, path.error());
  auto db = service::Database::open(*path);
  if (!db) return report(err, db.error());
  auto accounts = db->accounts();
  if (!accounts) return report(err, accounts.error());
  auto found = (*accounts)->find_account(o.email);
  if (!found) return report(err, found.error());
  if (!*found) return report(err, not_found("--email", "no account has the email " + o.email));
  auto trials = db->trials();
  if (!trials) return report(err, trials.error());
  auto products = db->products();
  if (!products) return report(err, products.error());
  auto adopted = service::adopt_local_data(**trials, products->get(), (*found)->id);
  if (!adopted) return report(err, adopted.error());
  out << "Account " << (*found)->id << " (" << (*found)->email << ") now holds " << adopted->trials << " trial(s) and "
      << adopted->products << " product(s) kept before accounts.\n";
  return kExitOk;
}

}  // namespace trialwise::cli

// trialwise serve: the HTTP JSON API on this machine.

#include "serve_command.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <ostream>

#include "exit_codes.hpp"
#include "running_trial.hpp"
#include "screening_input.hpp"
#include "today.hpp"
#include "trialwise/http/server.hpp"
#include "trialwise/service/database.hpp"
#include "trialwise/core/text.hpp"

namespace trialwise::cli {
namespace {

std::chrono::milliseconds millis(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

std::string url(const std::string& host, std::uint16_t port, bool tls) {
  const bool v6 = host.find(':') != std::string::npos;
  return (tls ? "https://" : "http://") + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// Serves `services` until SIGTERM or SIGINT.
int listen_and_serve(const ServeOptions& o, http::Services& services, bool tls, bool beyond_loopback,
                     const std::string& what, std::ostream& out, std::ostream& err) {
  std::vector<std::string> names;
  for (const auto& n : o.public_hosts) names.push_back(ascii_lower(n));
  services.answer_to(std::move(names));
  services.trust_proxy(o.trust_proxy);
  for (const auto& proxy : o.proxies) {
    if (http::address_key(proxy).empty())
      return report(err, invalid_input("--proxy", "\"" + proxy + "\" is not an IP address"));
  }
  services.trust_proxies_at(o.proxies);
  std::vector<std::string> origins;
  for (const auto& text : o.allow_origins) {
    auto origin = http::parse_allowed_origin(text, "--allow-origin");
    if (!origin) return report(err, origin.error());
    origins.push_back(std::move(*origin));
  }
  services.allow_origins(std::move(origins));
  if (o.rate > 0) services.limit_rate(o.rate);

  http::ServerOptions options;
  options.host = o.host;
  options.port = static_cast<std::uint16_t>(o.port);
  options.threads = o.threads;
  options.read_timeout = millis(o.read_timeout);
  options.idle_timeout = millis(o.idle_timeout);
  options.max_connections = o.max_connections;
  options.max_connections_per_client = o.max_connections_per_client;
  options.beyond_loopback = beyond_loopback;
  if (tls) options.tls = http::ServerOptions::Tls{o.tls_cert, o.tls_key};
  {  // the server's access log is written out when it goes
    http::Server server(services, options);
    if (auto ok = server.listen(); !ok) return report(err, ok.error());
    out << "listening on " << url(o.host, server.port(), tls) << std::endl;  // flushed: tests and scripts wait for it
    err << "trialwise: serving " << what << "; SIGTERM or Ctrl-C stops\n" << std::flush;
    server.run();
  }
  err << "trialwise: stopped\n";
  return kExitOk;
}

// The checker: no database; a store asked for anyway is a bug (the routes
// that would ask do not exist on a checker).
int serve_checker(const ServeOptions& o, std::shared_ptr<const pack::Pack> pack, bool tls, bool beyond_loopback,
                  std::ostream& out, std::ostream& err) {
  const std::string pack_text = pack->text;
  http::Services services(
      std::move(pack), pack_text,
      []() -> Result<std::unique_ptr<store::TrialRepository>> {
        return Unexpected{internal_error("", "a checker opens no database")};
      },
      [] { return today(); });
  services.checker_only(true);
  return listen_and_serve(o, services, tls, beyond_loopback, "the checker (no database)", out, err);
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeOptions& o) {
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP JSON API on this machine (http://127.0.0.1:8080)");
  cmd->add_option("--host", o.host, "A loopback address to listen on (127.0.0.0/8 or ::1)")->type_name("HOST");
  cmd->add_option("--port", o.port, "The port (0: any free one, printed)")
      ->type_name("PORT")
      ->check(CLI::Range(0, 65535));
  add_pack_option(*cmd, o.pack_file);
  cmd->add_flag("--accounts", o.accounts,
                "Accounts on (trialwise account add): every trial route acts for the signed-in person; "
                "sign in with POST /api/v1/session");
  cmd->add_flag("--open-signup", o.open_signup,
                "With --accounts: anyone may create a person account (POST /api/v1/accounts); without it, people "
                "join through a coach's invitation")
      ->needs("--accounts");
  cmd->add_option("--tls-cert", o.tls_cert, "Serve TLS 1.2/1.3 with this PEM certificate chain (with --tls-key)")
      ->type_name("FILE");
  cmd->add_option("--tls-key", o.tls_key, "The PEM private key of --tls-cert")->type_name("FILE");
  cmd->add_option("--public-host", o.public_hosts,
                  "A name clients reach the server by, besides loopback ones (repeatable; the Host and Origin "
                  "checks accept it)")
      ->type_name("NAME");
  cmd->add_flag("--trust-proxy", o.trust_proxy,
                "Behind a reverse proxy on this machine: take the client's address and scheme from "
                "X-Forwarded-For and X-Forwarded-Proto, from loopback peers only");
  cmd->add_option("--proxy", o.proxies,
                  "A reverse proxy on another host, by IP address (repeatable): take the client's address and "
                  "scheme from its X-Forwarded-For and X-Forwarded-Proto (docs/deploy.md)")
      ->type_name("ADDRESS");
  cmd->add_option("--threads", o.threads, "Worker threads (default: one per core)")
      ->type_name("N")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--read-timeout", o.read_timeout, "Seconds a client has to send a whole request")
      ->type_name("S")
      ->check(CLI::Range(0.01, 3600.0));
  cmd->add_option("--idle-timeout", o.idle_timeout, "Seconds an open connection may wait between requests")
      ->type_name("S")
      ->check(CLI::Range(0.01, 3600.0));
  cmd->add_option("--max-connections", o.max_connections,
                  "Open connections at most (default 512); at the cap the oldest idle one is closed")
      ->type_name("N")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-connections-per-client", o.max_connections_per_client,
                  "Open connections at most from one address (default 128)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000));
  auto* checker = cmd->add_flag("--checker", o.checker,
                                "Only the stateless checker a publisher embeds: /healthz, /api/v1/pack, "
                                "/api/v1/assess, /api/v1/plan and the embed's files; opens no database, writes "
                                "nothing (docs/embed.md)");
  cmd->add_option("--allow-origin", o.allow_origins,
                  "A site whose pages may use the checker (the pack, assess, plan, the embed) from the browser, "
                  "e.g. https://news.example.org (repeatable; never with cookies)")
      ->type_name("ORIGIN");
  cmd->add_option("--rate", o.rate,
                  "API requests a second one client address may make, in a burst of as many (default: no limit); "
                  "beyond it 429 with Retry-After; /healthz is never limited")
      ->type_name("N")
      ->check(CLI::Range(1.0, 1e6));
  add_db_option(*cmd, o.db);
  checker->excludes("--accounts")->excludes("--db");
  cmd->footer(
      "Listens on loopback addresses only, unless run with --accounts and TLS (--tls-cert, --tls-key): personal\n"
      "health data is never served to a network unauthenticated or in the clear. Behind a reverse proxy, bind\n"
      "127.0.0.1 with --accounts and let the proxy terminate TLS.\n"
      "SIGTERM or Ctrl-C stops it after the requests in flight.\n"
      "The API is described at GET /api/v1/openapi.json (docs/http.md).");
  return cmd;
}

int run_serve(const ServeOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  const bool tls = !o.tls_cert.empty() || !o.tls_key.empty();
  if (tls && (o.tls_cert.empty() || o.tls_key.empty()))
    return report(
        err, invalid_input(o.tls_cert.empty() ? "--tls-cert" : "--tls-key", "TLS needs both --tls-cert and --tls-key"));
  // Beyond loopback only with accounts and TLS: personal health data is never
  // served to a network unauthenticated or in the clear. A checker keeps no
  // one's data, but a reader's answers are health information: TLS still.
  const bool beyond_loopback = !http::check_loopback(o.host);
  if (beyond_loopback && o.checker && !tls)
    return report(err, invalid_input("--host", o.host + " is not a loopback address: a checker serves a network "
                                                        "only over TLS (--tls-cert, --tls-key), or binds 127.0.0.1 "
                                                        "behind a proxy that terminates TLS (docs/embed.md)"));
  if (beyond_loopback && !o.checker && !(o.accounts && tls))
    return report(err,
                  invalid_input("--host", o.host + " is not a loopback address: serving a network needs --accounts "
                                                   "and TLS (--tls-cert, --tls-key). Behind a reverse proxy, bind "
                                                   "127.0.0.1 and let the proxy terminate TLS (docs/accounts.md)"));
  auto pack = load_pack_or_report(o.pack_file, in, err);
  if (!pack) return kExitBadInput;
  if (o.checker) return serve_checker(o, std::move(pack), tls, beyond_loopback, out, err);
  auto path = database_path(o.db);
  if (!path) return report(err, path.error());
  // Opened now so that a bad database is reported before listening.
  auto opened = service::Database::open(*path);
  if (!opened) return report(err, opened.error());
  const service::Database db = std::move(*opened);
  const std::string pack_text = pack->text;
  http::Services services(
      std::move(pack), pack_text, [&db] { return db.trials(); }, [] { return today(); }, http::Limits{},
      [&db] { return db.products(); });
  if (o.accounts) {
    auto accounts = db.accounts();
    if (!accounts) return report(err, accounts.error());
    auto list = (*accounts)->list_accounts();
    if (!list) return report(err, list.error());
    if (list->empty())
      err << "trialwise: note: no accounts yet; nobody can sign in until one is added (trialwise account add)\n";
    services.use_accounts([&db] { return db.accounts(); }, [&db] { return db.sharing(); });
    services.open_signup(o.open_signup);
  }
  return listen_and_serve(o, services, tls, beyond_loopback, db.name(), out, err);
}

}  // namespace trialwise::cli

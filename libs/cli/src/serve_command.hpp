#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace trialwise::cli {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db;
  std::string pack_file;                         // --pack: new plans use it (default: the built-in pack)
  unsigned threads = 0;                          // 0: one per core
  double read_timeout = 10;                      // seconds, from a request's first byte to its last
  double idle_timeout = 30;                      // seconds between requests on one connection
  std::size_t max_connections = 512;             // open at once, in all
  std::size_t max_connections_per_client = 128;  // open at once from one address
  bool accounts = false;                         // --accounts: trial routes act for the signed-in person
  bool open_signup = false;                      // --open-signup: anyone may create a person account
  std::string tls_cert, tls_key;                 // PEM files: serve TLS 1.2/1.3 only
  std::vector<std::string> public_hosts;         // names besides loopback ones the server answers to
  bool trust_proxy = false;                      // X-Forwarded-For/-Proto from loopback peers
  std::vector<std::string> proxies;              // --proxy: and from these addresses
  bool checker = false;                          // --checker: the stateless checker only; no database
  std::vector<std::string> allow_origins;        // --allow-origin: pages that may use the checker cross-origin
  double rate = 0;                               // --rate: API requests a second per client address (0: no limit)
};

/// `trialwise serve`: the HTTP JSON API over the embedded database, on a
/// loopback address only.
CLI::App* add_serve_command(CLI::App& app, ServeOptions& o);

/// Serves until SIGTERM or SIGINT, then drains the requests in flight and
/// returns 0. Prints "listening on http://HOST:PORT" on `out` once listening
/// (the chosen port for --port 0). Exit 2 for a host that is not loopback
/// (personal health data is not served to a network without accounts; a
/// checker's answers only over TLS), 5 when the database cannot be opened or
/// the address cannot be bound. With --checker no database is opened at all.
int run_serve(const ServeOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

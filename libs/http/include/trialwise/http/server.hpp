#pragma once

// The HTTP/1.1 server: Boost.Beast on Asio, keep-alive, a thread per core
// each running its own io_context, timeouts so that a slow client cannot hold a
// worker, one access-log line per request, and a graceful stop on SIGTERM or
// SIGINT. Listens on loopback addresses only.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "trialwise/core/result.hpp"
#include "trialwise/http/services.hpp"

namespace trialwise::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  ///< 0: any free port (see Server::port)
  unsigned threads = 0;       ///< 0: one per core
  /// From a request's first byte to its last: a client slower than this is
  /// disconnected. Also bounds writing a response.
  std::chrono::milliseconds read_timeout{10'000};
  /// How long an open connection may wait between requests.
  std::chrono::milliseconds idle_timeout{30'000};
  /// Open connections at most, in all and from one client address. At a
  /// cap, the oldest idle connection (of that client, for its own cap) is
  /// closed to make room; with none idle, the new connection is closed at
  /// once. A flood of idle connections therefore never shuts others out.
  std::size_t max_connections = 512;
  std::size_t max_connections_per_client = 128;
  /// TLS (OpenSSL 3 through Beast): PEM files of the certificate chain and
  /// its private key. With them every connection speaks TLS 1.2 or 1.3 only.
  struct Tls {
    std::string cert_file, key_file;
  };
  std::optional<Tls> tls{};
  /// Whether `host` may be other than loopback. Only the command line's
  /// checked combination (accounts and TLS) sets it.
  bool beyond_loopback = false;
  /// Receives each access-log line ("METHOD TARGET STATUS BYTES MICROSECONDS",
  /// no newline), from any worker thread, one at a time. Default: stderr.
  std::function<void(std::string_view)> access_log{};
};

/// Whether `host` may be served on: an address in 127.0.0.0/8 or ::1, or a
/// name all of whose addresses are (e.g. "localhost"). Otherwise fails with
/// Errc::invalid_input, `where` "--host", saying that personal health data is
/// not served to a network without accounts and authentication.
Result<void> check_loopback(const std::string& host);

/// `text` as an IP address in one spelling (an IPv4 address written as IPv6,
/// ::ffff:a.b.c.d, as a.b.c.d), or "" when it is not an address.
std::string address_key(const std::string& text);

class Server {
 public:
  /// `services` must outlive the server.
  Server(Services& services, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Checks the host (check_loopback, unless beyond_loopback), loads the TLS
  /// files, binds and listens. Fails with Errc::invalid_input for a refused
  /// or unresolvable host or unusable TLS files (`where` "--tls-cert" or
  /// "--tls-key"), Errc::io when the address cannot be bound (e.g. the port
  /// is taken).
  Result<void> listen();

  /// The port listened on (the chosen one when options.port was 0).
  std::uint16_t port() const;

  /// Serves until SIGTERM, SIGINT or stop(): then stops accepting, closes
  /// idle connections, lets requests in flight finish (each bounded by the
  /// read timeout), and returns once every connection is closed.
  void run();

  /// Begins the graceful stop. Thread-safe; may be called before run().
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trialwise::http

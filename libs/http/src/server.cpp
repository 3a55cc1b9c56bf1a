// The server: an io_context per thread, each run by its one thread, so that
// nothing a connection does needs a lock or a strand; the acceptor hands new
// connections to the contexts in turn. The first context also holds the
// acceptor, the signals and the stop. Each connection reads one request at a
// time:
//
//   idle     waiting for the first byte of a request (idle timeout);
//   reading  header, then body (one read timeout for the whole request);
//   writing  the handler's response (read timeout), then idle again.
//
// Open connections are capped in all and per client address; at a cap the
// oldest idle connection makes room, so idle floods cannot shut others out.
//
// A graceful stop closes the acceptor and every idle connection; one that is
// reading or writing finishes its request, answers with Connection: close,
// and closes. Timeouts bound how long that takes.

#include "trialwise/http/server.hpp"

#include <array>
#include <atomic>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "access_log.hpp"
#include "reply.hpp"
#include "wire.hpp"
#include "trialwise/http/handler.hpp"

namespace trialwise::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
// Every socket, stream and timer runs on one thread's io_context: its
// executor type, not any_io_executor, so that no call is type-erased.
using Executor = net::io_context::executor_type;
using Socket = net::basic_stream_socket<tcp, Executor>;
using TcpStream = beast::basic_stream<tcp, Executor>;

class Session;

// One io_context per worker thread (a concurrency hint of 1: one thread runs
// each), kept running until the server stops.
struct Worker {
  net::io_context context{1};
  net::executor_work_guard<Executor> keep{context.get_executor()};
};

unsigned thread_count(const ServerOptions& options) {
  const unsigned wanted = options.threads ? options.threads : std::thread::hardware_concurrency();
  return wanted == 0 ? 1 : wanted;
}

std::vector<std::unique_ptr<Worker>> make_workers(unsigned count) {
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned i = 0; i < count; ++i) workers.push_back(std::make_unique<Worker>());
  return workers;
}

// What the acceptor and every connection share.
struct Core {
  Core(Services& s, ServerOptions o) : services(s), options(std::move(o)) {}

  void log(std::string_view line) { access_log.write(line); }

  void accept();
  void stop();

  Services& services;
  ServerOptions options;
  std::optional<net::ssl::context> tls;  // set by listen() when options.tls is given
  // Declared before the io_context so that they outlive any connection it
  // still holds when it is destroyed.
  AccessLog access_log{options.access_log};
  struct Open {
    std::weak_ptr<Session> session;
    std::string client;  // the peer's address
  };
  std::mutex sessions_mutex;
  std::unordered_map<Session*, Open> sessions;

  // Whether a new connection from `client` may open, naming the idle one to
  // close for it when a cap is reached. Called on the control thread.
  bool admit(const std::string& client, std::shared_ptr<Session>& evict);

  std::vector<std::unique_ptr<Worker>> workers = make_workers(thread_count(options));
  net::io_context& control = workers.front()->context;  // the acceptor's, the signals' and the stop's
  net::basic_socket_acceptor<tcp, Executor> acceptor{control};
  net::basic_signal_set<Executor> signals{control, SIGINT, SIGTERM};
  net::basic_waitable_timer<SteadyClock, net::wait_traits<SteadyClock>, Executor> retry{control};
  std::size_t next_worker = 0;  // on the control thread only
  std::atomic<bool> stopping{false};
  std::uint16_t port = 0;
};

bool is_disconnect(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == net::error::eof || ec == bhttp::error::end_of_stream ||
         ec == net::error::operation_aborted || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
         ec == bhttp::error::partial_message;
}

// The request's target as the log shows it: printable and bounded.
std::string loggable(beast::string_view text) {
  std::string out(text.substr(0, 200));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  return out.empty() ? "-" : out;
}

// One open connection, whatever its stream: what the acceptor and a stop need.
class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(Core& server) : server_(server) {}
  virtual ~Session() {
    const std::lock_guard lock(server_.sessions_mutex);
    server_.sessions.erase(this);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  virtual void start() = 0;
  // From any thread: close if idle, else finish the request and close.
  virtual void stop() = 0;
  // From any thread: close if still idle (to make room for a new connection).
  virtual void evict() = 0;

  /// Since when it has waited for a request; nullopt while busy. Any thread.
  std::optional<SteadyClock::rep> idle_since() const {
    const auto since = idle_since_.load(std::memory_order_relaxed);
    return since == kBusy ? std::nullopt : std::optional<SteadyClock::rep>(since);
  }

 protected:
  static constexpr SteadyClock::rep kBusy = -1;
  Core& server_;
  std::atomic<SteadyClock::rep> idle_since_{kBusy};
};

// A connection over a plain TCP stream or TLS over one (beast::ssl_stream).
// Everything it does runs on its socket's io_context, one thread.
template <class Stream>
class Connection final : public Session {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, TcpStream>;

  template <class... StreamArgs>
  Connection(Core& server, std::string client, Socket&& socket, StreamArgs&... args)
      : Session(server), stream_(std::move(socket), args...), peer_{std::move(client), kTls} {}

  void start() override {
    beast::error_code ignored;
    tcp_layer().socket().set_option(tcp::no_delay(true), ignored);
    net::dispatch(tcp_layer().get_executor(), [self = self()] {
      if constexpr (kTls) {
        // The handshake is bounded like a request: a silent client cannot hold the connection.
        self->tcp_layer().expires_after(self->server_.options.read_timeout);
        self->stream_.async_handshake(net::ssl::stream_base::server, [self](beast::error_code ec) {
          if (ec) return self->close();
          self->wait();
        });
      } else {
        self->wait();
      }
    });
  }

  void stop() override {
    net::post(tcp_layer().get_executor(), [self = self()] { self->on_stop(); });
  }

  void evict() override {
    net::post(tcp_layer().get_executor(), [self = self()] {
      if (self->state_ == State::idle) self->tcp_layer().cancel();  // the wait ends; the connection closes
    });
  }

 private:
  enum class State { idle, reading, writing, closed };

  std::shared_ptr<Connection> self() { return std::static_pointer_cast<Connection>(shared_from_this()); }
  TcpStream& tcp_layer() { return beast::get_lowest_layer(stream_); }

  const Limits& limits() const { return server_.services.limits(); }

  void wait() {
    if (server_.stopping) return close();
    state_ = State::idle;
    idle_since_.store(SteadyClock::now().time_since_epoch().count(), std::memory_order_relaxed);
    // A pipelined request is already here: read it on a later turn, so that a
    // long pipeline neither nests calls nor keeps other connections waiting.
    if (buffer_.size() > 0) return net::post(tcp_layer().get_executor(), [self = self()] { self->read_header(); });
    tcp_layer().expires_after(server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), beast::bind_front_handler(&Connection::on_first_bytes, self()));
  }

  void on_first_bytes(beast::error_code ec, std::size_t n) {
    idle_since_.store(kBusy, std::memory_order_relaxed);
    if (ec) return close();
    buffer_.commit(n);
    read_header();
  }

  void read_header() {
    state_ = State::reading;
    idle_since_.store(kBusy, std::memory_order_relaxed);
    started_ = SteadyClock::now();
    method_ = "-";
    target_ = "-";
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits().header_bytes));
    parser_->body_limit(limits().body_bytes);
    request_timed_ = false;
    // Usually the whole request came in the first bytes: parse it here, with
    // no read operation, timer or extra turn of the event loop.
    if (buffer_.size() > 0) {
      beast::error_code ec;
      parse_buffered(ec);
      if (ec || parser_->is_header_done()) return on_header(ec, 0);
    }
    time_request();
    bhttp::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_header, self()));
  }

  // Feeds the parser what the buffer holds, header and body alike (as
  // async_read does). need_more is not an error here: the rest is read later.
  void parse_buffered(beast::error_code& ec) {
    parser_->eager(true);
    while (buffer_.size() > 0 && !parser_->is_done()) {
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == bhttp::error::need_more) ec = {};
      if (ec || used == 0) return;
    }
  }

  // One deadline for the whole request, from when reading it had to wait.
  void time_request() {
    if (request_timed_) return;
    request_timed_ = true;
    tcp_layer().expires_after(server_.options.read_timeout);
  }

  void on_header(beast::error_code ec, std::size_t) {
    // The request line is known even when a header check failed.
    if (const auto method = parser_->get().method_string(); !method.empty()) method_ = std::string(method);
    target_ = loggable(parser_->get().target());
    // Beast checks a Content-Length against the body limit with the header.
    if (ec == bhttp::error::body_limit)
      return reject(Status::payload_too_large,
                    "the body is larger than " + std::to_string(limits().body_bytes / 1024) + " KiB");
    if (ec == bhttp::error::header_limit)
      return reject(Status::request_header_fields_too_large, "the request line and headers are larger than " +
                                                                 std::to_string(limits().header_bytes / 1024) + " KiB");
    if (is_disconnect(ec)) return close();
    if (ec) return reject(Status::bad_request, "not a valid HTTP/1.1 request: " + ec.message());
    const auto& req = parser_->get();
    if (const auto length = parser_->content_length(); length && *length > limits().body_bytes)
      return reject(Status::payload_too_large,
                    "the body is larger than " + std::to_string(limits().body_bytes / 1024) + " KiB");
    if (parser_->is_done()) return on_body({}, 0);
    if (beast::iequals(req[bhttp::field::expect], "100-continue")) {
      auto go_on = std::make_shared<bhttp::response<bhttp::empty_body>>(Status::continue_, req.version());
      bhttp::async_write(stream_, *go_on, [self = self(), go_on](beast::error_code wec, std::size_t) {
        if (wec) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    time_request();
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_body, self()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit)
      return reject(Status::payload_too_large,
                    "the body is larger than " + std::to_string(limits().body_bytes / 1024) + " KiB");
    if (is_disconnect(ec)) return close();
    if (ec) return reject(Status::bad_request, "not a valid HTTP/1.1 request: " + ec.message());
    const Request req = parser_->release();
    respond(handle(req, server_.services, peer_), false);
  }

  // An error before the request could be read whole: answer and close.
  void reject(Status status, std::string message) {
    auto res = error_reply(
        status, status == Status::bad_request ? "invalid_input" : "limit",
        status == Status::bad_request ? invalid_input("", std::move(message)) : limit_reached("", std::move(message)));
    res.version(11);
    res.keep_alive(false);
    res.set(bhttp::field::server, "trialwise");
    res.prepare_payload();
    respond(std::move(res), true);
  }

  void respond(Response res, bool unread_input) {
    state_ = State::writing;
    if (server_.stopping) res.keep_alive(false);
    res_ = std::move(res);
    head_.clear();
    append_head(head_, *res_);
    tcp_layer().expires_after(server_.options.read_timeout);
    // The head and the body in one gather write (wire.hpp says why). A first
    // non-blocking send from here, skipping the asynchronous write when the
    // socket takes it all, cost more CPU a request, not less.
    const std::array<net::const_buffer, 2> buffers{net::buffer(head_), net::buffer(res_->body())};
    net::async_write(stream_, buffers, [self = self(), unread_input](beast::error_code ec, std::size_t) {
      self->on_write(ec, unread_input);
    });
  }

  void on_write(beast::error_code ec, bool unread_input) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started_).count();
    // The line is built in the head's buffer, which is done with: no allocation per request.
    std::string& line = head_;
    line.clear();
    line.append(method_).append(" ").append(target_).append(" ");
    line.append(std::to_string(res_->result_int())).append(" ");
    line.append(std::to_string(res_->body().size())).append(" ").append(std::to_string(micros));
    server_.log(line);
    const bool keep_alive = res_->keep_alive();
    res_.reset();
    if (ec) return close();
    if (unread_input) return drain();
    if (!keep_alive) return close();
    wait();
  }

  // After answering a request whose body was not read: stop sending, then
  // read and discard for a moment, so that closing with unread bytes does not
  // reset the connection before the client has read the answer.
  void drain() {
    beast::error_code ignored;
    tcp_layer().socket().shutdown(tcp::socket::shutdown_send, ignored);
    tcp_layer().expires_after(std::chrono::seconds(1));
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(16 * 1024), [self = self()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > 1024 * 1024) return self->close();
      self->drain();
    });
  }

  void on_stop() {
    if (state_ == State::idle) tcp_layer().cancel();  // the pending wait ends, and wait() sees `stopping`
  }

  void close() {
    if (state_ == State::closed) return;
    state_ = State::closed;
    idle_since_.store(kBusy, std::memory_order_relaxed);
    beast::error_code ignored;
    tcp_layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp_layer().close();
  }

  Stream stream_;
  const Peer peer_;  // who is at the other end (sign-in throttling), and whether over TLS
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<Response> res_;  // the answer being written
  std::string head_;             // its status line and fields, then the log line; memory kept between requests
  State state_ = State::idle;
  bool request_timed_ = false;  // the request's read deadline is set
  SteadyClock::time_point started_{};
  std::string method_ = "-", target_ = "-";
  std::size_t drained_ = 0;
};

bool Core::admit(const std::string& client, std::shared_ptr<Session>& evict) {
  const std::lock_guard lock(sessions_mutex);
  std::size_t mine = 0;
  for (const auto& [ptr, open] : sessions)
    if (open.client == client) ++mine;
  const bool client_full = mine >= options.max_connections_per_client;
  if (!client_full && sessions.size() < options.max_connections) return true;
  // The oldest idle connection: of this client when its own cap is reached.
  std::optional<SteadyClock::rep> oldest;
  for (const auto& [ptr, open] : sessions) {
    if (client_full && open.client != client) continue;
    auto s = open.session.lock();
    if (!s) continue;
    const auto since = s->idle_since();
    if (since && (!oldest || *since < *oldest)) {
      oldest = since;
      evict = std::move(s);
    }
  }
  return evict != nullptr;
}

void Core::accept() {
  auto& worker = workers[next_worker++ % workers.size()]->context;
  acceptor.async_accept(worker.get_executor(), [this](beast::error_code ec, Socket socket) {
    if (stopping || ec == net::error::operation_aborted) return;
    if (ec) {  // e.g. out of file descriptors: try again shortly rather than spin
      retry.expires_after(std::chrono::milliseconds(50));
      retry.async_wait([this](beast::error_code wec) {
        if (!wec && !stopping) accept();
      });
      return;
    }
    beast::error_code peer_ec;
    const std::string client = socket.remote_endpoint(peer_ec).address().to_string();
    std::shared_ptr<Session> evict;
    if (!admit(client, evict)) {  // at a cap with nothing idle: this one waits its turn elsewhere
      beast::error_code ignored;
      socket.close(ignored);
      return accept();
    }
    if (evict) evict->evict();
    std::shared_ptr<Session> session;
    if (tls)
      session = std::make_shared<Connection<beast::ssl_stream<TcpStream>>>(*this, client, std::move(socket), *tls);
    else
      session = std::make_shared<Connection<TcpStream>>(*this, client, std::move(socket));
    {
      const std::lock_guard lock(sessions_mutex);
      sessions.emplace(session.get(), Open{session, client});
    }
    session->start();
    accept();
  });
}

void Core::stop() {
  if (stopping.exchange(true)) return;
  net::post(control, [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    retry.cancel();
    std::vector<std::shared_ptr<Session>> live;
    {
      const std::lock_guard lock(sessions_mutex);
      for (auto& [ptr, open] : sessions)
        if (auto s = open.session.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live) s->stop();
    // Each context now runs until its last connection has closed.
    for (auto& worker : workers) worker->keep.reset();
  });
}

// A server context for TLS 1.2 and 1.3 only, with the given certificate chain and key.
Result<net::ssl::context> tls_context(const ServerOptions::Tls& files) {
  net::ssl::context ctx(net::ssl::context::tls_server);
  ctx.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 | net::ssl::context::no_sslv3 |
                  net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  beast::error_code ec;
  if (ctx.use_certificate_chain_file(files.cert_file, ec); ec)
    return Unexpected{
        invalid_input("--tls-cert", files.cert_file + ": not a PEM certificate chain (" + ec.message() + ")")};
  if (ctx.use_private_key_file(files.key_file, net::ssl::context::pem, ec); ec)
    return Unexpected{invalid_input("--tls-key", files.key_file + ": not a PEM private key (" + ec.message() + ")")};
  if (SSL_CTX_check_private_key(ctx.native_handle()) != 1)
    return Unexpected{invalid_input("--tls-key", files.key_file + ": does not belong to the certificate")};
  return ctx;
}

}  // namespace

struct Server::Impl : Core {
  using Core::Core;
};

Server::Server(Services& services, ServerOptions options)
    : impl_(std::make_unique<Impl>(services, std::move(options))) {}

Server::~Server() = default;

Result<void> Server::listen() {
  auto& o = impl_->options;
  if (!o.beyond_loopback)
    if (auto ok = check_loopback(o.host); !ok) return ok;
  if (o.tls) {
    auto tls = tls_context(*o.tls);
    if (!tls) return Unexpected{tls.error()};
    impl_->tls.emplace(std::move(*tls));
  }
  beast::error_code ec;
  tcp::resolver resolver(impl_->control);
  const auto results = resolver.resolve(o.host, std::to_string(o.port), tcp::resolver::numeric_service, ec);
  const std::string where = o.host + ":" + std::to_string(o.port);
  if (ec || results.empty())
    return Unexpected{invalid_input("--host", "cannot resolve \"" + o.host + "\": " + ec.message())};
  const tcp::endpoint endpoint = results.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  if (acceptor.open(endpoint.protocol(), ec); ec)
    return Unexpected{io_error(where, "cannot open a socket: " + ec.message())};
  if (acceptor.set_option(net::socket_base::reuse_address(true), ec); ec)
    return Unexpected{io_error(where, "cannot set SO_REUSEADDR: " + ec.message())};
  if (acceptor.bind(endpoint, ec); ec) return Unexpected{io_error(where, "cannot listen here: " + ec.message())};
  if (acceptor.listen(net::socket_base::max_listen_connections, ec); ec)
    return Unexpected{io_error(where, "cannot listen here: " + ec.message())};
  impl_->port = acceptor.local_endpoint(ec).port();
  impl_->services.serve_on(impl_->port);  // requests must name this port in their Host
  return {};
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::run() {
  auto& impl = *impl_;
  net::post(impl.control, [&impl] {
    if (impl.stopping) return;
    impl.signals.async_wait([&impl](beast::error_code ec, int) {
      if (!ec) impl.stop();
    });
    impl.accept();
  });
  const auto work = [&impl](net::io_context& context) {
    // A handler that throws (it should not: handle() catches) must not take
    // the server down with it.
    while (true) {
      try {
        context.run();
        return;
      } catch (const std::exception& e) {
        impl.log(std::string("trialwise: internal error in the server loop: ") + e.what());
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(impl.workers.size() - 1);
  for (std::size_t i = 1; i < impl.workers.size(); ++i) pool.emplace_back(work, std::ref(impl.workers[i]->context));
  work(impl.control);
  for (auto& t : pool) t.join();
}

void Server::stop() { impl_->stop(); }

}  // namespace trialwise::http

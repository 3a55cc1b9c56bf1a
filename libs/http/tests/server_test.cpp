#include "fixture.hpp"

#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "trialwise/http/server.hpp"

namespace trialwise::http {
namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

TEST(LoopbackTest, AcceptsOnlyThisMachine) {
  for (const char* host : {"127.0.0.1", "127.4.5.6", "::1", "localhost"}) EXPECT_TRUE(check_loopback(host)) << host;
  for (const char* host : {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "8.8.8.8", "::ffff:10.0.0.1"}) {
    auto ok = check_loopback(host);
    ASSERT_FALSE(ok) << host;
    EXPECT_EQ(ok.error().code, Errc::invalid_input);
    EXPECT_EQ(ok.error().where, "--host");
    EXPECT_NE(ok.error().message.find("authentication"), std::string::npos);
  }
}

TEST(ServerTest, RefusesToListenOnANetwork) {
  auto services =
      std::make_unique<Services>(testing::builtin_pack(), pack::builtin_pack_text(), store::make_memory_repository,
                                 [] { return Date::parse("2026-12-14", ""); });
  ServerOptions options;
  options.host = "0.0.0.0";
  Server server(*services, options);
  auto ok = server.listen();
  ASSERT_FALSE(ok);
  EXPECT_EQ(ok.error().where, "--host");
}

TEST(ServerTest, ServesSeveralRequestsOnOneConnectionAndStops) {
  Services services(testing::builtin_pack(), pack::builtin_pack_text(), store::make_memory_repository,
                    [] { return Date::parse("2026-12-14", ""); });
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  std::vector<std::string> log;
  std::mutex log_mutex;
  options.access_log = [&](std::string_view line) {
    const std::lock_guard lock(log_mutex);
    log.emplace_back(line);
  };
  Server server(services, options);
  ASSERT_TRUE(server.listen());
  ASSERT_NE(server.port(), 0);
  std::thread runner([&] { server.run(); });

  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port()));
  boost::beast::flat_buffer buffer;
  for (const char* target : {"/healthz", "/api/v1/pack", "/healthz"}) {
    Request req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(server.port()));
    bhttp::write(socket, req);
    Response res;
    bhttp::read(socket, buffer, res);
    EXPECT_EQ(res.result(), bhttp::status::ok) << target;
    EXPECT_TRUE(res.keep_alive());
  }
  server.stop();  // the idle connection is closed, and run() returns
  runner.join();
  boost::system::error_code ec;
  Response after;
  bhttp::read(socket, buffer, after, ec);
  EXPECT_TRUE(ec);  // closed by the server
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].rfind("GET /healthz 200 15 ", 0), 0u) << log[0];
}

}  // namespace
}  // namespace trialwise::http

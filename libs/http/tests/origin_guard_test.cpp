// The DNS rebinding guard and the cross-site write guard, each rule on both
// sides, without a socket; the served port is 8080.

#include "origin_guard.hpp"

#include <gtest/gtest.h>

namespace trialwise::http {
namespace {

namespace bhttp = boost::beast::http;

Request request(bhttp::verb method, const char* host, const char* origin = nullptr, const char* site = nullptr) {
  Request req{method, "/api/v1/trial", 11};
  if (host != nullptr) req.set(bhttp::field::host, host);
  if (origin != nullptr) req.set(bhttp::field::origin, origin);
  if (site != nullptr) req.set("Sec-Fetch-Site", site);
  return req;
}

const HostPolicy kServed{8080};

std::optional<unsigned> refused(const Request& req, const HostPolicy& policy = kServed) {
  auto res = guard_host_and_origin(req, policy);
  if (!res) return std::nullopt;
  return res->result_int();
}

TEST(OriginGuardTest, AnswersOnlyALoopbackHostOnThePortServed) {
  for (const char* host : {"127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080", "127.4.5.6:8080"})
    EXPECT_FALSE(refused(request(bhttp::verb::get, host))) << host;
  for (const char* host : {"evil.example:8080", "evil.example", "127.0.0.1.evil.example:8080", "192.168.1.10:8080",
                           "localhost.evil.example:8080", "0.0.0.0:8080"})
    EXPECT_EQ(refused(request(bhttp::verb::get, host)), 421u) << host;
  // The port is part of the name: another port, or none (80), is refused.
  EXPECT_EQ(refused(request(bhttp::verb::get, "127.0.0.1:8081")), 421u);
  EXPECT_EQ(refused(request(bhttp::verb::get, "localhost")), 421u);
  EXPECT_FALSE(refused(request(bhttp::verb::get, "localhost"), HostPolicy{80}));
}

TEST(OriginGuardTest, AMissingOrMalformedHostIsABadRequest) {
  EXPECT_EQ(refused(request(bhttp::verb::get, nullptr)), 400u);
  Request old{bhttp::verb::get, "/healthz", 10};  // HTTP/1.0 may leave Host out, for reads
  EXPECT_FALSE(refused(old));
  Request old_write{bhttp::verb::post, "/api/v1/trial", 10};
  EXPECT_EQ(refused(old_write), 400u);
  for (const char* host : {"", ":8080", "127.0.0.1:", "127.0.0.1:80x", "[::1", "127.0.0.1:99999"})
    EXPECT_EQ(refused(request(bhttp::verb::get, host)), 400u) << host;
}

TEST(OriginGuardTest, AWriteFromAnotherOriginIsForbidden) {
  for (auto method : {bhttp::verb::post, bhttp::verb::put, bhttp::verb::delete_, bhttp::verb::patch}) {
    EXPECT_EQ(refused(request(method, "127.0.0.1:8080", "http://evil.example")), 403u);
    EXPECT_EQ(refused(request(method, "127.0.0.1:8080", "http://127.0.0.1:9999")), 403u) << "another local port";
    EXPECT_EQ(refused(request(method, "127.0.0.1:8080", "null")), 403u);
    EXPECT_EQ(refused(request(method, "127.0.0.1:8080", "https://127.0.0.1:8080")), 403u) << "not this scheme";
    EXPECT_EQ(refused(request(method, "127.0.0.1:8080", nullptr, "cross-site")), 403u);
    // Its own pages, either loopback name, and programs that send no Origin.
    EXPECT_FALSE(refused(request(method, "127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin")));
    EXPECT_FALSE(refused(request(method, "localhost:8080", "http://localhost:8080")));
    EXPECT_FALSE(refused(request(method, "127.0.0.1:8080")));
  }
  // A read is not a write: a cross-site GET (a link) is answered, and the
  // browser keeps its body from the other site.
  EXPECT_FALSE(refused(request(bhttp::verb::get, "127.0.0.1:8080", "http://evil.example", "cross-site")));
}

TEST(OriginGuardTest, BeforeTheSocketIsBoundAnyPortIsTheServersOwn) {
  EXPECT_FALSE(refused(request(bhttp::verb::get, "127.0.0.1:1234"), HostPolicy{0}));
  EXPECT_EQ(refused(request(bhttp::verb::get, "evil.example:1234"), HostPolicy{0}), 421u);
}

}  // namespace
}  // namespace trialwise::http

// serve --accounts through the handler: the session routes, every trial
// route closed without a session, each person's data their own, throttled
// sign-ins, sign-out and expiry.

#include "accounts_fixture.hpp"

namespace trialwise::http {
namespace {

using testing::example;
using testing::verb;
namespace bhttp = boost::beast::http;

constexpr const char* kGood = testing::kGoodPassword;

class AccountsRoutesTest : public testing::AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    add("ada@example.org");
    add("grace@example.org");
  }
};

TEST_F(AccountsRoutesTest, EveryTrialRouteNeedsASessionAndThePublicOnesDoNot) {
  for (const auto& route : route_table()) {
    const std::string path(route.path);
    if (!path.starts_with("/api/v1/trial")) continue;
    std::string target = path;
    if (const auto p = target.find("{date}"); p != std::string::npos) target.replace(p, 6, "2026-12-08");
    const auto res = send(route.method, target, route.method == verb::get ? "" : "{}");
    EXPECT_EQ(res.result(), bhttp::status::unauthorized) << route.method << " " << path << ": " << res.body();
    EXPECT_EQ(error_code(res), "unauthorized");
  }
  EXPECT_EQ(send(verb::get, "/healthz").result(), bhttp::status::ok);
  EXPECT_EQ(send(verb::get, "/api/v1/pack").result(), bhttp::status::ok);
  EXPECT_EQ(send(verb::post, "/api/v1/assess", example("runner_in_heat")).result(), bhttp::status::ok);
  EXPECT_EQ(send(verb::get, "/api/v1/me").result(), bhttp::status::unauthorized);
}

TEST_F(AccountsRoutesTest, SignInSetsAStrictHttpOnlyCookieAndNeverShowsTheHash) {
  auto res =
      send(verb::post, "/api/v1/session", R"({"email": "Ada@Example.org", "password": ")" + std::string(kGood) + "\"}");
  ASSERT_EQ(res.result(), bhttp::status::no_content) << res.body();
  const std::string cookie(res[bhttp::field::set_cookie]);
  EXPECT_EQ(cookie.rfind("tw_session=", 0), 0u) << cookie;
  for (const char* attribute : {"; HttpOnly", "; SameSite=Strict", "; Path=/", "; Max-Age=43200"})
    EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute << " in " << cookie;
  const std::string token = cookie.substr(11, cookie.find(';') - 11);
  auto me = send(verb::get, "/api/v1/me", "", token);
  ASSERT_EQ(me.result(), bhttp::status::ok);
  EXPECT_EQ(json(me).at("email"), "ada@example.org");
  EXPECT_EQ(json(me).at("role"), "person");
  EXPECT_EQ(json(me).as_object().size(), 3u) << me.body();
  EXPECT_EQ(me.body().find("argon2"), std::string::npos);
}

TEST_F(AccountsRoutesTest, AWrongPasswordAndAnUnknownEmailGetTheSameAnswer) {
  auto wrong = send(verb::post, "/api/v1/session", R"({"email": "ada@example.org", "password": "not it at all"})");
  auto unknown = send(verb::post, "/api/v1/session", R"({"email": "nobody@example.org", "password": "not it at all"})");
  EXPECT_EQ(wrong.result(), bhttp::status::unauthorized);
  EXPECT_EQ(unknown.result(), bhttp::status::unauthorized);
  EXPECT_EQ(wrong.body(), unknown.body());
  EXPECT_TRUE(wrong[bhttp::field::set_cookie].empty());
  EXPECT_EQ(error_where(send(verb::post, "/api/v1/session", R"({"email": "ada@example.org"})")), "/password");
}

TEST_F(AccountsRoutesTest, EachPersonSeesOnlyTheirOwnTrial) {
  const std::string ada = sign_in("ada@example.org"), grace = sign_in("grace@example.org");
  ASSERT_EQ(start_trial(ada).result(), bhttp::status::created);
  EXPECT_EQ(send(verb::get, "/api/v1/trial", "", ada).result(), bhttp::status::ok);
  EXPECT_EQ(send(verb::get, "/api/v1/trial", "", grace).result(), bhttp::status::not_found) << "as if it did not exist";
  EXPECT_TRUE(json(send(verb::get, "/api/v1/trials", "", grace)).at("trials").as_array().empty());
  EXPECT_EQ(send(verb::put, "/api/v1/trial/days/2026-12-08", R"({"outcome": 5})", grace).result(),
            bhttp::status::not_found);
  EXPECT_EQ(send(verb::get, "/api/v1/trial/export.csv", "", grace).result(), bhttp::status::not_found);
  ASSERT_EQ(start_trial(grace).result(), bhttp::status::created) << "her own trial, beside Ada's";
  EXPECT_EQ(json(send(verb::get, "/api/v1/trials", "", ada)).at("trials").as_array().size(), 1u);
}

TEST_F(AccountsRoutesTest, ACrossSiteWriteWithASessionIsRefusedAndSavesNothing) {
  const std::string ada = sign_in("ada@example.org");
  auto res =
      send(verb::post, "/api/v1/trial", R"({"answers": )" + example("runner_in_heat") + R"(, "start": "2026-12-07"})",
           ada, "https://evil.example");
  EXPECT_EQ(res.result(), bhttp::status::forbidden);
  EXPECT_EQ(send(verb::get, "/api/v1/trial", "", ada).result(), bhttp::status::not_found);
}

TEST_F(AccountsRoutesTest, SignOutIdleAndForgedSessionsAreRefused) {
  const std::string ada = sign_in("ada@example.org");
  auto out = send(verb::delete_, "/api/v1/session", "", ada);
  EXPECT_EQ(out.result(), bhttp::status::no_content);
  EXPECT_NE(std::string(out[bhttp::field::set_cookie]).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(send(verb::get, "/api/v1/trials", "", ada).result(), bhttp::status::unauthorized);

  const std::string again = sign_in("ada@example.org");
  now_ += std::chrono::minutes(29);
  EXPECT_EQ(send(verb::get, "/api/v1/trials", "", again).result(), bhttp::status::ok);
  now_ += std::chrono::minutes(30);
  EXPECT_EQ(send(verb::get, "/api/v1/trials", "", again).result(), bhttp::status::unauthorized) << "idle 30 minutes";
  EXPECT_EQ(send(verb::get, "/api/v1/trials", "", "forged-token").result(), bhttp::status::unauthorized);
}

TEST_F(AccountsRoutesTest, RepeatedFailuresAreAnswered429WithRetryAfter) {
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(
        send(verb::post, "/api/v1/session", R"({"email": "ada@example.org", "password": "wrong wrong"})").result(),
        bhttp::status::unauthorized);
  auto res =
      send(verb::post, "/api/v1/session", R"({"email": "ada@example.org", "password": ")" + std::string(kGood) + "\"}");
  EXPECT_EQ(res.result(), bhttp::status::too_many_requests);
  EXPECT_EQ(res[bhttp::field::retry_after], "1");
  now_ += std::chrono::seconds(1);
  EXPECT_EQ(
      send(verb::post, "/api/v1/session", R"({"email": "ada@example.org", "password": ")" + std::string(kGood) + "\"}")
          .result(),
      bhttp::status::no_content);
}

// Session fixation: a token the client already holds (planted or old) is
// never the session a sign-in makes.
TEST_F(AccountsRoutesTest, SignInAlwaysMakesANewToken) {
  const std::string first = sign_in("ada@example.org");
  const std::string body = R"({"email": "ada@example.org", "password": ")" + std::string(kGood) + "\"}";
  auto res = send(verb::post, "/api/v1/session", body, first);
  ASSERT_EQ(res.result(), bhttp::status::no_content);
  const std::string cookie(res[bhttp::field::set_cookie]);
  const std::string second = cookie.substr(11, cookie.find(';') - 11);
  EXPECT_NE(second, first);
  EXPECT_EQ(second.size(), 43u);
  auto planted = send(verb::post, "/api/v1/session", body, "attacker-chosen-token");
  EXPECT_EQ(std::string(planted[bhttp::field::set_cookie]).find("attacker-chosen-token"), std::string::npos);
  EXPECT_EQ(send(verb::get, "/api/v1/me", "", "attacker-chosen-token").result(), bhttp::status::unauthorized);
}

// Behind a reverse proxy (--trust-proxy), the client is the one the proxy
// names, but only when the proxy itself is on loopback.
TEST_F(AccountsRoutesTest, ATrustedProxyNamesTheClientForThrottlingAndTls) {
  // Each attempt names another unknown email: only the client's count matters here.
  int n = 0;
  const auto attempt = [this, &n](const std::string& forwarded_for, const std::string& proto = "") {
    Request req{verb::post, "/api/v1/session", 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::content_type, "application/json");
    if (!forwarded_for.empty()) req.set("X-Forwarded-For", forwarded_for);
    if (!proto.empty()) req.set("X-Forwarded-Proto", proto);
    req.body() = R"({"email": "nobody)" + std::to_string(++n) + R"(@example.org", "password": "wrong wrong"})";
    req.prepare_payload();
    return handle(req, services_, Peer{client_});
  };
  client_ = "127.0.0.1";
  services_.trust_proxy(true);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(attempt("203.0.113.9, 198.51.100.7").result(), bhttp::status::unauthorized);
  EXPECT_EQ(attempt("198.51.100.7").result(), bhttp::status::too_many_requests) << "the last entry is the client";
  EXPECT_EQ(attempt("198.51.100.8").result(), bhttp::status::unauthorized) << "another client is not held back";

  // Not trusted: every request is the proxy's own address.
  services_.trust_proxy(false);
  for (int i = 0; i < 5; ++i) attempt("192.0.2.50");
  EXPECT_EQ(attempt("192.0.2.51").result(), bhttp::status::too_many_requests);

  // Trusted, but from a peer that is not loopback: the header is ignored.
  services_.trust_proxy(true);
  client_ = "192.0.2.77";
  for (int i = 0; i < 5; ++i) attempt("10.0.0.1");
  EXPECT_EQ(attempt("10.0.0.2").result(), bhttp::status::too_many_requests);

  // A proxy on another host, named by its address (serve --proxy): trusted;
  // any other host's header is still ignored.
  services_.trust_proxy(false);
  services_.trust_proxies_at({"10.0.0.5"});
  client_ = "::ffff:10.0.0.5";  // as an IPv6 socket reports an IPv4 peer
  for (int i = 0; i < 5; ++i) ASSERT_EQ(attempt("198.51.100.60").result(), bhttp::status::unauthorized);
  EXPECT_EQ(attempt("198.51.100.60").result(), bhttp::status::too_many_requests);
  EXPECT_EQ(attempt("198.51.100.61").result(), bhttp::status::unauthorized) << "the proxy's clients are told apart";
  client_ = "10.0.0.6";
  for (int i = 0; i < 5; ++i) attempt("198.51.100.70");
  EXPECT_EQ(attempt("198.51.100.71").result(), bhttp::status::too_many_requests) << "10.0.0.6 is not the proxy";
  services_.trust_proxies_at({});
  services_.trust_proxy(true);

  // X-Forwarded-Proto: https from the proxy makes the cookie Secure and adds HSTS.
  client_ = "127.0.0.1";
  Request req{verb::post, "/api/v1/session", 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::content_type, "application/json");
  req.set("X-Forwarded-For", "198.51.100.200");
  req.set("X-Forwarded-Proto", "https");
  req.body() = R"({"email": "grace@example.org", "password": ")" + std::string(kGood) + "\"}";
  req.prepare_payload();
  auto res = handle(req, services_, Peer{client_});
  ASSERT_EQ(res.result(), bhttp::status::no_content) << res.body();
  EXPECT_NE(std::string(res[bhttp::field::set_cookie]).find("; Secure"), std::string::npos);
  EXPECT_EQ(res[bhttp::field::strict_transport_security], "max-age=31536000");
}

TEST(AccountsOffTest, TheSessionRoutesDoNotExistWithoutAccounts) {
  Services services{testing::builtin_pack(), pack::builtin_pack_text(),
                    []() -> Result<std::unique_ptr<store::TrialRepository>> { return store::make_memory_repository(); },
                    [] { return Date::parse("2026-12-14", "today"); }};
  for (const auto& [method, path] : {std::pair{verb::get, "/api/v1/me"}, std::pair{verb::delete_, "/api/v1/session"}}) {
    Request req{method, path, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    EXPECT_EQ(handle(req, services).result(), bhttp::status::not_found);
  }
  Request status{verb::get, "/api/v1/trials", 11};
  status.set(bhttp::field::host, "127.0.0.1");
  EXPECT_EQ(handle(status, services).result(), bhttp::status::ok) << "the local person needs no sign-in";
}

}  // namespace
}  // namespace trialwise::http

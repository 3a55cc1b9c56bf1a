#pragma once

// serve --accounts through the handler, over a real SQLite database in a
// temporary folder (trials, products, accounts and consent in one file, as
// the server keeps them): requests with a session cookie, an Origin, and a
// clock the test moves.

#include <chrono>
#include <optional>

#include "fixture.hpp"
#include "trialwise/core/utc_time.hpp"
#include "trialwise/service/accounts.hpp"
#include "trialwise/service/database.hpp"
#include "trialwise/test_support/temp_dir.hpp"

namespace trialwise::http::testing {

inline constexpr const char* kGoodPassword = "correct horse battery staple";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    services_.use_accounts([this] { return database().accounts(); }, [this] { return database().sharing(); });
    services_.set_clock([this] { return now_; });
  }

  service::Database& database() {
    if (!db_) db_ = *service::Database::open(dir_.file("trialwise.db"));
    return *db_;
  }
  std::string db_file() const { return dir_.file("trialwise.db"); }

  /// A new account (the password kGoodPassword); its id.
  model::AccountId add(const std::string& email, model::Role role = model::Role::person) {
    auto repo = database().accounts();
    auto added = service::Accounts(**repo).add({email, role, kGoodPassword});
    EXPECT_TRUE(added) << to_string(added.error());
    return added ? added->id : 0;
  }

  Response send(verb method, const std::string& target, const std::string& body = "", const std::string& token = "",
                const std::string& origin = "") {
    Request req{method, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!token.empty()) req.set(bhttp::field::cookie, "theme=dark; tw_session=" + token);
    if (!origin.empty()) req.set(bhttp::field::origin, origin);
    if (!body.empty() || method == verb::post || method == verb::put) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
      req.prepare_payload();
    }
    return handle(req, services_, Peer{client_});
  }

  /// The session token a Set-Cookie header carries ("" if none).
  static std::string cookie_token(const Response& res) {
    const std::string cookie(res[bhttp::field::set_cookie]);
    const auto start = cookie.find('=');
    if (start == std::string::npos) return "";
    return cookie.substr(start + 1, cookie.find(';') - start - 1);
  }

  /// Signs in and returns the session token from the cookie.
  std::string sign_in(const std::string& email, const std::string& password = kGoodPassword) {
    auto res = send(verb::post, "/api/v1/session", R"({"email": ")" + email + R"(", "password": ")" + password + "\"}");
    EXPECT_EQ(res.result(), bhttp::status::no_content) << res.body();
    return cookie_token(res);
  }

  Response start_trial(const std::string& token, const std::string& answers = "runner_in_heat") {
    return send(verb::post, "/api/v1/trial",
                R"({"answers": )" + example(answers) + R"(, "start": "2026-12-07", "product": "Powder",)" +
                    R"( "g_per_serving": 5})",
                token);
  }

  /// A coach's invitation token.
  std::string invite(const std::string& coach_token) {
    auto res = send(verb::post, "/api/v1/invitations", "{}", coach_token);
    EXPECT_EQ(res.result(), bhttp::status::created) << res.body();
    if (res.result() != bhttp::status::created) return "";
    return std::string(json(res).at("token").as_string());
  }

  /// `person` accepts an invitation from the coach, sharing `share` (a JSON array).
  Response accept(const std::string& invitation, const std::string& person_token, const std::string& share) {
    return send(verb::post, "/api/v1/invitations/" + invitation + "/accept", R"({"share": )" + share + "}",
                person_token);
  }

  static boost::json::value json(const Response& res) { return *json::parse(res.body()); }
  static std::string error_code(const Response& res) {
    return std::string(json(res).at("error").at("code").as_string());
  }
  static std::string error_where(const Response& res) {
    return std::string(json(res).at("error").at("where").as_string());
  }

  test_support::TempDir dir_;
  std::optional<service::Database> db_;
  std::string today_ = "2026-12-14";
  Services services_{builtin_pack(),
                     pack::builtin_pack_text(),
                     [this] { return database().trials(); },
                     [this] { return Date::parse(today_, "today"); },
                     Limits{},
                     [this] { return database().products(); }};
  service::Clock::time_point now_ = *parse_utc_iso8601("2026-12-14T09:00:00Z");
  std::string client_ = "192.0.2.1";
};

}  // namespace trialwise::http::testing

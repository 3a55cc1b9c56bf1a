// Every route, as every kind of user, with the status each must get: the
// table the clinic server's isolation rests on. A person's data reaches only
// that person and a coach they share it with; to anyone else it does not
// exist (404, not 403), and no answer to them carries a word of it. A new
// route fails this test until it has its row. Every GET row is asked with
// HEAD too, which must answer alike.

#include <array>
#include <set>

#include "accounts_fixture.hpp"

namespace trialwise::http {
namespace {

using testing::verb;
namespace bhttp = boost::beast::http;

// The kinds of user, in the order of each row's statuses.
enum Who : std::size_t { anonymous, owner, other_person, coach_without, coach_with, coach_revoked, admin, kinds };
constexpr std::array<const char*, kinds> kWhoNames = {
    "anonymous", "owner", "another person", "coach without", "coach with share", "coach after revoke", "admin"};

// Words only the owner typed: no answer to anyone else may carry them.
constexpr const char* kOwnerWords = "OWNER-ONLY-NOTE";

struct Row {
  verb method;
  std::string path;  // as in the route table; {date}, {client}, {coach} and {token} are filled in
  std::string body;
  std::array<int, kinds> want;
};

const std::string kPassword = std::string(R"({"password": ")") + testing::kGoodPassword + "\"}";

// The rows, in the order they run: reads, then writes, then what ends sessions and accounts.
std::vector<Row> rows() {
  using A = std::array<int, kinds>;
  const A all200{200, 200, 200, 200, 200, 200, 200};
  const A signed_in{401, 200, 200, 200, 200, 200, 200};
  const A own_trial{401, 200, 200, 404, 404, 404, 404};  // the owner and the other person each have a trial
  const A client_view{401, 404, 404, 404, 200, 404, 404};
  const A coaches_only{401, 403, 403, 200, 200, 200, 403};
  const A owner_share{401, 200, 404, 404, 404, 404, 404};
  const std::string answers = testing::example("runner_in_heat");
  return {
      {verb::get, "/healthz", "", all200},
      {verb::get, "/api/v1/openapi.json", "", all200},
      {verb::get, "/api/v1/pack", "", all200},
      {verb::post, "/api/v1/assess", answers, all200},
      {verb::post, "/api/v1/plan", R"({"answers": )" + answers + R"(, "start": "2026-12-21"})", all200},
      {verb::post,
       "/api/v1/session",
       R"({"email": "x{who}@example.org", "password": "not the password"})",
       {401, 401, 401, 401, 401, 401, 401}},
      {verb::get, "/api/v1/session", "", all200},
      {verb::get, "/api/v1/me", "", signed_in},
      {verb::get, "/api/v1/me/access-log", "", signed_in},
      {verb::get, "/api/v1/me/export", "", signed_in},
      {verb::get, "/api/v1/shares", "", signed_in},
      {verb::get, "/api/v1/invitations/{token}", "", all200},
      {verb::get, "/api/v1/trials", "", signed_in},
      {verb::get, "/api/v1/trial", "", own_trial},
      {verb::get, "/api/v1/trial/days", "", own_trial},
      {verb::get, "/api/v1/trial/days/{date}/history", "", own_trial},
      {verb::get, "/api/v1/trial/export.csv", "", own_trial},
      {verb::get, "/api/v1/trial/export.json", "", own_trial},
      {verb::get, "/api/v1/trial/export.fhir.json", "", own_trial},
      {verb::get, "/api/v1/trial/export.ics", "", own_trial},
      {verb::get, "/api/v1/trial/export.html", "", own_trial},
      {verb::get, "/api/v1/trial/review", "", own_trial},
      {verb::get, "/api/v1/clients", "", coaches_only},
      {verb::get, "/api/v1/clients/series", "", coaches_only},
      {verb::get, "/api/v1/clients/series.svg", "", coaches_only},
      {verb::get, "/api/v1/clients/{client}/trial", "", client_view},
      {verb::get, "/api/v1/clients/{client}/trial/days", "", client_view},
      {verb::get, "/api/v1/clients/{client}/review", "", client_view},
      {verb::get, "/api/v1/clients/{client}/export.html", "", client_view},
      // Writes: each acts on the caller's own data, never on the owner's.
      {verb::put, "/api/v1/trial/days/{date}", R"({"outcome": 3})", own_trial},
      {verb::post,
       "/api/v1/trial/amendments",
       R"({"reason": "travel", "review_date": "2027-01-18"})",
       {401, 201, 201, 404, 404, 404, 404}},
      {verb::post, "/api/v1/trial/review/record", "", own_trial},
      {verb::post,
       "/api/v1/trial",
       R"({"answers": )" + answers + R"(, "start": "2026-12-21", "product": "Powder", "g_per_serving": 5})",
       {401, 409, 409, 201, 201, 201, 201}},
      {verb::post, "/api/v1/invitations", "{}", {401, 403, 403, 201, 201, 201, 403}},
      {verb::post,
       "/api/v1/invitations/{token}/accept",
       R"({"share": ["status"]})",
       {400, 201, 201, 201, 201, 201, 201}},
      {verb::post, "/api/v1/accounts", kPassword, {403, 403, 403, 403, 403, 403, 403}},
      {verb::put, "/api/v1/shares/{coach}", R"({"share": ["status", "review", "report"]})", owner_share},
      {verb::delete_, "/api/v1/shares/{coach}", "", {401, 204, 404, 404, 404, 404, 404}},
      {verb::delete_, "/api/v1/session", "", {204, 204, 204, 204, 204, 204, 204}},
      {verb::delete_, "/api/v1/me", kPassword, {401, 204, 204, 204, 204, 204, 204}},
  };
}

class IsolationTest : public testing::AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    const std::array<std::pair<const char*, model::Role>, kinds> accounts = {{
        {"", model::Role::person},
        {"owner@example.org", model::Role::person},
        {"other@example.org", model::Role::person},
        {"none@example.org", model::Role::coach},
        {"with@example.org", model::Role::coach},
        {"revoked@example.org", model::Role::coach},
        {"admin@example.org", model::Role::admin},
    }};
    for (std::size_t who = owner; who < kinds; ++who) {
      emails_[who] = accounts[who].first;
      ids_[who] = add(emails_[who], accounts[who].second);
    }
    inviter_ = add("inviter@example.org", model::Role::coach);
    sign_everyone_in();
    for (const std::size_t who : {owner, other_person}) {
      ASSERT_EQ(start_trial(tokens_[who]).result(), bhttp::status::created);
      const std::string note = who == owner ? kOwnerWords : "the other person's own note";
      ASSERT_LT(
          send(verb::put, "/api/v1/trial/days/2026-12-08", R"({"outcome": 5, "note": ")" + note + "\"}", tokens_[who])
              .result_int(),
          300);
    }
    for (const std::size_t coach : {coach_with, coach_revoked}) {
      auto res = accept(invite(tokens_[coach]), tokens_[owner], R"(["status", "review", "report"])");
      ASSERT_EQ(res.result(), bhttp::status::created) << res.body();
    }
    ASSERT_EQ(send(verb::delete_, "/api/v1/shares/" + std::to_string(ids_[coach_revoked]), "", tokens_[owner]).result(),
              bhttp::status::no_content);
  }

  void sign_everyone_in() {
    for (std::size_t who = owner; who < kinds; ++who) tokens_[who] = sign_in(emails_[who]);
  }

  std::string target(const std::string& pattern) {
    std::string out = pattern;
    const auto fill = [&out](const std::string& name, const std::string& value) {
      if (const auto p = out.find(name); p != std::string::npos) out.replace(p, name.size(), value);
    };
    fill("{date}", "2026-12-08");
    fill("{client}", std::to_string(ids_[owner]));
    fill("{coach}", std::to_string(ids_[coach_with]));
    if (out.find("{token}") != std::string::npos) fill("{token}", invite(inviter_token_));
    if (out.starts_with("/api/v1/clients/series")) out += "?protocol=gut_focused_trial&outcome=gut_symptoms";
    return out;
  }

  std::array<std::string, kinds> emails_{}, tokens_{};
  std::array<model::AccountId, kinds> ids_{};
  model::AccountId inviter_ = 0;
  std::string inviter_token_;
};

TEST_F(IsolationTest, EveryRouteAnswersEveryKindOfUserAsItMust) {
  inviter_token_ = sign_in("inviter@example.org");
  std::set<std::string> covered;
  for (const auto& row : rows()) {
    covered.insert(std::string(bhttp::to_string(row.method)) + " " + row.path);
    for (std::size_t who = anonymous; who < kinds; ++who) {
      // Each kind of user from its own address, so that one cell's failed
      // sign-in does not throttle the next.
      client_ = "192.0.2." + std::to_string(10 + who);
      std::string body = row.body;
      if (const auto p = body.find("{who}"); p != std::string::npos) body.replace(p, 5, std::to_string(who));
      const auto res = send(row.method, target(row.path), body, tokens_[who]);
      const std::string cell = std::string(bhttp::to_string(row.method)) + " " + row.path + " as " + kWhoNames[who];
      EXPECT_EQ(res.result_int(), row.want[who]) << cell << ": " << res.body().substr(0, 300);
      if (row.method == verb::get) {  // HEAD: the same answer without its body
        const auto head = send(verb::head, target(row.path), "", tokens_[who]);
        EXPECT_EQ(head.result_int(), row.want[who]) << "HEAD for " << cell;
        EXPECT_TRUE(head.body().empty()) << "HEAD for " << cell;
      }
      const bool may_see = who == owner || (who == coach_with && row.path.starts_with("/api/v1/clients/"));
      if (!may_see) {
        EXPECT_EQ(res.body().find(kOwnerWords), std::string::npos) << cell << " leaks the owner's words";
      }
      // A series names the clients in it: only the coach the owner shares with may see the owner there.
      if (row.path.starts_with("/api/v1/clients/series") && who != coach_with) {
        EXPECT_EQ(res.body().find(emails_[owner]), std::string::npos) << cell << " names the owner";
      } else if (row.path == "/api/v1/clients/series") {  // the plot draws only trials pooled
        EXPECT_NE(res.body().find(emails_[owner]), std::string::npos) << cell << " leaves the sharing client out";
      }
    }
    if (row.method == verb::delete_ && row.path == "/api/v1/session") sign_everyone_in();
  }
  std::set<std::string> routes;
  for (const auto& r : route_table())
    routes.insert(std::string(bhttp::to_string(r.method)) + " " + std::string(r.path));
  EXPECT_EQ(covered, routes) << "every route has its row";
}

}  // namespace
}  // namespace trialwise::http

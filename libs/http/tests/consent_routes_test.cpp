// Consent through the handler: a coach invites, a person accepts (signed in
// or by creating an account through the invitation) and chooses what to
// share; the coach sees exactly that, read-only, every look recorded for the
// person; changed or revoked, at once. Then a person's data whole: export,
// and deletion checked in the database itself.

#include <sqlite3.h>

#include "accounts_fixture.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/consent.hpp"

namespace trialwise::http {
namespace {

using testing::verb;
namespace bhttp = boost::beast::http;

class ConsentRoutesTest : public testing::AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    coach_id_ = add("coach@example.org", model::Role::coach);
    person_id_ = add("ada@example.org");
    coach_ = sign_in("coach@example.org");
    person_ = sign_in("ada@example.org");
  }

  // The person shares `share` with the coach through a new invitation.
  void share(const std::string& share_json) {
    auto res = accept(invite(coach_), person_, share_json);
    ASSERT_EQ(res.result(), bhttp::status::created) << res.body();
  }

  void log_day(const std::string& token, const std::string& date, const std::string& note) {
    boost::json::object day{{"outcome", 4}, {"doses_taken", 2}, {"note", note}};
    auto res = send(verb::put, "/api/v1/trial/days/" + date, json::to_text(day), token);
    ASSERT_LT(res.result_int(), 300) << res.body();
  }

  std::string client(const std::string& part) {
    return "/api/v1/clients/" + std::to_string(person_id_) + (part.empty() ? "" : "/" + part);
  }

  model::AccountId coach_id_ = 0, person_id_ = 0;
  std::string coach_, person_, grace_token_;
};

TEST_F(ConsentRoutesTest, TheCoachSeesExactlyWhatIsSharedAndNothingOnceRevoked) {
  ASSERT_EQ(start_trial(person_).result(), bhttp::status::created);
  log_day(person_, "2026-12-08", "slept badly");
  EXPECT_EQ(send(verb::get, client("trial"), "", coach_).result(), bhttp::status::not_found) << "nothing shared yet";
  EXPECT_TRUE(json(send(verb::get, "/api/v1/clients", "", coach_)).at("clients").as_array().empty());

  share(R"(["status"])");
  auto clients = json(send(verb::get, "/api/v1/clients", "", coach_)).at("clients").as_array();
  ASSERT_EQ(clients.size(), 1u);
  const auto& row = clients[0].as_object();
  EXPECT_EQ(row.at("client").at("email"), "ada@example.org");
  EXPECT_EQ(row.at("trial").at("phase"), "active");
  EXPECT_EQ(row.at("trial").at("last_logged"), "2026-12-08");
  EXPECT_TRUE(row.at("trial").at("verdict").is_null()) << "the review is not shared";
  EXPECT_EQ(send(verb::get, client("trial"), "", coach_).result(), bhttp::status::ok);
  auto days = send(verb::get, client("trial/days"), "", coach_);
  ASSERT_EQ(days.result(), bhttp::status::ok);
  EXPECT_EQ(json(days).at("entries").as_array().size(), 1u);
  EXPECT_EQ(send(verb::get, client("review"), "", coach_).result(), bhttp::status::not_found);
  EXPECT_EQ(send(verb::get, client("export.html"), "", coach_).result(), bhttp::status::not_found);

  // More shared: at once.
  auto changed =
      send(verb::put, "/api/v1/shares/" + std::to_string(coach_id_), R"({"share": ["review", "report"]})", person_);
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  EXPECT_EQ(send(verb::get, client("trial"), "", coach_).result(), bhttp::status::not_found);
  EXPECT_EQ(send(verb::get, client("review"), "", coach_).result(), bhttp::status::ok);
  EXPECT_EQ(send(verb::get, client("export.html"), "", coach_).result(), bhttp::status::ok);

  // Revoked: nothing, as if the client did not exist.
  auto revoked = send(verb::delete_, "/api/v1/shares/" + std::to_string(coach_id_), "", person_);
  EXPECT_EQ(revoked.result(), bhttp::status::no_content);
  for (const char* part : {"trial", "trial/days", "review", "export.html"})
    EXPECT_EQ(send(verb::get, client(part), "", coach_).result(), bhttp::status::not_found) << part;
  EXPECT_TRUE(json(send(verb::get, "/api/v1/clients", "", coach_)).at("clients").as_array().empty());
  EXPECT_EQ(send(verb::delete_, "/api/v1/shares/" + std::to_string(coach_id_), "", person_).result(),
            bhttp::status::not_found);
}

TEST_F(ConsentRoutesTest, TheCoachCannotWriteAClientsData) {
  ASSERT_EQ(start_trial(person_).result(), bhttp::status::created);
  share(R"(["status", "review", "report"])");
  // No route writes to /clients; the trial routes act on the coach's own (absent) trial.
  EXPECT_EQ(send(verb::put, client("trial"), "{}", coach_).result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(send(verb::put, "/api/v1/trial/days/2026-12-08", R"({"outcome": 1})", coach_).result(),
            bhttp::status::not_found);
  EXPECT_TRUE(json(send(verb::get, "/api/v1/trial/days", "", person_)).at("entries").as_array().empty());
}

TEST_F(ConsentRoutesTest, AnInvitationIsSingleUseAndLastsSevenDays) {
  const auto other = add("grace@example.org");
  (void)other;
  const auto grace = sign_in("grace@example.org");
  const auto token = invite(coach_);
  auto seen = send(verb::get, "/api/v1/invitations/" + token);
  ASSERT_EQ(seen.result(), bhttp::status::ok);
  EXPECT_EQ(json(seen).at("coach").at("email"), "coach@example.org");
  EXPECT_EQ(accept(token, person_, R"(["status"])").result(), bhttp::status::created);
  auto again = accept(token, grace, R"(["status"])");
  EXPECT_EQ(again.result(), bhttp::status::not_found) << again.body();
  EXPECT_EQ(send(verb::get, "/api/v1/invitations/" + token).result(), bhttp::status::not_found);

  const auto later = invite(coach_);
  now_ += service::kInvitationLifetime - std::chrono::seconds(1);
  grace_token_ = sign_in("grace@example.org");
  EXPECT_EQ(send(verb::get, "/api/v1/invitations/" + later).result(), bhttp::status::ok);
  now_ += std::chrono::seconds(1);
  EXPECT_EQ(accept(later, grace_token_, R"(["status"])").result(), bhttp::status::not_found) << "expired";
  EXPECT_EQ(send(verb::get, "/api/v1/invitations/not-a-token").result(), bhttp::status::not_found);
}

TEST_F(ConsentRoutesTest, ChoicesAreCheckedAndACoachCannotAcceptTheirOwn) {
  const auto token = invite(coach_);
  auto none = accept(token, person_, "[]");
  EXPECT_EQ(none.result(), bhttp::status::bad_request);
  EXPECT_EQ(error_where(none), "/share");
  auto unknown = accept(token, person_, R"(["everything"])");
  EXPECT_EQ(unknown.result(), bhttp::status::bad_request);
  EXPECT_NE(json(unknown).at("error").at("message").as_string().find("everything"), std::string::npos);
  EXPECT_EQ(accept(token, coach_, R"(["status"])").result(), bhttp::status::bad_request);
  EXPECT_EQ(accept(token, person_, R"(["status"])").result(), bhttp::status::created) << "still unused";
}

TEST_F(ConsentRoutesTest, OnlyACoachInvitesAndHasClients) {
  add("admin@example.org", model::Role::admin);
  const auto admin = sign_in("admin@example.org");
  for (const auto& token : {person_, admin}) {
    auto res = send(verb::post, "/api/v1/invitations", "{}", token);
    EXPECT_EQ(res.result(), bhttp::status::forbidden);
    EXPECT_EQ(send(verb::get, "/api/v1/clients", "", token).result(), bhttp::status::forbidden);
  }
  auto made = send(verb::post, "/api/v1/invitations", "{}", coach_);
  ASSERT_EQ(made.result(), bhttp::status::created);
  const std::string url(json(made).at("url").as_string());
  EXPECT_EQ(url, "http://127.0.0.1/#/join/" + std::string(json(made).at("token").as_string()));
  EXPECT_EQ(json(made).at("expires"), "2026-12-21T09:00:00Z");
}

TEST_F(ConsentRoutesTest, SomeoneWithoutAnAccountJoinsThroughTheInvitation) {
  const auto token = invite(coach_);
  auto weak = send(verb::post, "/api/v1/invitations/" + token + "/accept",
                   R"({"email": "new@example.org", "password": "short", "share": ["status"]})");
  EXPECT_EQ(weak.result(), bhttp::status::bad_request);
  EXPECT_EQ(error_where(weak), "/password");
  auto joined = send(verb::post, "/api/v1/invitations/" + token + "/accept",
                     R"({"email": "new@example.org", "password": ")" + std::string(testing::kGoodPassword) +
                         R"(", "share": ["status", "review"]})");
  ASSERT_EQ(joined.result(), bhttp::status::created) << joined.body();
  EXPECT_EQ(json(joined).at("account").at("role"), "person");
  const auto session = cookie_token(joined);
  ASSERT_FALSE(session.empty());
  EXPECT_EQ(json(send(verb::get, "/api/v1/me", "", session)).at("email"), "new@example.org");
  EXPECT_EQ(json(send(verb::get, "/api/v1/clients", "", coach_)).at("clients").as_array().size(), 1u);

  // The invitation is used: nobody else gains an account through it.
  auto again = send(verb::post, "/api/v1/invitations/" + token + "/accept",
                    R"({"email": "third@example.org", "password": ")" + std::string(testing::kGoodPassword) +
                        R"(", "share": ["status"]})");
  EXPECT_EQ(again.result(), bhttp::status::not_found);
  EXPECT_FALSE(*(*database().accounts())->find_account("third@example.org"));
}

TEST_F(ConsentRoutesTest, SignUpIsClosedUnlessOpened) {
  const std::string body =
      R"({"email": "walk-in@example.org", "password": ")" + std::string(testing::kGoodPassword) + "\"}";
  EXPECT_EQ(send(verb::post, "/api/v1/accounts", body).result(), bhttp::status::forbidden);
  services_.open_signup(true);
  auto res = send(verb::post, "/api/v1/accounts", body);
  ASSERT_EQ(res.result(), bhttp::status::created) << res.body();
  EXPECT_EQ(json(res).at("role"), "person");
  EXPECT_FALSE(cookie_token(res).empty());
  EXPECT_EQ(send(verb::post, "/api/v1/accounts", body).result(), bhttp::status::conflict);
}

TEST_F(ConsentRoutesTest, EveryLookIsRecordedForThePerson) {
  ASSERT_EQ(start_trial(person_).result(), bhttp::status::created);
  share(R"(["status", "review", "report"])");
  ASSERT_EQ(send(verb::get, client("trial"), "", coach_).result(), bhttp::status::ok);
  now_ += std::chrono::minutes(5);
  ASSERT_EQ(send(verb::get, client("export.html"), "", coach_).result(), bhttp::status::ok);
  ASSERT_EQ(send(verb::get, client("review"), "", coach_).result(), bhttp::status::ok);
  ASSERT_EQ(send(verb::get, client("review") + "?as_of=someday", "", coach_).result(), bhttp::status::bad_request);
  auto looks = json(send(verb::get, "/api/v1/me/access-log", "", person_)).at("looks").as_array();
  ASSERT_EQ(looks.size(), 3u) << "a look that showed nothing is not one";
  EXPECT_EQ(looks[0].at("what"), "review");
  EXPECT_EQ(looks[1].at("what"), "clinician's report");
  EXPECT_EQ(looks[1].at("viewer").at("email"), "coach@example.org");
  EXPECT_EQ(looks[1].at("at"), "2026-12-14T09:05:00Z");
  EXPECT_EQ(looks[2].at("what"), "trial status");
  EXPECT_EQ(looks[2].at("at"), "2026-12-14T09:00:00Z");
  EXPECT_TRUE(json(send(verb::get, "/api/v1/me/access-log", "", coach_)).at("looks").as_array().empty());
}

// What one person typed reaches another person's screen here: every view a
// coach has of it is escaped (HTML) or JSON that is never sniffed into HTML.
TEST_F(ConsentRoutesTest, AClientsTextReachesTheCoachEscaped) {
  const std::string script = "<script>alert(1)</script>";
  const std::string image = "<img src=x onerror=alert(2)>";
  // The report shows the product's name and the amendments' reasons; the
  // day views show the notes.
  auto started = send(verb::post, "/api/v1/trial",
                      R"({"answers": )" + testing::example("runner_in_heat") +
                          R"(, "start": "2026-12-07", "product": ")" + script + R"(", "g_per_serving": 5})",
                      person_);
  ASSERT_EQ(started.result(), bhttp::status::created) << started.body();
  log_day(person_, "2026-12-08", script + " and " + image);
  auto amended = send(verb::post, "/api/v1/trial/amendments",
                      R"({"reason": ")" + image + R"(", "review_date": "2027-01-18"})", person_);
  ASSERT_EQ(amended.result(), bhttp::status::created) << amended.body();
  share(R"(["status", "review", "report"])");

  auto report = send(verb::get, client("export.html"), "", coach_);
  ASSERT_EQ(report.result(), bhttp::status::ok);
  EXPECT_EQ(report[bhttp::field::content_type].substr(0, 9), "text/html");
  for (const auto& raw : {script, image})
    EXPECT_EQ(report.body().find(raw), std::string::npos) << raw << " unescaped in the report";
  EXPECT_NE(report.body().find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << "the product, escaped";
  EXPECT_NE(report.body().find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos) << "the reason, escaped";
  EXPECT_NE(report["Content-Security-Policy"].find("script-src"), std::string::npos) << "and no inline script runs";

  for (const char* part : {"trial", "trial/days", "review"}) {
    auto res = send(verb::get, client(part), "", coach_);
    ASSERT_EQ(res.result(), bhttp::status::ok) << part;
    EXPECT_EQ(res[bhttp::field::content_type], "application/json") << part;
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff") << part;
  }
  // In JSON the text is the person's, exactly: the web app shows it as text.
  auto days = json(send(verb::get, client("trial/days"), "", coach_));
  EXPECT_EQ(days.at("entries").as_array()[0].at("note").as_string(), script + " and " + image);
  auto clients = json(send(verb::get, "/api/v1/clients", "", coach_));
  EXPECT_EQ(clients.at("clients").as_array()[0].at("trial").at("product").as_string(), script);
}

TEST_F(ConsentRoutesTest, ThePersonDownloadsEverythingAndNeverAHash) {
  ASSERT_EQ(start_trial(person_).result(), bhttp::status::created);
  log_day(person_, "2026-12-08", "first");
  log_day(person_, "2026-12-08", "corrected");
  share(R"(["status"])");
  ASSERT_EQ(send(verb::get, client("trial"), "", coach_).result(), bhttp::status::ok);
  auto res = send(verb::get, "/api/v1/me/export", "", person_);
  ASSERT_EQ(res.result(), bhttp::status::ok);
  EXPECT_NE(std::string(res[bhttp::field::content_disposition]).find("attachment"), std::string::npos);
  EXPECT_EQ(res.body().find("argon2"), std::string::npos);
  const auto doc = json(res).as_object();
  EXPECT_EQ(doc.at("format"), "trialwise-my-data/1");
  EXPECT_EQ(doc.at("account").at("email"), "ada@example.org");
  ASSERT_EQ(doc.at("trials").as_array().size(), 1u);
  const auto& trial = doc.at("trials").as_array()[0];
  EXPECT_EQ(trial.at("entries").as_array()[0].at("note"), "corrected");
  EXPECT_EQ(trial.at("earlier_versions").as_array()[0].at("note"), "first");
  EXPECT_EQ(doc.at("shares_given").as_array().size(), 1u);
  EXPECT_EQ(doc.at("looks_at_my_data").as_array().size(), 1u);
  // The coach's own file holds what the coach did, not the client's data.
  auto coach_doc = json(send(verb::get, "/api/v1/me/export", "", coach_)).as_object();
  EXPECT_EQ(coach_doc.at("shares_held").as_array().size(), 1u);
  EXPECT_EQ(coach_doc.at("my_looks_at_others").as_array().size(), 1u);
  EXPECT_TRUE(coach_doc.at("trials").as_array().empty());
}

// Every row of every table, as text.
std::vector<std::string> every_row(const std::string& file) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return rows;
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  for (const auto& t : tables) {
    sqlite3_prepare_v2(db, ("SELECT * FROM \"" + t + "\"").c_str(), -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row = t + ":";
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const auto* text = sqlite3_column_text(st, c);
        row +=
            "|" + std::string(sqlite3_column_name(st, c)) + "=" + (text ? reinterpret_cast<const char*>(text) : "NULL");
      }
      rows.push_back(row);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return rows;
}

TEST_F(ConsentRoutesTest, DeletingTheAccountLeavesNoRowAboutThePerson) {
  ASSERT_EQ(start_trial(person_).result(), bhttp::status::created);
  log_day(person_, "2026-12-08", "a note only Ada wrote");
  share(R"(["status", "review", "report"])");
  ASSERT_EQ(send(verb::get, client("trial"), "", coach_).result(), bhttp::status::ok);
  auto survey = send(verb::post, "/api/v1/invitations/" + invite(coach_) + "/accept", R"({"share": ["status"]})",
                     person_);  // a second invitation used, kept
  ASSERT_EQ(survey.result(), bhttp::status::created);

  auto wrong = send(verb::delete_, "/api/v1/me", R"({"password": "not the password"})", person_);
  EXPECT_EQ(wrong.result(), bhttp::status::forbidden);
  EXPECT_EQ(send(verb::get, "/api/v1/trial", "", person_).result(), bhttp::status::ok) << "nothing deleted";
  // Guessing it is throttled as signing in is: after five wrong ones, 429.
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(send(verb::delete_, "/api/v1/me", R"({"password": "guess"})", person_).result(),
              bhttp::status::forbidden);
  auto throttled = send(verb::delete_, "/api/v1/me", R"({"password": "guess"})", person_);
  EXPECT_EQ(throttled.result(), bhttp::status::too_many_requests);
  EXPECT_EQ(throttled[bhttp::field::retry_after], "1");
  now_ += std::chrono::seconds(1);

  auto gone =
      send(verb::delete_, "/api/v1/me", R"({"password": ")" + std::string(testing::kGoodPassword) + "\"}", person_);
  ASSERT_EQ(gone.result(), bhttp::status::no_content) << gone.body();
  EXPECT_NE(std::string(gone[bhttp::field::set_cookie]).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(send(verb::get, "/api/v1/me", "", person_).result(), bhttp::status::unauthorized);

  const auto id = std::to_string(person_id_);
  for (const auto& row : every_row(db_file())) {
    EXPECT_EQ(row.find("ada@example.org"), std::string::npos) << row;
    EXPECT_EQ(row.find("account-" + id), std::string::npos) << row;
    EXPECT_EQ(row.find("a note only Ada wrote"), std::string::npos) << row;
    for (const std::string column : {"|account_id=", "|person_id=", "|viewer_id=", "|accepted_by=", "|coach_id="}) {
      EXPECT_EQ((row + "|").find(column + id + "|"), std::string::npos) << column << " in " << row;
    }
    if (row.starts_with("accounts:")) {
      EXPECT_EQ((row + "|").find("|id=" + id + "|"), std::string::npos) << row;
    }
  }
  EXPECT_TRUE(json(send(verb::get, "/api/v1/clients", "", coach_)).at("clients").as_array().empty());
}

TEST_F(ConsentRoutesTest, ACoachWhoLeavesIsNoLongerNamedInTheClientsRecord) {
  ASSERT_EQ(start_trial(person_).result(), bhttp::status::created);
  share(R"(["status"])");
  ASSERT_EQ(send(verb::get, client("trial"), "", coach_).result(), bhttp::status::ok);
  auto gone =
      send(verb::delete_, "/api/v1/me", R"({"password": ")" + std::string(testing::kGoodPassword) + "\"}", coach_);
  ASSERT_EQ(gone.result(), bhttp::status::no_content) << gone.body();
  auto looks = json(send(verb::get, "/api/v1/me/access-log", "", person_)).at("looks").as_array();
  ASSERT_EQ(looks.size(), 1u);
  EXPECT_TRUE(looks[0].at("viewer").is_null());
  EXPECT_EQ(looks[0].at("role"), "coach");
  EXPECT_TRUE(json(send(verb::get, "/api/v1/shares", "", person_)).at("shares").as_array().empty());
}

}  // namespace
}  // namespace trialwise::http

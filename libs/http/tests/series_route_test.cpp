// The coach's series through the handler: only clients who share their
// review with this coach are pooled, labelled by email; everyone else's
// trials are not in it, not even by name; each client read is recorded as a
// look; a revoked share leaves at once; bad parameters are named.

#include <set>

#include "accounts_fixture.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::http {
namespace {

using testing::verb;
namespace bhttp = boost::beast::http;

const std::string kSeries = "/api/v1/clients/series?protocol=gut_focused_trial&outcome=gut_symptoms&as_of=2027-02-01";

class SeriesRouteTest : public testing::AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    coach_id_ = add("coach@example.org", model::Role::coach);
    add("other-coach@example.org", model::Role::coach);
    coach_ = sign_in("coach@example.org");
    other_coach_ = sign_in("other-coach@example.org");
    // c1..c3 share their review with the coach; c4 only the status; c5 shares
    // its review with the other coach.
    for (int i = 1; i <= 5; ++i) {
      const std::string email = "c" + std::to_string(i) + "@example.org";
      ids_.push_back(add(email));
      tokens_.push_back(sign_in(email));
      ASSERT_EQ(start_trial(tokens_.back()).result(), bhttp::status::created);
      const std::string share = i == 4 ? R"(["status"])" : R"(["status", "review"])";
      auto res = accept(invite(i == 5 ? other_coach_ : coach_), tokens_.back(), share);
      ASSERT_EQ(res.result(), bhttp::status::created) << res.body();
    }
    if (!with_days_) return;
    // Every day to the review date: baseline around 6, active days 2 better
    // (give or take the client's own response).
    today_ = "2027-01-11";
    for (std::size_t c = 0; c < tokens_.size(); ++c) {
      int k = 0;
      for (Date d = *Date::parse("2026-12-07", "d"); d < *Date::parse("2027-01-11", "d"); d = d.plus_days(1), ++k) {
        const bool active = !(d < *Date::parse("2026-12-14", "d"));
        const double outcome = 6 + (k % 3) * 0.5 - (active ? 1.5 + 0.5 * static_cast<double>(c) : 0);
        boost::json::object day{{"outcome", outcome}, {"doses_taken", active ? 2 : 0}};
        auto res = send(verb::put, "/api/v1/trial/days/" + d.to_string(), json::to_text(day), tokens_[c]);
        ASSERT_LT(res.result_int(), 300) << res.body();
      }
    }
    today_ = "2027-02-01";
  }

  static std::set<std::string> labels(const boost::json::value& series) {
    std::set<std::string> out;
    for (const auto& p : series.at("people").as_array()) out.insert(std::string(p.at("label").as_string()));
    for (const auto& p : series.at("apart").as_array()) out.insert(std::string(p.at("label").as_string()));
    return out;
  }

  bool with_days_ = true;
  model::AccountId coach_id_ = 0;
  std::string coach_, other_coach_;
  std::vector<model::AccountId> ids_;
  std::vector<std::string> tokens_;
};

TEST_F(SeriesRouteTest, OnlyClientsWhoShareTheirReviewWithThisCoachArePooled) {
  auto res = send(verb::get, kSeries, "", coach_);
  ASSERT_EQ(res.result(), bhttp::status::ok) << res.body();
  const auto series = json(res);
  EXPECT_EQ(labels(series), (std::set<std::string>{"c1@example.org", "c2@example.org", "c3@example.org"}));
  EXPECT_EQ(series.at("pooled").at("k").as_int64(), 3);
  for (const char* hidden : {"c4@example.org", "c5@example.org"})
    EXPECT_EQ(res.body().find(hidden), std::string::npos) << hidden << " is not the coach's to see";

  // Each client read is recorded as a look.
  const auto looked = [&](std::size_t c) {
    const auto log = json(send(verb::get, "/api/v1/me/access-log", "", tokens_[c]));
    for (const auto& l : log.at("looks").as_array())
      if (l.at("what") == "review (series across clients)") return true;
    return false;
  };
  EXPECT_TRUE(looked(0));
  EXPECT_TRUE(looked(2));
  EXPECT_FALSE(looked(3)) << "a status-only share is not read";
  EXPECT_FALSE(looked(4)) << "another coach's client is not read";

  // The other coach sees only their own client.
  auto other = json(send(verb::get, kSeries, "", other_coach_));
  EXPECT_EQ(labels(other), std::set<std::string>{"c5@example.org"});
  EXPECT_TRUE(other.at("pooled").is_null()) << "one client: no pooled estimate";
  EXPECT_TRUE(looked(4));

  // The forest plot is an SVG of the same clients.
  auto svg =
      send(verb::get, "/api/v1/clients/series.svg?protocol=gut_focused_trial&outcome=gut_symptoms&as_of=2027-02-01", "",
           coach_);
  ASSERT_EQ(svg.result(), bhttp::status::ok) << svg.body();
  EXPECT_EQ(svg[bhttp::field::content_type], "image/svg+xml");
  EXPECT_NE(svg.body().find("c2@example.org"), std::string::npos);
  EXPECT_EQ(svg.body().find("c4@example.org"), std::string::npos);
  EXPECT_NE(svg.body().find("<polygon"), std::string::npos);
  EXPECT_EQ(svg.body().find("<script"), std::string::npos);
}

TEST_F(SeriesRouteTest, ARevokedShareLeavesTheSeriesAtOnce) {
  ASSERT_EQ(send(verb::delete_, "/api/v1/shares/" + std::to_string(coach_id_), "", tokens_[1]).result(),
            bhttp::status::no_content);
  auto series = json(send(verb::get, kSeries, "", coach_));
  EXPECT_EQ(labels(series), (std::set<std::string>{"c1@example.org", "c3@example.org"}));
}

// Parameters are checked before any client's data is read: no days needed.
class SeriesParametersTest : public SeriesRouteTest {
 protected:
  void SetUp() override {
    with_days_ = false;
    SeriesRouteTest::SetUp();
  }
};

TEST_F(SeriesParametersTest, BadParametersAreNamed) {
  const std::string base = "/api/v1/clients/series?";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"outcome=gut_symptoms", "?protocol"},
      {"protocol=gut_focused_trial", "?outcome"},
      {"protocol=nope&outcome=gut_symptoms", "?protocol"},
      {"protocol=gut_focused_trial&outcome=sleep", "?outcome"},
      {"protocol=gut_focused_trial&outcome=gut_symptoms&method=ml", "?method"},
      {"protocol=gut_focused_trial&outcome=gut_symptoms&knha=yes", "?knha"},
      {"protocol=gut_focused_trial&outcome=gut_symptoms&as_of=2027-13-01", "?as_of"},
  };
  for (const auto& [query, where] : cases) {
    auto res = send(verb::get, base + query, "", coach_);
    EXPECT_EQ(res.result(), bhttp::status::bad_request) << query << ": " << res.body();
    EXPECT_EQ(error_where(res), where) << query;
  }
  EXPECT_EQ(send(verb::get, kSeries, "", tokens_[0]).result(), bhttp::status::forbidden) << "a person has no clients";
  auto dl = json(send(verb::get, kSeries + "&method=dl&knha=true", "", coach_));
  EXPECT_EQ(dl.at("method"), "dl");
  EXPECT_EQ(dl.at("test"), "knha");
}

}  // namespace
}  // namespace trialwise::http

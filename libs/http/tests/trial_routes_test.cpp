#include "fixture.hpp"

namespace trialwise::http {
namespace {

using testing::example;
using testing::verb;
namespace bhttp = boost::beast::http;

class TrialRoutesTest : public testing::HandlerTest {
 protected:
  Response start(const std::string& persona = "runner_in_heat") {
    return call(verb::post, "/api/v1/trial",
                R"({"answers": )" + example(persona) +
                    R"(, "start": "2026-12-07", "product": "Pure L-Glutamine Powder", "g_per_serving": 5})");
  }
  Response put_day(const std::string& date, const std::string& body) {
    return call(verb::put, "/api/v1/trial/days/" + date, body);
  }
};

TEST_F(TrialRoutesTest, EveryTrialRouteIs404BeforeAStart) {
  for (const char* target : {"/api/v1/trial", "/api/v1/trial/days", "/api/v1/trial/days/2026-12-08/history",
                             "/api/v1/trial/export.csv", "/api/v1/trial/export.json", "/api/v1/trial/export.fhir.json",
                             "/api/v1/trial/export.ics", "/api/v1/trial/export.html", "/api/v1/trial/review"}) {
    auto res = call(verb::get, target);
    EXPECT_EQ(res.result(), bhttp::status::not_found) << target;
    EXPECT_NE(json(res).at("error").at("message").as_string().find("no trial is running"), std::string::npos);
  }
  EXPECT_EQ(put_day("2026-12-08", R"({"outcome": 5})").result(), bhttp::status::not_found);
  auto trials = call(verb::get, "/api/v1/trials");
  EXPECT_EQ(trials.result(), bhttp::status::ok);
  EXPECT_TRUE(json(trials).at("trials").as_array().empty());
}

TEST_F(TrialRoutesTest, StartsOnceThenConflicts) {
  auto res = start();
  ASSERT_EQ(res.result(), bhttp::status::created) << res.body();
  EXPECT_EQ(res[bhttp::field::location], "/api/v1/trial");
  EXPECT_EQ(json(res).at("trial"), 1);
  EXPECT_EQ(json(res).at("review_date"), "2027-01-11");
  auto again = start();
  EXPECT_EQ(again.result(), bhttp::status::conflict);
  EXPECT_EQ(error_code(again), "conflict");
  auto trials = json(call(verb::get, "/api/v1/trials")).at("trials").as_array();
  ASSERT_EQ(trials.size(), 1u);
  EXPECT_EQ(trials[0].at("product"), "Pure L-Glutamine Powder");
}

TEST_F(TrialRoutesTest, RefusedStartIs422AndSavesNothing) {
  auto res = start("liver_encephalopathy_history");
  EXPECT_EQ(res.result(), bhttp::status::unprocessable_entity);
  EXPECT_FALSE(json(res).at("reasons").as_array().empty());
  EXPECT_EQ(res.body().find("dose_g"), std::string::npos);
  EXPECT_EQ(call(verb::get, "/api/v1/trial").result(), bhttp::status::not_found);
}

TEST_F(TrialRoutesTest, LogsADayThenReplacesItKeepingTheHistory) {
  ASSERT_EQ(start().result(), bhttp::status::created);
  auto first = put_day("2026-12-08", R"({"outcome": 6, "doses_taken": 0, "side_effects": {"bloating": 1},
                                         "red_flags": [], "with_food": true, "note": "baseline"})");
  ASSERT_EQ(first.result(), bhttp::status::created) << first.body();
  EXPECT_EQ(json(first).at("entry").at("version"), 1);
  EXPECT_EQ(json(first).at("phase"), "active");
  // What to do now, each item with an id and no command-line words.
  const auto logged = json(first);
  const auto& texts = logged.at("todo").as_array();
  const auto& items = logged.at("todo_items").as_array();
  ASSERT_EQ(texts.size(), items.size());
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].at("id"), "dose");
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].at("text"), texts[i]);
    EXPECT_EQ(texts[i].as_string().find("trialwise "), boost::json::string::npos) << texts[i];
  }
  auto second = put_day("2026-12-08", R"({"outcome": 5})");
  ASSERT_EQ(second.result(), bhttp::status::ok);
  EXPECT_EQ(json(second).at("replaced"), true);
  auto history = call(verb::get, "/api/v1/trial/days/2026-12-08/history");
  ASSERT_EQ(history.result(), bhttp::status::ok);
  const auto versions = json(history).at("versions").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].at("note"), "baseline");
  EXPECT_EQ(versions[1].at("outcome"), 5);
  auto days = json(call(verb::get, "/api/v1/trial/days")).at("entries").as_array();
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].at("version"), 2);
}

TEST_F(TrialRoutesTest, NamesEveryBadFieldOfADay) {
  ASSERT_EQ(start().result(), bhttp::status::created);
  auto res = put_day("2026-12-08", R"({"outcome": "11", "doses_taken": 1.5, "side_effects": {"bloating": "bad"},
                                       "red_flags": "all", "with_food": 1, "colour": "red"})");
  ASSERT_EQ(res.result(), bhttp::status::bad_request);
  std::vector<std::string> where;
  const auto body = json(res);
  for (const auto& p : body.at("error").at("problems").as_array()) where.emplace_back(p.at("where").as_string());
  EXPECT_EQ(where, (std::vector<std::string>{"/outcome", "/doses_taken", "/side_effects/bloating", "/red_flags",
                                             "/with_food", "/colour"}));
  EXPECT_EQ(error_where(put_day("2026-12-08", R"({"doses_taken": 1})")), "/outcome");
  // Off the trial's own scale (0-10 for the built-in pack): named, with the scale.
  const auto off = put_day("2026-12-08", R"({"outcome": 11})");
  ASSERT_EQ(off.result(), bhttp::status::bad_request);
  EXPECT_EQ(error_where(off), "/outcome");
  EXPECT_NE(off.body().find("from 0 to 10"), std::string::npos) << off.body();
}

TEST_F(TrialRoutesTest, ChecksTheDayAgainstTheTrialAndThePack) {
  ASSERT_EQ(start().result(), bhttp::status::created);
  EXPECT_EQ(error_where(put_day("2026-12-15", R"({"outcome": 5})")), "{date}");  // the future
  EXPECT_EQ(error_where(put_day("2026-12-01", R"({"outcome": 5})")), "{date}");  // before the start
  EXPECT_EQ(error_where(put_day("2026-02-30", R"({"outcome": 5})")), "{date}");  // no such day
  EXPECT_EQ(error_where(put_day("2026-12-08", R"({"outcome": 5, "side_effects": {"headache": 2}})")),
            "/side_effects/headache");
  EXPECT_EQ(error_where(put_day("2026-12-08", R"({"outcome": 5, "red_flags": ["hiccups"]})")), "/red_flags/0");
}

TEST_F(TrialRoutesTest, StatusShowsTheAmendments) {
  ASSERT_EQ(start().result(), bhttp::status::created);
  auto none = call(verb::post, "/api/v1/trial/amendments", R"({"reason": "travel"})");
  EXPECT_EQ(none.result(), bhttp::status::bad_request);
  EXPECT_EQ(error_where(none), "");
  EXPECT_EQ(error_where(call(verb::post, "/api/v1/trial/amendments", R"({"review_date": "2027-01-18"})")), "/reason");
  auto res = call(verb::post, "/api/v1/trial/amendments", R"({"reason": "travel", "review_date": "2027-01-18"})");
  ASSERT_EQ(res.result(), bhttp::status::created) << res.body();
  EXPECT_EQ(json(res).at("amendments").as_array()[0].at("field"), "review_date");
  auto status = call(verb::get, "/api/v1/trial");
  ASSERT_EQ(status.result(), bhttp::status::ok);
  const auto st = json(status);
  EXPECT_EQ(st.at("review_date"), "2027-01-18");
  EXPECT_EQ(st.at("phase"), "active");
  EXPECT_EQ(st.at("today"), "2026-12-14");
  EXPECT_EQ(st.at("amendments").as_array().size(), 1u);
  // Nothing logged today: the last item says so, in words a web page can link.
  const auto& items = st.at("todo_items").as_array();
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items.back().at("id"), "log_today");
  EXPECT_EQ(items.back().at("text"), "Log today.");
}

TEST_F(TrialRoutesTest, ExportsTheDaysAsCsvAndFiltersThemByDate) {
  ASSERT_EQ(start().result(), bhttp::status::created);
  ASSERT_EQ(put_day("2026-12-07", R"({"outcome": 6})").result(), bhttp::status::created);
  ASSERT_EQ(put_day("2026-12-09", R"({"outcome": 4, "note": "a, \"quoted\" note"})").result(), bhttp::status::created);
  auto csv = call(verb::get, "/api/v1/trial/export.csv");
  ASSERT_EQ(csv.result(), bhttp::status::ok);
  EXPECT_EQ(csv[bhttp::field::content_type], "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body().rfind("date,outcome,", 0), 0u);
  EXPECT_NE(csv.body().find("\"a, \"\"quoted\"\" note\""), std::string::npos);
  auto days = json(call(verb::get, "/api/v1/trial/days?from=2026-12-08&to=2026-12-31")).at("entries").as_array();
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].at("date"), "2026-12-09");
  EXPECT_EQ(error_where(call(verb::get, "/api/v1/trial/days?from=soon")), "?from");
}

TEST_F(TrialRoutesTest, ReviewsTheRunningTrialOnADayWithoutRecordingIt) {
  ASSERT_EQ(start().result(), bhttp::status::created);
  ASSERT_EQ(put_day("2026-12-07", R"({"outcome": 6, "doses_taken": 0})").result(), bhttp::status::created);
  auto res = call(verb::get, "/api/v1/trial/review?as_of=2026-12-14");
  ASSERT_EQ(res.result(), bhttp::status::ok) << res.body();
  const auto r = json(res);
  EXPECT_EQ(r.at("outcome"), "inconclusive");
  EXPECT_EQ(r.at("trial"), 1);
  EXPECT_TRUE(r.as_object().contains("series"));
  EXPECT_EQ(call(verb::get, "/api/v1/trial/review").result(), bhttp::status::ok);  // today
  EXPECT_EQ(error_where(call(verb::get, "/api/v1/trial/review?as_of=later")), "?as_of");
  EXPECT_EQ(json(call(verb::get, "/api/v1/trial")).at("phase"), "active");  // still running
}

TEST_F(TrialRoutesTest, ExportsTheTrialInEachForm) {
  ASSERT_EQ(start().result(), bhttp::status::created);
  ASSERT_EQ(put_day("2026-12-08", R"({"outcome": 6, "doses_taken": 0})").result(), bhttp::status::created);
  const struct {
    const char* target;
    const char* type;
    const char* starts;
  } forms[] = {{"/api/v1/trial/export.json", "application/json", "{\"format\":\"trialwise-trial/1\""},
               {"/api/v1/trial/export.fhir.json", "application/fhir+json", "{"},
               {"/api/v1/trial/export.ics", "text/calendar; charset=utf-8", "BEGIN:VCALENDAR\r\n"},
               {"/api/v1/trial/export.html", "text/html; charset=utf-8", "<!DOCTYPE html>"}};
  for (const auto& f : forms) {
    auto res = call(verb::get, f.target);
    ASSERT_EQ(res.result(), bhttp::status::ok) << f.target << ": " << res.body();
    EXPECT_EQ(res[bhttp::field::content_type], f.type) << f.target;
    EXPECT_EQ(res.body().rfind(f.starts, 0), 0u) << f.target << ": " << res.body().substr(0, 80);
    EXPECT_NE(res[bhttp::field::content_disposition].find("trial-1."), std::string::npos) << f.target;
  }
  EXPECT_NE(call(verb::get, "/api/v1/trial/export.fhir.json").body().find("\"Bundle\""), std::string::npos);
  EXPECT_EQ(call(verb::get, "/api/v1/trial/export.html?as_of=2027-02-30").result(), bhttp::status::bad_request);
}

TEST_F(TrialRoutesTest, StartsARandomizedBlockDesignAndNamesBadDesignFields) {
  auto bad = call(verb::post, "/api/v1/trial",
                  R"({"answers": )" + example("runner_in_heat") +
                      R"(, "start": "2026-12-07", "design": {"blocks": 3, "seed": "x"}})");
  ASSERT_EQ(bad.result(), bhttp::status::bad_request) << bad.body();
  EXPECT_NE(bad.body().find("/design/seed"), std::string::npos) << bad.body();
  auto odd =
      call(verb::post, "/api/v1/plan",
           R"({"answers": )" + example("runner_in_heat") + R"(, "start": "2026-12-07", "design": {"blocks": 3}})");
  ASSERT_EQ(odd.result(), bhttp::status::bad_request) << odd.body();
  EXPECT_NE(odd.body().find("/design/blocks"), std::string::npos) << odd.body();
  auto res = call(verb::post, "/api/v1/trial",
                  R"({"answers": )" + example("runner_in_heat") +
                      R"(, "start": "2026-12-07", "design": {"blocks": 4, "block_days": 7, "seed": "42"}})");
  ASSERT_EQ(res.result(), bhttp::status::created) << res.body();
  EXPECT_EQ(json(res).at("design").at("seed"), "42");
  EXPECT_EQ(json(res).at("design").at("blocks").as_array().size(), 4u);
}

TEST_F(TrialRoutesTest, RecordsTheVerdictOnlyWhenThereIsOne) {
  today_ = "2027-01-11";
  ASSERT_EQ(start().result(), bhttp::status::created);
  // Nothing logged: inconclusive, nothing saved.
  auto early = call(verb::post, "/api/v1/trial/review/record", R"({"as_of": "2027-01-11"})");
  ASSERT_EQ(early.result(), bhttp::status::ok) << early.body();
  EXPECT_EQ(json(early).at("outcome"), "inconclusive");
  EXPECT_NE(json(early).at("recorded").as_string().find("Nothing recorded"), std::string::npos);
  // Every day logged with no change: no clear benefit, and recording ends the trial.
  Date d = *Date::parse("2026-12-07", "test");
  for (int i = 0; i < 35; ++i, d = d.plus_days(1))
    ASSERT_EQ(
        put_day(d.to_string(), i % 2 ? R"({"outcome": 5, "doses_taken": 2})" : R"({"outcome": 6, "doses_taken": 2})")
            .result(),
        bhttp::status::created);
  EXPECT_EQ(call(verb::post, "/api/v1/trial/review/record", R"({"as_of": "2027-02-30"})").result(),
            bhttp::status::bad_request);
  auto done = call(verb::post, "/api/v1/trial/review/record?as_of=2027-01-11");
  ASSERT_EQ(done.result(), bhttp::status::ok) << done.body();
  EXPECT_EQ(json(done).at("outcome"), "stop_no_clear_benefit");
  EXPECT_NE(json(done).at("recorded").as_string().find("ended on 2027-01-11"), std::string::npos);
  EXPECT_EQ(call(verb::get, "/api/v1/trial").result(), bhttp::status::not_found);  // no trial running now
  auto trials = json(call(verb::get, "/api/v1/trials")).at("trials").as_array();
  EXPECT_EQ(trials[0].at("end_reason"), "stop_no_clear_benefit");
}

}  // namespace
}  // namespace trialwise::http

#include "trialwise/model/trial_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace trialwise::model {
namespace {

Date day(const char* s) { return *Date::parse(s, "test"); }

TrialRecord sample() {
  TrialRecord r;
  Trial& t = r.trial;
  t.id = 7;
  t.pack_id = "glutamine";
  t.pack_version = "1.0.0";
  t.product_name = "Powder \"pure\"";
  t.g_per_serving = 5;
  t.protocol_id = "gut_focused_trial";
  t.outcome_id = "gut_symptoms";
  t.start = day("2026-12-07");
  t.active_start = day("2026-12-14");
  t.review_date = day("2027-01-11");
  t.steps = {{1, day("2026-12-14"), 5, 2, false}, {2, day("2026-12-21"), 10, 2, true}};
  t.blocks = BlockDesign{7, {false, true, true, false}, 12345678901234567890ULL};
  t.plan = boost::json::parse(R"({"a":[1,2.5]})");
  DayEntry e;
  e.date = day("2026-12-08");
  e.outcome = 6.5;
  e.doses_taken = 0;
  e.side_effects = {{"bloating", 2}};
  e.red_flags = {"new_neuro_symptoms"};
  e.note = "windy";
  r.entries.push_back(e);
  r.amendments.push_back({0, "review_date", "2027-01-11", "2027-01-18", "travel", "2026-12-20T10:00:00Z"});
  return r;
}

TEST(TrialJsonTest, RoundTripsEveryField) {
  const auto r = sample();
  const auto json = to_json(r);
  EXPECT_EQ(json.at("format"), kTrialFormat);
  auto back = trial_record_from_json(boost::json::parse(boost::json::serialize(json)), "x");
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_EQ(to_json(*back), json);
  ASSERT_TRUE(back->trial.blocks);
  EXPECT_EQ(back->trial.blocks->seed, 12345678901234567890ULL);
  EXPECT_EQ(back->entries[0].side_effects.at("bloating"), 2);
  EXPECT_EQ(back->amendments[0].reason, "travel");
}

TEST(TrialJsonTest, NamesTheBadFieldByPointer) {
  auto json = to_json(sample());
  auto with = [&](auto change) {
    auto copy = json;
    change(copy);
    return trial_record_from_json(copy, "line 3");
  };
  // A record carries no scale (its pack does): any finite score reads; text does not.
  auto outcome = with([](boost::json::object& o) { o["entries"].as_array()[0].as_object()["outcome"] = "11"; });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().where, "line 3#/entries/0/outcome");
  auto date = with([](boost::json::object& o) { o["trial"].as_object()["start"] = "2026-13-01"; });
  ASSERT_FALSE(date);
  EXPECT_EQ(date.error().where.rfind("line 3#/trial/start", 0), 0u) << date.error().where;
  auto format = with([](boost::json::object& o) { o["format"] = "other/1"; });
  EXPECT_EQ(format.error().where, "line 3#/format");
  auto pairs = with([](boost::json::object& o) {
    o["trial"].as_object()["design"].as_object()["on"] = boost::json::array{true, true};
  });
  EXPECT_EQ(pairs.error().where, "line 3#/trial/design/on/0");
  auto twice = with([](boost::json::object& o) {
    auto& entries = o["entries"].as_array();
    entries.push_back(entries[0]);
  });
  EXPECT_EQ(twice.error().where, "line 3#/entries/1/date");
  auto side = with([](boost::json::object& o) {
    o["entries"].as_array()[0].as_object()["side_effects"].as_object()["bloating"] = -1;
  });
  EXPECT_EQ(side.error().where, "line 3#/entries/0/side_effects/bloating");
  EXPECT_FALSE(trial_record_from_json(boost::json::array{}, "l"));
}

TEST(TrialJsonTest, ValuesNotGivenAreWrittenAsNullAndReadBack) {
  auto r = sample();
  r.trial.g_per_serving.reset();
  r.entries[0].doses_taken.reset();
  const auto json = to_json(r);
  EXPECT_TRUE(json.at("trial").at("g_per_serving").is_null());
  auto back = trial_record_from_json(json, "x");
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_FALSE(back->trial.g_per_serving);
  EXPECT_FALSE(back->entries[0].doses_taken);
}

TEST(TrialJsonTest, StepsReadBackAloneNamePointersFromTheArray) {
  const auto steps = sample().trial.steps;
  auto back = steps_from_json(steps_json(steps), "row 4");
  ASSERT_TRUE(back) << to_string(back.error());
  EXPECT_EQ(steps_json(*back), steps_json(steps));
  auto broken = steps_json(steps);
  broken[1].as_object()["dose_g"] = "ten";
  auto bad = steps_from_json(broken, "row 4");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "row 4/1/dose_g");
  EXPECT_FALSE(steps_from_json(boost::json::object{}, "row 4"));
}

TEST(TrialJsonTest, ADesignIsOptional) {
  auto r = sample();
  r.trial.blocks.reset();
  auto json = to_json(r);
  EXPECT_TRUE(json.at("trial").at("design").is_null());
  auto back = trial_record_from_json(json, "x");
  ASSERT_TRUE(back);
  EXPECT_FALSE(back->trial.blocks);
}

}  // namespace
}  // namespace trialwise::model

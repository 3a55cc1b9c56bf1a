// A trial keeps the pack it was planned with: start stores its text, the
// store gives it back, and the trial is judged by it (its outcome scale,
// here 1-5, in the day log), not by the built-in pack.

#include "fixtures.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "trialwise/service/day_log.hpp"
#include "trialwise/service/trial_pack.hpp"

namespace trialwise::service {
namespace {

using testing::day;

// The glutamine pack with a 1-5 outcome scale: test-only data.
std::shared_ptr<const pack::Pack> five_point_pack() {
  auto json = boost::json::parse(pack::builtin_pack_text());
  auto& p = json.as_object();
  p["pack"].as_object()["id"] = "five-point-test";
  for (auto& o : p["outcomes"].as_array())
    o.as_object()["scale"] = boost::json::object{{"min", 1}, {"max", 5}, {"low", "none"}, {"high", "severe"}};
  return std::make_shared<const pack::Pack>(*pack::load_pack(boost::json::serialize(json), "five.json"));
}

class TrialPackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    five_ = five_point_pack();
    auto s = screen(*five_, testing::example_answers("runner_in_heat"));
    ASSERT_TRUE(s);
    auto plan = assess::make_plan(*five_, s->answers, s->assessment, {.start = day("2026-12-07")});
    ASSERT_TRUE(plan);
    auto t = start_trial(*repo_, model::kLocalProfile, *five_, *s, *plan);
    ASSERT_TRUE(t);
    trial_ = *repo_->get_trial(model::kLocalProfile, t->id);  // as stored
  }
  DayInput day_with(double outcome) {
    DayInput d;
    d.date = day("2026-12-08");
    d.outcome = outcome;
    return d;
  }

  std::shared_ptr<const pack::Pack> five_;
  std::unique_ptr<store::TrialRepository> repo_ = store::make_memory_repository();
  model::Trial trial_;
};

TEST_F(TrialPackTest, StartKeepsThePacksTextAndTheTrialIsJudgedByIt) {
  EXPECT_EQ(trial_.pack_text, five_->text);
  EXPECT_EQ(trial_.pack_id, "five-point-test");
  const TrialPacks packs(std::make_shared<const pack::Pack>(testing::builtin_pack()));
  auto pack = packs.for_trial(trial_);
  ASSERT_TRUE(pack);
  EXPECT_EQ((*pack)->id, "five-point-test");
  EXPECT_EQ(packs.for_trial(trial_)->get(), pack->get()) << "loaded once, then shared";
  model::Trial older = trial_;
  older.pack_text.clear();  // started before packs were kept
  EXPECT_EQ((*packs.for_trial(older))->id, "glutamine");
  older.pack_text = "{ not a pack";
  auto damaged = packs.for_trial(older);
  ASSERT_FALSE(damaged);
  EXPECT_EQ(damaged.error().code, Errc::io);
}

// Both sides of the kept scale: 5 and 1 are taken, 6 and 0.5 refused naming it.
TEST_F(TrialPackTest, TheDayLogTakesTheTrialsOwnScale) {
  for (double ok : {1.0, 5.0})
    EXPECT_TRUE(log_day(*repo_, model::kLocalProfile, *five_, trial_, day_with(ok), day("2026-12-08"))) << ok;
  for (double bad : {6.0, 0.5}) {
    auto r = log_day(*repo_, model::kLocalProfile, *five_, trial_, day_with(bad), day("2026-12-08"));
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().where, "/outcome");
    EXPECT_NE(r.error().message.find("from 1 to 5"), std::string::npos) << r.error().message;
  }
}

TEST_F(TrialPackTest, ADayRecordsWhetherAnotherProductWasTaken) {
  DayInput d = day_with(3);
  d.other_product = true;
  auto r = log_day(*repo_, model::kLocalProfile, *five_, trial_, d, day("2026-12-08"));
  ASSERT_TRUE(r);
  auto back = repo_->entries(model::kLocalProfile, trial_.id, day("2026-12-08"), day("2026-12-08"));
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 1u);
  EXPECT_TRUE(back->front().other_product);
}

}  // namespace
}  // namespace trialwise::service

// One suite, every TrialRepository: the in-memory fake sets the behaviour and
// SQLite must match it call for call.

#include <cmath>
#include <functional>
#include <limits>
#include <regex>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "places.hpp"
#include "samples.hpp"
#include "trialwise/store/postgres.hpp"
#include "trialwise/test_support/temp_dir.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/store/sqlite.hpp"

namespace trialwise::store {
namespace {

using test_support::TempDir;

struct TrialStoreFactory {
  std::string name;
  std::function<std::unique_ptr<TrialRepository>(testing::Places&)> make;
};

// gtest prints the parameter in test names and failures.
void PrintTo(const TrialStoreFactory& f, std::ostream* os) { *os << f.name; }

using testing::day;

using testing::is_utc_time;

Trial sample_trial() {
  Trial t;
  t.pack_id = "glutamine";
  t.pack_version = "1.2.0";
  t.pack_text = R"({"format": "trialwise-pack/1", "note": "kept as written, ü ✓"})";
  t.product_name = "L-Glutamine powder \"pure\" ü";
  t.g_per_serving = 0.1 + 0.2;  // 0.30000000000000004: must come back bit for bit
  t.protocol_id = "slow-ramp";
  t.outcome_id = "bloating";
  t.outcome_higher_is_better = true;
  t.start = day("2026-03-01");
  t.active_start = day("2026-03-08");
  t.review_date = day("2026-04-05");
  t.steps = {{1, day("2026-03-08"), 2.5, 1, false}, {2, day("2026-03-15"), 52.300000000000004, 3, true}};
  t.plan = boost::json::parse(R"({"answers":{"age":41,"flags":[true,null]},"dose":{"grams":5.0}})");
  t.plan.as_object()["ratio"] = 19.035710899955934;  // Boost 1.81's parse misreads this one
  t.end_reason = "";
  return t;
}

DayEntry entry(const char* date, double outcome, std::optional<int> doses = 1) {
  DayEntry e;
  e.date = day(date);
  e.outcome = outcome;
  e.doses_taken = doses;
  return e;
}

void expect_same_plan(const Trial& got, const Trial& want) {
  EXPECT_EQ(got.pack_id, want.pack_id);
  EXPECT_EQ(got.pack_version, want.pack_version);
  EXPECT_EQ(got.pack_text, want.pack_text);
  EXPECT_EQ(got.product_name, want.product_name);
  EXPECT_EQ(got.g_per_serving, want.g_per_serving);
  EXPECT_EQ(got.protocol_id, want.protocol_id);
  EXPECT_EQ(got.outcome_id, want.outcome_id);
  EXPECT_EQ(got.outcome_higher_is_better, want.outcome_higher_is_better);
  EXPECT_EQ(got.start, want.start);
  EXPECT_EQ(got.active_start, want.active_start);
  EXPECT_EQ(got.review_date, want.review_date);
  ASSERT_EQ(got.steps.size(), want.steps.size());
  for (std::size_t i = 0; i < got.steps.size(); ++i) {
    EXPECT_EQ(got.steps[i].number, want.steps[i].number);
    EXPECT_EQ(got.steps[i].start, want.steps[i].start);
    EXPECT_EQ(got.steps[i].dose_g, want.steps[i].dose_g);
    EXPECT_EQ(got.steps[i].times_per_day, want.steps[i].times_per_day);
    EXPECT_EQ(got.steps[i].requires_tolerance, want.steps[i].requires_tolerance);
  }
  EXPECT_EQ(got.plan, want.plan);
  ASSERT_EQ(got.blocks.has_value(), want.blocks.has_value());
  if (got.blocks) {
    EXPECT_EQ(got.blocks->block_days, want.blocks->block_days);
    EXPECT_EQ(got.blocks->on, want.blocks->on);
    EXPECT_EQ(got.blocks->seed, want.blocks->seed);
  }
}

void expect_same_entry(const DayEntry& got, const DayEntry& want) {
  EXPECT_EQ(got.date, want.date);
  EXPECT_EQ(got.outcome, want.outcome);
  EXPECT_EQ(got.doses_taken, want.doses_taken);
  EXPECT_EQ(got.dose_g, want.dose_g);
  EXPECT_EQ(got.side_effects, want.side_effects);
  EXPECT_EQ(got.red_flags, want.red_flags);
  EXPECT_EQ(got.with_food, want.with_food);
  EXPECT_EQ(got.other_product, want.other_product);
  EXPECT_EQ(got.note, want.note);
}

class RepositoryContractTest : public ::testing::TestWithParam<TrialStoreFactory> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(places_.dir.path().empty());
    repo_ = GetParam().make(places_);
    ASSERT_NE(repo_, nullptr);
  }

  TrialId start_trial(const ProfileId& profile = "local") {
    auto id = repo_->create_trial(profile, sample_trial());
    EXPECT_TRUE(id) << to_string(id.error());
    return id ? *id : 0;
  }

  testing::Places places_;
  std::unique_ptr<TrialRepository> repo_;
};

TEST_P(RepositoryContractTest, CreatesAndReadsBackEveryTrialField) {
  const Trial want = sample_trial();
  auto id = repo_->create_trial("local", want);
  ASSERT_TRUE(id) << to_string(id.error());
  EXPECT_GT(*id, 0);

  auto got = repo_->get_trial("local", *id);
  ASSERT_TRUE(got) << to_string(got.error());
  EXPECT_EQ(got->id, *id);
  expect_same_plan(*got, want);
  EXPECT_TRUE(is_utc_time(got->created_at)) << got->created_at;
  EXPECT_FALSE(got->ended_on);
  EXPECT_EQ(got->end_reason, "");

  auto active = repo_->active_trial("local");
  ASSERT_TRUE(active);
  ASSERT_TRUE(*active);
  EXPECT_EQ((*active)->id, *id);
  expect_same_plan(**active, want);

  auto all = repo_->list_trials("local");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  expect_same_plan(all->front(), want);
}

TEST_P(RepositoryContractTest, ErasingAProfileRemovesItsTrialsDaysAndAmendmentsOnly) {
  const TrialId mine = start_trial("account-1");
  const TrialId theirs = start_trial("account-2");
  ASSERT_TRUE(repo_->put_entry("account-1", mine, entry("2026-03-01", 4)));
  ASSERT_TRUE(repo_->put_entry("account-1", mine, entry("2026-03-01", 5)));
  ASSERT_TRUE(repo_->put_entry("account-2", theirs, entry("2026-03-01", 6)));
  ASSERT_TRUE(repo_->erase_profile("account-1"));
  EXPECT_TRUE(repo_->list_trials("account-1")->empty());
  EXPECT_FALSE(*repo_->active_trial("account-1"));
  EXPECT_EQ(repo_->get_trial("account-1", mine).error().code, Errc::not_found);
  EXPECT_EQ(repo_->entries("account-2", theirs, std::nullopt, std::nullopt)->size(), 1u);
  // A new trial starts clean: nothing of the erased one comes back.
  const TrialId again = start_trial("account-1");
  EXPECT_TRUE(repo_->entries("account-1", again, std::nullopt, std::nullopt)->empty());
  EXPECT_EQ(repo_->totals("account-1", again, day("2026-01-01"), day("2026-12-31"))->days, 0);
  EXPECT_TRUE(repo_->erase_profile("nobody"));
}

TEST_P(RepositoryContractTest, MovingAProfileTakesEveryTrialWithItsDaysAndAmendments) {
  const TrialId past = start_trial("local");
  ASSERT_TRUE(repo_->end_trial("local", past, day("2026-03-10"), "stopped"));
  const TrialId running = start_trial("local");
  ASSERT_TRUE(repo_->put_entry("local", running, entry("2026-03-01", 4)));
  ASSERT_TRUE(repo_->put_entry("local", running, entry("2026-03-01", 5)));
  Trial amended = *repo_->get_trial("local", running);
  amended.review_date = day("2026-04-12");
  ASSERT_TRUE(repo_->amend("local", running, {0, "review_date", "2026-04-05", "2026-04-12", "later", ""}, amended));

  auto moved = repo_->move_profile("local", "account-1");
  ASSERT_TRUE(moved) << to_string(moved.error());
  EXPECT_EQ(*moved, 2u);
  EXPECT_TRUE(repo_->list_trials("local")->empty());
  EXPECT_EQ(repo_->list_trials("account-1")->size(), 2u);
  EXPECT_EQ((*repo_->active_trial("account-1"))->id, running);
  EXPECT_EQ(repo_->entry_history("account-1", running, day("2026-03-01"))->size(), 2u);
  EXPECT_EQ(repo_->amendments("account-1", running)->size(), 1u);
  EXPECT_EQ(repo_->totals("account-1", running, day("2026-01-01"), day("2026-12-31"))->days, 1);
  EXPECT_EQ(repo_->get_trial("local", running).error().code, Errc::not_found);
}

TEST_P(RepositoryContractTest, MovingAProfileOntoOneWithARunningTrialMovesNothing) {
  const TrialId mine = start_trial("local");
  start_trial("account-1");
  auto moved = repo_->move_profile("local", "account-1");
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, Errc::conflict);
  EXPECT_EQ((*repo_->active_trial("local"))->id, mine);
  EXPECT_EQ(repo_->list_trials("account-1")->size(), 1u);
  EXPECT_EQ(*repo_->move_profile("nobody", "account-1"), 0u);
}

TEST_P(RepositoryContractTest, KeepsABlockDesignThroughSavesAndAmendments) {
  Trial t = sample_trial();
  t.blocks = model::BlockDesign{7, {true, false, false, true}, 18446744073709551615ULL};  // the largest seed
  auto id = repo_->create_trial("local", t);
  ASSERT_TRUE(id) << to_string(id.error());
  auto got = repo_->get_trial("local", *id);
  ASSERT_TRUE(got);
  expect_same_plan(*got, t);
  Trial amended = *got;
  amended.review_date = day("2026-04-12");
  ASSERT_TRUE(repo_->amend("local", *id, {0, "review_date", "2026-04-05", "2026-04-12", "later", ""}, amended));
  auto again = repo_->get_trial("local", *id);
  ASSERT_TRUE(again);
  expect_same_plan(*again, amended);
}

TEST_P(RepositoryContractTest, RefusesABlockDesignWhosePairsAreNotOneOnOneOff) {
  Trial t = sample_trial();
  t.blocks = model::BlockDesign{7, {true, true, false, false}, 1};
  auto id = repo_->create_trial("local", t);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, Errc::invalid_input);
  EXPECT_EQ(id.error().where, "trial/design/on/0");
}

TEST_P(RepositoryContractTest, RoundTripsATrialWithoutOptionalFields) {
  Trial want = sample_trial();
  want.g_per_serving.reset();
  want.steps.clear();
  want.plan = nullptr;
  want.outcome_higher_is_better = false;
  auto id = repo_->create_trial("local", want);
  ASSERT_TRUE(id);
  auto got = repo_->get_trial("local", *id);
  ASSERT_TRUE(got);
  expect_same_plan(*got, want);
}

TEST_P(RepositoryContractTest, AllowsOneActiveTrialPerProfile) {
  const TrialId first = start_trial();
  auto second = repo_->create_trial("local", sample_trial());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Errc::conflict);
  EXPECT_EQ(second.error().where, "trial/" + std::to_string(first));

  ASSERT_TRUE(repo_->end_trial("local", first, day("2026-04-05"), "worked: keep taking it"));
  auto none = repo_->active_trial("local");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);

  const TrialId next = start_trial();
  EXPECT_NE(next, first);
  auto all = repo_->list_trials("local");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, first) << "oldest first";
  EXPECT_EQ((*all)[1].id, next);

  auto past = repo_->get_trial("local", first);
  ASSERT_TRUE(past);
  EXPECT_EQ(past->ended_on, day("2026-04-05"));
  EXPECT_EQ(past->end_reason, "worked: keep taking it");
  auto active = repo_->active_trial("local");
  ASSERT_TRUE(active && *active);
  EXPECT_EQ((*active)->id, next);
}

TEST_P(RepositoryContractTest, EndTrialRefusesATrialAlreadyEnded) {
  const TrialId id = start_trial();
  ASSERT_TRUE(repo_->end_trial("local", id, day("2026-03-20"), "stopped: nausea"));
  auto again = repo_->end_trial("local", id, day("2026-03-21"), "again");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  EXPECT_EQ(again.error().where, "trial/" + std::to_string(id));
  auto t = repo_->get_trial("local", id);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->ended_on, day("2026-03-20"));
  EXPECT_EQ(t->end_reason, "stopped: nausea");
}

TEST_P(RepositoryContractTest, CreatesAnEndedTrialBesideTheActiveOne) {
  start_trial();
  Trial past = sample_trial();
  past.ended_on = day("2025-01-31");
  past.end_reason = "imported";
  auto id = repo_->create_trial("local", past);
  ASSERT_TRUE(id) << to_string(id.error());
  auto got = repo_->get_trial("local", *id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->ended_on, day("2025-01-31"));
  EXPECT_EQ(got->end_reason, "imported");
}

TEST_P(RepositoryContractTest, KeepsProfilesApart) {
  const TrialId mine = start_trial("local");
  ASSERT_TRUE(repo_->put_entry("local", mine, entry("2026-03-01", 4)));

  auto list = repo_->list_trials("guest");
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
  auto active = repo_->active_trial("guest");
  ASSERT_TRUE(active);
  EXPECT_FALSE(*active);

  const std::string where = "trial/" + std::to_string(mine);
  const auto expect_not_found = [&](const auto& result, const char* call) {
    ASSERT_FALSE(result) << call;
    EXPECT_EQ(result.error().code, Errc::not_found) << call;
    EXPECT_EQ(result.error().where, where) << call;
  };
  expect_not_found(repo_->get_trial("guest", mine), "get_trial");
  expect_not_found(repo_->end_trial("guest", mine, day("2026-03-02"), "x"), "end_trial");
  expect_not_found(repo_->put_entry("guest", mine, entry("2026-03-02", 5)), "put_entry");
  expect_not_found(repo_->put_entries("guest", mine, {entry("2026-03-02", 5)}), "put_entries");
  expect_not_found(repo_->entries("guest", mine, std::nullopt, std::nullopt), "entries");
  expect_not_found(repo_->entry_history("guest", mine, day("2026-03-01")), "entry_history");
  expect_not_found(repo_->totals("guest", mine, day("2026-03-01"), day("2026-03-31")), "totals");
  expect_not_found(repo_->amend("guest", mine, Amendment{0, "product", "a", "b", "why", ""}, sample_trial()), "amend");
  expect_not_found(repo_->amendments("guest", mine), "amendments");

  // The other profile may start its own trial; the first one is untouched.
  const TrialId theirs = start_trial("guest");
  EXPECT_NE(theirs, mine);
  auto still = repo_->get_trial("local", mine);
  ASSERT_TRUE(still);
  EXPECT_FALSE(still->ended_on);
  auto entries = repo_->entries("local", mine, std::nullopt, std::nullopt);
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->size(), 1u);
}

TEST_P(RepositoryContractTest, UnknownTrialIsNotFound) {
  auto t = repo_->get_trial("local", 4242);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, Errc::not_found);
  EXPECT_EQ(t.error().where, "trial/4242");
}

TEST_P(RepositoryContractTest, EmptyProfileIsInvalidInput) {
  auto t = repo_->create_trial("", sample_trial());
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, Errc::invalid_input);
  EXPECT_EQ(t.error().where, "profile");
}

TEST_P(RepositoryContractTest, ReplacingAnEntryKeepsEveryVersion) {
  const TrialId id = start_trial();
  for (int i = 1; i <= 3; ++i) {
    DayEntry e = entry("2026-03-02", i);
    e.note = "take " + std::to_string(i);
    auto saved = repo_->put_entry("local", id, e);
    ASSERT_TRUE(saved) << to_string(saved.error());
    EXPECT_EQ(saved->version, i);
    EXPECT_TRUE(is_utc_time(saved->recorded_at)) << saved->recorded_at;
    expect_same_entry(*saved, e);
  }
  auto current = repo_->entries("local", id, std::nullopt, std::nullopt);
  ASSERT_TRUE(current);
  ASSERT_EQ(current->size(), 1u);
  EXPECT_EQ(current->front().version, 3);
  EXPECT_EQ(current->front().outcome, 3);
  EXPECT_EQ(current->front().note, "take 3");

  auto history = repo_->entry_history("local", id, day("2026-03-02"));
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*history)[static_cast<std::size_t>(i)].version, i + 1);
    EXPECT_EQ((*history)[static_cast<std::size_t>(i)].outcome, i + 1);
    EXPECT_EQ((*history)[static_cast<std::size_t>(i)].note, "take " + std::to_string(i + 1));
  }
  auto none = repo_->entry_history("local", id, day("2026-03-03"));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(RepositoryContractTest, ListsEntriesByDateWithinBounds) {
  const TrialId id = start_trial();
  for (const char* d : {"2026-03-05", "2026-03-01", "2026-03-03", "2026-03-02", "2026-03-04"})
    ASSERT_TRUE(repo_->put_entry("local", id, entry(d, 5)));
  const auto dates = [&](std::optional<Date> from, std::optional<Date> to) {
    std::vector<std::string> out;
    auto got = repo_->entries("local", id, from, to);
    EXPECT_TRUE(got);
    if (got)
      for (const auto& e : *got) out.push_back(e.date.to_string());
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(dates(std::nullopt, std::nullopt),
            (V{"2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"}));
  EXPECT_EQ(dates(day("2026-03-02"), day("2026-03-04")), (V{"2026-03-02", "2026-03-03", "2026-03-04"}));
  EXPECT_EQ(dates(day("2026-03-04"), std::nullopt), (V{"2026-03-04", "2026-03-05"}));
  EXPECT_EQ(dates(std::nullopt, day("2026-03-01")), (V{"2026-03-01"}));
  EXPECT_EQ(dates(day("2026-03-06"), std::nullopt), V{});
}

TEST_P(RepositoryContractTest, TotalsCountCurrentEntriesInRange) {
  const TrialId id = start_trial();
  ASSERT_TRUE(repo_->put_entry("local", id, entry("2026-03-01", 5, 2)));
  ASSERT_TRUE(repo_->put_entry("local", id, entry("2026-03-02", 5, std::nullopt)));  // counts as 0 doses
  ASSERT_TRUE(repo_->put_entry("local", id, entry("2026-03-03", 5, 1)));
  ASSERT_TRUE(repo_->put_entry("local", id, entry("2026-03-03", 5, 3)));  // replaces: only 3 counts
  ASSERT_TRUE(repo_->put_entry("local", id, entry("2026-03-09", 5, 7)));  // outside the range

  auto t = repo_->totals("local", id, day("2026-03-01"), day("2026-03-07"));
  ASSERT_TRUE(t) << to_string(t.error());
  EXPECT_EQ(t->days, 3);
  EXPECT_EQ(t->doses_taken, 5);
  auto empty = repo_->totals("local", id, day("2026-02-01"), day("2026-02-28"));
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->days, 0);
  EXPECT_EQ(empty->doses_taken, 0);
}

TEST_P(RepositoryContractTest, TotalsListRedFlagsOfCurrentEntriesInRange) {
  const TrialId id = start_trial();
  DayEntry flagged = entry("2026-03-02", 5, 2);
  flagged.red_flags = {"confusion", "new_neuro_symptoms"};
  ASSERT_TRUE(repo_->put_entry("local", id, flagged));
  DayEntry later = entry("2026-03-05", 5, 2);
  later.red_flags = {"confusion"};
  ASSERT_TRUE(repo_->put_entry("local", id, later));
  ASSERT_TRUE(repo_->put_entry("local", id, entry("2026-03-05", 5, 2)));  // replaced: its flag no longer current
  auto t = repo_->totals("local", id, day("2026-03-01"), day("2026-03-31"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->red_flags, (std::vector<std::string>{"confusion", "new_neuro_symptoms"}));
  auto before = repo_->totals("local", id, day("2026-03-03"), day("2026-03-31"));
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->red_flags.empty()) << "the 5th's flag was replaced; the 2nd is out of range";
}

TEST_P(RepositoryContractTest, RoundTripsEveryEntryField) {
  const TrialId id = start_trial();
  DayEntry full;
  full.date = day("2026-03-10");
  full.outcome = 6.5;
  full.doses_taken = 3;
  full.dose_g = 0.1 + 0.2;
  full.side_effects = {{"bloating", 2}, {"nausea", 0}, {"abdominal_discomfort", 10}};
  full.red_flags = {"new_neurologic_symptom", "confusion"};
  full.with_food = true;
  full.other_product = true;
  full.note = "after lunch, \"fine\"; ünïcode ✓\nsecond line";
  DayEntry bare = entry("2026-03-11", 0, std::nullopt);

  ASSERT_TRUE(repo_->put_entry("local", id, full));
  ASSERT_TRUE(repo_->put_entry("local", id, bare));
  auto got = repo_->entries("local", id, std::nullopt, std::nullopt);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->size(), 2u);
  expect_same_entry((*got)[0], full);
  expect_same_entry((*got)[1], bare);
  EXPECT_FALSE((*got)[1].dose_g);
  EXPECT_FALSE((*got)[1].doses_taken);
  EXPECT_TRUE((*got)[1].side_effects.empty());
  EXPECT_EQ((*got)[0].version, 1);
  EXPECT_TRUE(is_utc_time((*got)[0].recorded_at));
}

TEST_P(RepositoryContractTest, RefusesEntryValuesOffTheirScales) {
  const TrialId id = start_trial();
  DayEntry nan = entry("2026-03-01", std::numeric_limits<double>::quiet_NaN());
  // The outcome's scale is the pack's (checked by the service); the store
  // refuses only what is no number at all.
  DayEntry high = entry("2026-03-01", std::numeric_limits<double>::infinity());
  DayEntry negative = entry("2026-03-01", 5, -1);
  DayEntry side = entry("2026-03-01", 5);
  side.side_effects["nausea"] = 12;
  DayEntry grams = entry("2026-03-01", 5);
  grams.dose_g = -0.5;
  for (const auto& [e, where] :
       {std::pair{nan, "entry/outcome"}, std::pair{high, "entry/outcome"}, std::pair{negative, "entry/doses_taken"},
        std::pair{side, "entry/side_effects/nausea"}, std::pair{grams, "entry/dose_g"}}) {
    auto saved = repo_->put_entry("local", id, e);
    ASSERT_FALSE(saved) << where;
    EXPECT_EQ(saved.error().code, Errc::invalid_input) << where;
    EXPECT_EQ(saved.error().where, where);
  }
  auto none = repo_->entries("local", id, std::nullopt, std::nullopt);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(RepositoryContractTest, PutEntriesSavesAllOrNothing) {
  const TrialId id = start_trial();
  ASSERT_TRUE(repo_->put_entry("local", id, entry("2026-03-01", 1)));

  // A day that reads back as no date (year 29349) in the middle of the batch.
  DayEntry impossible = entry("2026-03-04", 4);
  impossible.date = Date(std::chrono::sys_days(std::chrono::days(10'000'000)));
  const std::vector<std::pair<std::vector<DayEntry>, std::string>> bad_batches = {
      {{entry("2026-03-01", 9), entry("2026-03-02", 2), entry("2026-03-03", std::numeric_limits<double>::quiet_NaN()),
        entry("2026-03-04", 4)},
       "entries/2/outcome"},
      {{entry("2026-03-01", 9), entry("2026-03-02", 2), entry("2026-03-03", 3), entry("2026-03-02", 4)},
       "entries/3/date"},
      {{entry("2026-03-01", 9), entry("2026-03-02", 2), impossible}, "entries/2/date"},
  };
  for (const auto& [batch, where] : bad_batches) {
    auto saved = repo_->put_entries("local", id, batch);
    ASSERT_FALSE(saved) << where;
    EXPECT_EQ(saved.error().code, Errc::invalid_input) << where;
    EXPECT_EQ(saved.error().where, where);

    auto got = repo_->entries("local", id, std::nullopt, std::nullopt);
    ASSERT_TRUE(got);
    ASSERT_EQ(got->size(), 1u) << "nothing from the failed batch is saved";
    EXPECT_EQ(got->front().outcome, 1);
    auto history = repo_->entry_history("local", id, day("2026-03-01"));
    ASSERT_TRUE(history);
    EXPECT_EQ(history->size(), 1u);
  }

  ASSERT_TRUE(
      repo_->put_entries("local", id, {entry("2026-03-01", 9), entry("2026-03-02", 2), entry("2026-03-03", 3)}));
  auto got = repo_->entries("local", id, std::nullopt, std::nullopt);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[0].outcome, 9);
  EXPECT_EQ((*got)[0].version, 2);
  EXPECT_EQ((*got)[1].version, 1);
}

TEST_P(RepositoryContractTest, AmendUpdatesTheTrialAndRecordsTheAmendment) {
  const TrialId id = start_trial();
  auto before = repo_->get_trial("local", id);
  ASSERT_TRUE(before);

  Trial amended = *before;
  amended.product_name = "Brand B capsules";
  amended.g_per_serving = 0.75;
  amended.review_date = day("2026-04-12");
  amended.created_at = "tampered";  // the store's own fields are not the caller's to change
  const Amendment product{0, "product", "L-Glutamine powder", "Brand B capsules", "ran out of the powder", ""};
  auto saved = repo_->amend("local", id, product, amended);
  ASSERT_TRUE(saved) << to_string(saved.error());
  EXPECT_GT(saved->id, 0);
  EXPECT_TRUE(is_utc_time(saved->recorded_at));
  EXPECT_EQ(saved->field, "product");

  const Amendment review{0, "review_date", "2026-04-05", "2026-04-12", "a week away", ""};
  auto second = repo_->amend("local", id, review, amended);
  ASSERT_TRUE(second);
  EXPECT_GT(second->id, saved->id);

  auto after = repo_->get_trial("local", id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->product_name, "Brand B capsules");
  EXPECT_EQ(after->g_per_serving, 0.75);
  EXPECT_EQ(after->review_date, day("2026-04-12"));
  EXPECT_EQ(after->created_at, before->created_at);
  EXPECT_EQ(after->id, id);

  auto list = repo_->amendments("local", id);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, saved->id);
  EXPECT_EQ((*list)[0].field, "product");
  EXPECT_EQ((*list)[0].old_value, "L-Glutamine powder");
  EXPECT_EQ((*list)[0].new_value, "Brand B capsules");
  EXPECT_EQ((*list)[0].reason, "ran out of the powder");
  EXPECT_EQ((*list)[0].recorded_at, saved->recorded_at);
  EXPECT_EQ((*list)[1].field, "review_date");
}

TEST_P(RepositoryContractTest, FailedAmendChangesNothing) {
  const TrialId id = start_trial();
  Trial bad = sample_trial();
  bad.product_name = "changed";
  bad.g_per_serving = std::numeric_limits<double>::infinity();
  auto saved = repo_->amend("local", id, Amendment{0, "product", "a", "b", "why", ""}, bad);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, Errc::invalid_input);
  EXPECT_EQ(saved.error().where, "trial/g_per_serving");

  auto no_field = repo_->amend("local", id, Amendment{0, "", "a", "b", "why", ""}, sample_trial());
  ASSERT_FALSE(no_field);
  EXPECT_EQ(no_field.error().where, "amendment/field");

  auto t = repo_->get_trial("local", id);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->product_name, sample_trial().product_name);
  auto list = repo_->amendments("local", id);
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());

  ASSERT_TRUE(repo_->end_trial("local", id, day("2026-04-05"), "done"));
  auto ended = repo_->amend("local", id, Amendment{0, "product", "a", "b", "why", ""}, sample_trial());
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().code, Errc::conflict);
}

INSTANTIATE_TEST_SUITE_P(
    Store, RepositoryContractTest,
    ::testing::Values(TrialStoreFactory{"Memory", [](testing::Places&) { return make_memory_repository(); }},
                      TrialStoreFactory{"Sqlite",
                                        [](testing::Places& places) -> std::unique_ptr<TrialRepository> {
                                          auto repo = open_sqlite(places.sqlite());
                                          EXPECT_TRUE(repo) << to_string(repo.error());
                                          return repo ? std::move(*repo) : nullptr;
                                        }},
                      TrialStoreFactory{"Postgres",
                                        [](testing::Places& places) -> std::unique_ptr<TrialRepository> {
                                          const std::string uri = places.postgres();
                                          auto repo = open_postgres(uri);
                                          EXPECT_TRUE(repo) << to_string(repo.error());
                                          return repo ? std::move(*repo) : nullptr;
                                        }}),
    [](const ::testing::TestParamInfo<TrialStoreFactory>& param) { return param.param.name; });

}  // namespace
}  // namespace trialwise::store

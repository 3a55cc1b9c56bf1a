// The trial store's speed:
// - logging a day is bounded by the durable write itself: put_entry beside a
//   plain prepared-statement insert in its own transaction, on a database
//   file with the same settings (WAL, synchronous=FULL);
// - status stays as fast with ten years of daily entries as with one month,
//   on SQLite, and on PostgreSQL with a year beside a month when
//   TRIALWISE_BENCH_POSTGRES names an empty database (bench/pg_load.sh does).

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "trialwise/store/postgres.hpp"
#include "trialwise/store/sqlite.hpp"
#include "trialwise/trial/status.hpp"

namespace {

using namespace trialwise;

std::string fresh_path(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("trialwise_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

const pack::Pack& shipped() {
  static const pack::Pack p = *pack::load_pack(pack::builtin_pack_text(), pack::builtin_pack_name());
  return p;
}

model::Trial a_trial(Date start, int active_days) {
  model::Trial t;
  t.pack_id = "glutamine";
  t.pack_version = "1.0.0";
  t.product_name = "Powder";
  t.g_per_serving = 5;
  t.protocol_id = "gut_focused_trial";
  t.outcome_id = "gut_symptoms";
  t.start = start;
  t.active_start = start.plus_days(7);
  t.review_date = t.active_start.plus_days(active_days);
  t.steps = {{1, t.active_start, 5, 2, false}, {2, t.active_start.plus_days(7), 10, 2, true}};
  t.plan = boost::json::object{};
  return t;
}

model::DayEntry an_entry(Date d) {
  model::DayEntry e;
  e.date = d;
  e.outcome = 5;
  e.doses_taken = 2;
  e.side_effects = {{"bloating", 1}, {"nausea", 0}};
  return e;
}

// One durable day entry through the repository (what `trialwise log` saves).
void BM_PutEntry(benchmark::State& state) {
  auto repo = *store::open_sqlite(fresh_path("put_entry.db"));
  const Date start = *Date::parse("2000-01-01", "");
  const auto id = *repo->create_trial(model::kLocalProfile, a_trial(start, 100000));
  int day = 0;
  for (auto _ : state) {
    auto saved = repo->put_entry(model::kLocalProfile, id, an_entry(start.plus_days(day++)));
    if (!saved) state.SkipWithError(saved.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PutEntry)->Unit(benchmark::kMicrosecond)->UseRealTime();  // durable writes: wall time

// The floor: a prepared INSERT of a similar row, one transaction each, same settings.
void BM_PlainInsert(benchmark::State& state) {
  const std::string path = fresh_path("plain.db");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE t(trial INTEGER, date TEXT, version INTEGER, outcome REAL, doses INTEGER, side TEXT,"
               " recorded_at TEXT, current INTEGER);",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO t VALUES(1, ?, 1, 5, 2, '{\"bloating\":1,\"nausea\":0}', '2026-01-01T00:00:00Z', 1)",
                     -1, &insert, nullptr);
  const Date start = *Date::parse("2000-01-01", "");
  int day = 0;
  for (auto _ : state) {
    const std::string d = start.plus_days(day++).to_string();
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(insert, 1, d.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(insert) != SQLITE_DONE) state.SkipWithError("insert failed");
    sqlite3_reset(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PlainInsert)->Unit(benchmark::kMicrosecond)->UseRealTime();

// `trialwise status`'s work after opening: read the log and compute the
// status, with `days` logged in a trial of `profile`.
void run_status(benchmark::State& state, store::TrialRepository& repo, const model::ProfileId& profile) {
  const int days = static_cast<int>(state.range(0));
  const Date start = *Date::parse("2016-01-01", "");
  const auto id = repo.create_trial(profile, a_trial(start, days + 100));
  if (!id) return state.SkipWithError(id.error().message.c_str());
  std::vector<model::DayEntry> entries;
  for (int i = 0; i < days; ++i) entries.push_back(an_entry(start.plus_days(i)));
  if (!repo.put_entries(profile, *id, entries)) return state.SkipWithError("seeding failed");
  const auto t = *repo.get_trial(profile, *id);
  const Date today = start.plus_days(days - 1);
  struct StoreLog final : trial::Log {
    store::TrialRepository& repo;
    model::ProfileId profile;
    model::TrialId id;
    StoreLog(store::TrialRepository& r, model::ProfileId p, model::TrialId i) : repo(r), profile(std::move(p)), id(i) {}
    Result<std::vector<model::DayEntry>> between(Date from, Date to) const override {
      return repo.entries(profile, id, from, to);
    }
    Result<model::EntryTotals> totals(Date from, Date to) const override { return repo.totals(profile, id, from, to); }
  };
  const StoreLog log(repo, profile, *id);
  for (auto _ : state) {
    auto st = trial::compute_status(shipped(), t, log, today);
    benchmark::DoNotOptimize(st);
  }
}

// With 30 days and with ten years (3,650 days) logged.
void BM_Status(benchmark::State& state) {
  auto repo = *store::open_sqlite(fresh_path("status_" + std::to_string(state.range(0)) + ".db"));
  run_status(state, *repo, model::kLocalProfile);
}
BENCHMARK(BM_Status)->Arg(30)->Arg(3650)->Unit(benchmark::kMicrosecond);

// The same on PostgreSQL, a month beside a year; each run its own profile.
void BM_StatusPostgres(benchmark::State& state) {
  const char* uri = std::getenv("TRIALWISE_BENCH_POSTGRES");
  if (uri == nullptr) return state.SkipWithError("set TRIALWISE_BENCH_POSTGRES to an empty database's URI");
  auto repo = store::open_postgres(uri);
  if (!repo) return state.SkipWithError(repo.error().message.c_str());
  static int run = 0;
  run_status(state, **repo, "bench-status-" + std::to_string(++run));
}
BENCHMARK(BM_StatusPostgres)->Arg(30)->Arg(365)->Unit(benchmark::kMicrosecond)->UseRealTime();  // the work is in the
                                                                                                // server

}  // namespace

BENCHMARK_MAIN();

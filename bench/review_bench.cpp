// One review of a 60-day trial (7 baseline days, 53 active: the gut trial of
// the shipped pack, bench/review_trials.hpp), and its pieces, so the cost is
// explained:
// - the two regressions it runs (the phase effect, and the effect beside a
//   time trend), OLS with Newey-West standard errors on 60 days;
// - the review as JSON, and as the text line `review --batch` writes;
// - reading a trial record line, and the whole batch line (read, review,
//   write) on one thread;
// and, for scale, what a user would otherwise write in C++: the plain OLS
// difference of means with its iid standard error.

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "review_trials.hpp"
#include "trialwise/review/report.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/stats/regression.hpp"
#include "trialwise/model/trial_json.hpp"

namespace {

using namespace trialwise;

struct Fixture {
  model::TrialRecord record;
  std::string line;                // the record as a batch input line
  std::vector<double> y, on, day;  // the days the review fits, in date order
  review::Review review;

  static const Fixture& get() {
    static const Fixture f = [] {
      Fixture x;
      x.record = bench::benchmark_record();
      json::append(x.line, boost::json::value(model::to_json(x.record)));
      const auto& t = x.record.trial;
      for (const auto& e : x.record.entries) {  // generated in date order, all before the review date
        x.y.push_back(e.outcome);
        x.on.push_back(model::is_on_day(t, e.date) ? 1.0 : 0.0);
        x.day.push_back(e.date.days_since(t.start));
      }
      x.review = review::review_trial(bench::rt::shipped(), t, x.record.entries, t.review_date);
      return x;
    }();
    return f;
  }
};

// One review at the review date: figures, both fits, the verdict and its words.
void BM_ReviewTrial(benchmark::State& state) {
  const auto& f = Fixture::get();
  const auto& pack = bench::rt::shipped();
  for (auto _ : state) {
    auto r = review::review_trial(pack, f.record.trial, f.record.entries, f.record.trial.review_date);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["days"] = static_cast<double>(f.record.entries.size());
  state.SetLabel(std::string(review::to_string(f.review.verdict)));
}
BENCHMARK(BM_ReviewTrial)->Unit(benchmark::kMicrosecond);

// The phase effect alone: y ~ 1 + active, Newey-West lag 3, 60 days.
void BM_OlsNeweyWest(benchmark::State& state) {
  const auto& f = Fixture::get();
  const std::array<std::span<const double>, 1> x{std::span<const double>(f.on)};
  for (auto _ : state) {
    auto fit = stats::ols_newey_west(f.y, x);
    benchmark::DoNotOptimize(fit);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OlsNeweyWest)->Unit(benchmark::kNanosecond);

// The review's second fit: y ~ 1 + active + day.
void BM_OlsNeweyWestWithTrend(benchmark::State& state) {
  const auto& f = Fixture::get();
  const std::array<std::span<const double>, 2> x{std::span<const double>(f.on), std::span<const double>(f.day)};
  for (auto _ : state) {
    auto fit = stats::ols_newey_west(f.y, x);
    benchmark::DoNotOptimize(fit);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OlsNeweyWestWithTrend)->Unit(benchmark::kNanosecond);

// The review as a JSON object (no series, as --batch writes it).
void BM_ReviewToJson(benchmark::State& state) {
  const auto& f = Fixture::get();
  for (auto _ : state) {
    auto json = review::to_json(f.review);
    benchmark::DoNotOptimize(json);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReviewToJson)->Unit(benchmark::kMicrosecond);

// The same written out as the batch's output line.
void BM_ReviewToJsonText(benchmark::State& state) {
  const auto& f = Fixture::get();
  std::string text;
  for (auto _ : state) {
    text.clear();
    auto json = review::to_json(f.review);
    json["trial"] = f.record.trial.id;
    json::append(text, json);
    benchmark::DoNotOptimize(text.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_ReviewToJsonText)->Unit(benchmark::kMicrosecond);

// Reading one batch input line: JSON text to a checked TrialRecord.
void BM_TrialRecordFromJson(benchmark::State& state) {
  const auto& f = Fixture::get();
  json::Parser parser;
  for (auto _ : state) {
    auto json = parser.parse(f.line);
    auto record = model::trial_record_from_json(*json, "");
    benchmark::DoNotOptimize(record);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes"] = static_cast<double>(f.line.size());
}
BENCHMARK(BM_TrialRecordFromJson)->Unit(benchmark::kMicrosecond);

// Only the JSON parse of that line.
void BM_ParseLine(benchmark::State& state) {
  const auto& f = Fixture::get();
  json::Parser parser;
  for (auto _ : state) {
    auto json = parser.parse(f.line);
    benchmark::DoNotOptimize(json);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseLine)->Unit(benchmark::kMicrosecond);

// One line of `review --batch` on one thread, as its line handler does it.
void BM_BatchLine(benchmark::State& state) {
  const auto& f = Fixture::get();
  const auto& pack = bench::rt::shipped();
  json::Parser parser;
  std::string text;
  for (auto _ : state) {
    text.clear();
    auto json = parser.parse(f.line);
    auto record = model::trial_record_from_json(*json, "");
    const auto& t = record->trial;
    auto out = review::to_json(review::review_trial(pack, t, record->entries, t.review_date));
    out["trial"] = t.id;
    json::append(text, out);
    text.push_back('\n');
    benchmark::DoNotOptimize(text.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BatchLine)->Unit(benchmark::kMicrosecond);

// For scale: OLS of y on an intercept and the phase indicator written by
// hand, i.e. the difference of the two phase means with the iid standard
// error sqrt(s^2 (1/n0 + 1/n1)), s^2 = residual sum of squares / (n - 2).
struct IidFit {
  double estimate = 0, se = 0;
};

IidFit difference_of_means(std::span<const double> y, std::span<const double> on) {
  double sum[2] = {0, 0};
  double n[2] = {0, 0};
  for (std::size_t i = 0; i < y.size(); ++i) {
    const auto g = static_cast<std::size_t>(on[i] != 0);
    sum[g] += y[i];
    n[g] += 1;
  }
  const double mean[2] = {sum[0] / n[0], sum[1] / n[1]};
  double ssr = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double r = y[i] - mean[static_cast<std::size_t>(on[i] != 0)];
    ssr += r * r;
  }
  const double s2 = ssr / (n[0] + n[1] - 2);
  return {mean[1] - mean[0], std::sqrt(s2 * (1 / n[0] + 1 / n[1]))};
}

void BM_PlainOlsIid(benchmark::State& state) {
  const auto& f = Fixture::get();
  for (auto _ : state) {
    auto fit = difference_of_means(f.y, f.on);
    benchmark::DoNotOptimize(fit);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PlainOlsIid)->Unit(benchmark::kNanosecond);

}  // namespace

BENCHMARK_MAIN();

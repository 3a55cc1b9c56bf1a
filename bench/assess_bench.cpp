// Assessments per second, in process, against evaluating the same pack rules
// alone: the assessment should cost little beyond its rules.
//
// TRIALWISE_BENCH_DATA: a JSONL file of answers (default: generated here).

#include <benchmark/benchmark.h>

#include <boost/json/monotonic_resource.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "respondents.hpp"
#include "trialwise/assess/assessment.hpp"
#include "trialwise/assess/report.hpp"
#include "trialwise/json/text.hpp"

namespace {

using namespace trialwise;

struct Fixture {
  pack::Pack pack;
  std::vector<boost::json::value> answers;
  std::vector<std::string> bodies;  // the same answers as request bodies

  static Fixture& get() {
    static Fixture f = [] {
      Fixture x{*pack::load_pack(pack::builtin_pack_text(), pack::builtin_pack_name()), {}, {}};
      std::vector<std::string> lines;
      if (const char* path = std::getenv("TRIALWISE_BENCH_DATA"); path && *path) {
        std::ifstream in(path);
        for (std::string line; std::getline(in, line);)
          if (!line.empty()) lines.push_back(line);
      } else {
        lines = bench::generate_lines(2000);
      }
      for (const auto& l : lines) x.answers.push_back(*json::parse(l));
      x.bodies = std::move(lines);
      return x;
    }();
    return f;
  }
};

// The pack's answer rules alone (safety and basics), as `rule eval` would run them.
void BM_PackRulesOnly(benchmark::State& state) {
  auto& f = Fixture::get();
  rules::Scratch scratch;
  std::vector<rules::Value> out;
  for (auto _ : state) {
    for (const auto& a : f.answers) {
      auto ok = f.pack.answer_rules.evaluate_all(a, scratch, out);
      benchmark::DoNotOptimize(ok);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.answers.size()));
}
BENCHMARK(BM_PackRulesOnly)->Unit(benchmark::kMillisecond);

// Check the answers, then assess: what `assess` does before writing.
void BM_CheckAndAssess(benchmark::State& state) {
  auto& f = Fixture::get();
  for (auto _ : state) {
    for (const auto& a : f.answers) {
      auto checked = assess::check_answers(f.pack, a);
      auto result = assess::assess(f.pack, *checked);
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.answers.size()));
}
BENCHMARK(BM_CheckAndAssess)->Unit(benchmark::kMillisecond);

// Check, assess and write each respondent's contract v1 answer with
// `write(text, answers, assessment)`, as `assess --batch` does per line.
template <class Write>
void check_assess_write(benchmark::State& state, Write write) {
  auto& f = Fixture::get();
  std::string text;
  for (auto _ : state) {
    for (const auto& a : f.answers) {
      auto checked = assess::check_answers(f.pack, a);
      auto result = assess::assess(f.pack, *checked);
      text.clear();
      write(text, *checked, *result);
      benchmark::DoNotOptimize(text.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.answers.size()));
}

// The answer built as a boost::json object, then written.
void BM_CheckAssessWrite(benchmark::State& state) {
  check_assess_write(state, [&pack = Fixture::get().pack](std::string& text, const auto& answers, const auto& result) {
    json::append(text, boost::json::value(assess::to_json(pack, answers, result, assess::Detail::contract)));
  });
}
BENCHMARK(BM_CheckAssessWrite)->Unit(benchmark::kMillisecond);

// The same text written in one pass (what the checker's assess route does).
void BM_CheckAssessWriteOnePass(benchmark::State& state) {
  check_assess_write(state, [&pack = Fixture::get().pack](std::string& text, const auto& answers, const auto& result) {
    assess::append_json(text, pack, answers, result, assess::Detail::contract);
  });
}
BENCHMARK(BM_CheckAssessWriteOnePass)->Unit(benchmark::kMillisecond);

// What the checker's assess route does between reading a body and sending the
// answer: parse the body into memory recycled per request, check, assess and
// write in one pass. The server's own costs (sockets, HTTP) are in
// bench/http_load.sh.
void BM_AssessRouteWork(benchmark::State& state) {
  auto& f = Fixture::get();
  json::Parser parser;
  std::vector<unsigned char> buffer(64 * 1024);
  boost::json::monotonic_resource memory(buffer.data(), buffer.size());
  std::string text;
  for (auto _ : state) {
    for (const auto& body : f.bodies) {
      memory.release();
      auto answers = parser.parse(body, boost::json::storage_ptr(&memory));
      auto checked = assess::check_answers(f.pack, std::move(*answers));
      auto result = assess::assess(f.pack, *checked);
      text.clear();
      assess::append_json(text, f.pack, *checked, *result, assess::Detail::full);
      benchmark::DoNotOptimize(text.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.bodies.size()));
}
BENCHMARK(BM_AssessRouteWork)->Unit(benchmark::kMillisecond);

// Reading the bodies alone, refusing a member named twice (the routes' way)
// against keeping the last one (JSON.parse's way): what the check costs.
void BM_ParseBody(benchmark::State& state) {
  auto& f = Fixture::get();
  const auto duplicates = state.range(0) ? json::Duplicates::refuse : json::Duplicates::keep_last;
  state.SetLabel(state.range(0) ? "refuse" : "keep_last");
  json::Parser parser(json::kMaxDepth, duplicates);
  std::vector<unsigned char> buffer(64 * 1024);
  boost::json::monotonic_resource memory(buffer.data(), buffer.size());
  for (auto _ : state) {
    for (const auto& body : f.bodies) {
      memory.release();
      auto answers = parser.parse(body, boost::json::storage_ptr(&memory));
      benchmark::DoNotOptimize(answers);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.bodies.size()));
}
BENCHMARK(BM_ParseBody)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

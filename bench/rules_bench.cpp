// Rule evaluation speed on a realistic screening rule set.
//
// TRIALWISE_BENCH_RULES: a JSON array of rules (default bench/data/screening_rules.json)
// TRIALWISE_BENCH_DATA:  a JSONL file of respondents (default: generated here)
// bench/compare_rules.sh runs this beside json-logic-engine on the same files.
// items_per_second is rule evaluations per second.

#include <benchmark/benchmark.h>

#include <boost/json/monotonic_resource.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "trialwise/rules/document.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"
#include "respondents.hpp"

namespace {

using namespace trialwise::rules;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot open " << path << "\n";
    std::exit(2);
  }
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

struct Fixture {
  std::vector<Document> documents;
  std::vector<boost::json::value> respondents;  // the same, as boost::json values
  std::vector<std::string> lines;
  RuleSet set;
  std::vector<Rule> rules;

  static Fixture& get() {
    static Fixture f = make();
    return f;
  }

  static Fixture make() {
    const std::string rules_path = env_or("TRIALWISE_BENCH_RULES", TRIALWISE_BENCH_DEFAULT_RULES);
    auto rules_json = trialwise::json::parse(read_all(rules_path));
    if (!rules_json) {
      std::cerr << rules_path << ": " << trialwise::to_string(rules_json.error()) << "\n";
      std::exit(2);
    }
    Engine engine;
    auto set = engine.compile_set(*rules_json);
    if (!set) {
      std::cerr << rules_path << "#" << trialwise::to_string(set.error()) << "\n";
      std::exit(2);
    }
    std::vector<Rule> rules;
    for (const auto& r : rules_json->get_array()) rules.push_back(*engine.compile(r));

    std::vector<std::string> lines;
    const std::string data_path = env_or("TRIALWISE_BENCH_DATA", "");
    if (data_path.empty()) {
      lines = trialwise::bench::generate_lines(2000);
    } else {
      std::istringstream in(read_all(data_path));
      for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    }
    // Read as `rule eval --data-lines` reads each line: into a Document.
    DocumentParser parser;
    std::vector<Document> documents(lines.size());
    std::vector<boost::json::value> respondents;
    auto arena = boost::json::make_shared_resource<boost::json::monotonic_resource>();
    trialwise::json::Parser json_parser;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!parser.parse(lines[i], documents[i])) std::exit(2);
      respondents.push_back(*json_parser.parse(lines[i], arena));
    }
    return Fixture{std::move(documents), std::move(respondents), std::move(lines), *set, std::move(rules)};
  }
};

// The whole rule set on each respondent: what a screening does. Data read
// beforehand into Documents, as JSON.parse does beforehand on the Node side.
void BM_ScreeningRules(benchmark::State& state) {
  auto& f = Fixture::get();
  Scratch scratch;
  std::vector<Value> out;
  for (auto _ : state) {
    for (const auto& d : f.documents) {
      auto ok = f.set.evaluate_all(d.root(), scratch, out);
      benchmark::DoNotOptimize(ok);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.documents.size() * f.set.size()));
  state.counters["rules"] = static_cast<double>(f.set.size());
  state.counters["respondents"] = static_cast<double>(f.documents.size());
}
BENCHMARK(BM_ScreeningRules)->Unit(benchmark::kMillisecond);

// The same on boost::json values (the general-purpose API).
void BM_ScreeningRulesBoostJson(benchmark::State& state) {
  auto& f = Fixture::get();
  Scratch scratch;
  std::vector<Value> out;
  for (auto _ : state) {
    for (const auto& r : f.respondents) {
      auto ok = f.set.evaluate_all(r, scratch, out);
      benchmark::DoNotOptimize(ok);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.respondents.size() * f.set.size()));
}
BENCHMARK(BM_ScreeningRulesBoostJson)->Unit(benchmark::kMillisecond);

// The same rules compiled one by one: each looks up its own paths.
void BM_ScreeningRulesOneByOne(benchmark::State& state) {
  auto& f = Fixture::get();
  Scratch scratch;
  for (auto _ : state) {
    for (const auto& r : f.documents) {
      for (const auto& rule : f.rules) {
        auto v = rule.evaluate(r.root(), scratch);
        benchmark::DoNotOptimize(v);
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.documents.size() * f.rules.size()));
}
BENCHMARK(BM_ScreeningRulesOneByOne)->Unit(benchmark::kMillisecond);

// Parse each JSON line, evaluate every rule and write the results: the
// per-line work of `trialwise rule eval --data-lines`, on one thread.
void BM_ParseEvaluateWrite(benchmark::State& state) {
  auto& f = Fixture::get();
  Scratch scratch;
  DocumentParser parser;
  Document doc;
  std::vector<Value> out;
  std::string text;
  for (auto _ : state) {
    for (const auto& line : f.lines) {
      auto parsed = parser.parse(line, doc);
      benchmark::DoNotOptimize(parsed);
      auto ok = f.set.evaluate_all(doc.root(), scratch, out);
      benchmark::DoNotOptimize(ok);
      text.clear();
      for (const auto& v : out) append_json(text, v);
      benchmark::DoNotOptimize(text.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.lines.size()));
}
BENCHMARK(BM_ParseEvaluateWrite)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

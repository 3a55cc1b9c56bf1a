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
#include "trialwise/rules/json_text.hpp"

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

// Contract v1 answers with every field present, as bench/node/generate_respondents.mjs makes them.
std::vector<std::string> generate_lines(std::size_t count) {
  std::mt19937 rng(42);
  auto pick = [&](std::initializer_list<const char*> xs) {
    return *(xs.begin() + std::uniform_int_distribution<std::size_t>(0, xs.size() - 1)(rng));
  };
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng) ? "true" : "false"; };
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < count; ++i) {
    std::ostringstream o;
    o << R"({"age":)" << std::uniform_int_distribution<int>(14, 90)(rng) << R"(,"problem":")"
      << pick({"fewer_colds", "gut_symptoms", "treatment_mouth_throat", "surgery_or_burns", "heavy_training"})
      << R"(","pregnant":)" << chance(0.05) << R"(,"breastfeeding":)" << chance(0.05)
      << R"(,"liver_disease":")" << pick({"none", "none", "none", "mild", "advanced"})
      << R"(","hepatic_encephalopathy_history":)" << chance(0.02) << R"(,"kidney_disease":")"
      << pick({"none", "none", "none", "monitored", "severe_failure"}) << R"(","multiorgan_failure":)"
      << chance(0.01) << R"(,"cancer_treatment_active":)" << chance(0.05) << R"(,"icu_recent":)" << chance(0.03)
      << R"(,"neuro_symptoms_unexplained":)" << chance(0.03) << R"(,"prescription_count":)"
      << std::uniform_int_distribution<int>(0, 8)(rng) << R"(,"supplements":[)";
    const int n = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int k = 0; k < n; ++k) {
      o << (k ? "," : "") << R"({"name":"product )" << k << R"(","glutamine_g_per_serving":)"
        << std::uniform_int_distribution<int>(0, 10)(rng) << R"(,"servings_per_day":)"
        << std::uniform_int_distribution<int>(1, 3)(rng) << R"(,"third_party_tested":)" << chance(0.5) << "}";
    }
    o << R"(],"sleep_hours":)" << std::uniform_int_distribution<int>(40, 95)(rng) / 10.0
      << R"(,"meals_regular":)" << chance(0.7) << R"(,"protein_each_meal":)" << chance(0.5)
      << R"(,"hydration_ok":)" << chance(0.7) << R"(,"alcohol_heavy":)" << chance(0.1)
      << R"(,"training_hours_per_week":)" << std::uniform_int_distribution<int>(0, 20)(rng)
      << R"(,"rest_days_per_week":)" << std::uniform_int_distribution<int>(0, 7)(rng) << "}";
    lines.push_back(o.str());
  }
  return lines;
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
    auto rules_json = parse_json(read_all(rules_path));
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
      lines = generate_lines(2000);
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
    JsonParser json_parser;
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

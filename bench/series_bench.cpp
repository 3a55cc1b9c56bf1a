// Pooling a series in process: random_effects on k people's effects (REML
// with BLUPs, DerSimonian-Laird, and the meta-regression on baseline, which
// also fits the model without it for R²), as bench/compare_series.sh times
// metafor doing the same. The effects are drawn like a practice's: true
// effects 1.8 +- 1 point, standard errors 0.2 to 1.

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "trialwise/stats/meta_analysis.hpp"

namespace {

using namespace trialwise::stats;

struct Effects {
  std::vector<double> y, se, baseline;
};

Effects draw(std::size_t k) {
  std::uint64_t state = 20261207;
  const auto uniform = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(state >> 11) + 0.5) * 0x1p-53;
  };
  const auto normal = [&] { return std::sqrt(-2 * std::log(uniform())) * std::cos(6.283185307179586 * uniform()); };
  Effects e;
  for (std::size_t i = 0; i < k; ++i) {
    const double se = 0.2 + 0.8 * uniform(), baseline = 4 + 4 * uniform();
    e.y.push_back(1.8 + 0.2 * (baseline - 6) + normal() + se * normal());
    e.se.push_back(se);
    e.baseline.push_back(baseline);
  }
  return e;
}

void run(benchmark::State& state, const MetaOptions& options, bool moderator) {
  const auto e = draw(static_cast<std::size_t>(state.range(0)));
  const std::vector<std::span<const double>> mods{e.baseline};
  const auto columns =
      moderator ? std::span<const std::span<const double>>(mods) : std::span<const std::span<const double>>();
  const std::vector<double> at(moderator ? 1 : 0, 6.0);
  for (auto _ : state) {
    auto fit = random_effects(e.y, e.se, columns, options);
    if (!fit) {
      state.SkipWithError("random_effects failed");
      return;
    }
    auto pred = predict(*fit, at);
    benchmark::DoNotOptimize(pred);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_RandomEffectsReml(benchmark::State& state) { run(state, {Tau2Method::reml, false}, false); }
void BM_RandomEffectsDl(benchmark::State& state) { run(state, {Tau2Method::dl, false}, false); }
void BM_MetaRegressionReml(benchmark::State& state) { run(state, {Tau2Method::reml, false}, true); }

BENCHMARK(BM_RandomEffectsReml)->Arg(14)->Arg(1000);
BENCHMARK(BM_RandomEffectsDl)->Arg(1000);
BENCHMARK(BM_MetaRegressionReml)->Arg(1000);

}  // namespace

BENCHMARK_MAIN();

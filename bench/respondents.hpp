#pragma once

// Generated questionnaire answers for the benchmarks: contract v1, every
// field present, values spread as bench/node/generate_respondents.mjs spreads
// them. Deterministic (seed 42).

#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace trialwise::bench {

// Contract v1 answers with every field present, as bench/node/generate_respondents.mjs makes them.
inline std::vector<std::string> generate_lines(std::size_t count) {
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
      << R"(","pregnant":)" << chance(0.05) << R"(,"breastfeeding":)" << chance(0.05) << R"(,"liver_disease":")"
      << pick({"none", "none", "none", "mild", "advanced"}) << R"(","hepatic_encephalopathy_history":)" << chance(0.02)
      << R"(,"kidney_disease":")" << pick({"none", "none", "none", "monitored", "severe_failure"})
      << R"(","multiorgan_failure":)" << chance(0.01) << R"(,"organ_failure_other":)" << chance(0.01)
      << R"(,"complex_condition":)" << chance(0.03) << R"(,"cancer_treatment_active":)" << chance(0.05)
      << R"(,"cancer_diagnosis":)" << chance(0.04) << R"(,"major_surgery_or_burns_recent":)" << chance(0.02)
      << R"(,"nutrition_support":)" << chance(0.01) << R"(,"icu_recent":)" << chance(0.03)
      << R"(,"neuro_symptoms_unexplained":)" << chance(0.03) << R"(,"prescription_count":)"
      << std::uniform_int_distribution<int>(0, 8)(rng) << R"(,"supplements":[)";
    const int n = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int k = 0; k < n; ++k) {
      const int grams = std::uniform_int_distribution<int>(0, 10)(rng);
      o << (k ? "," : "") << R"({"name":"product )" << k << R"(",)";
      if (grams > 0)
        o << R"("contains_glutamine":"amount_given","glutamine_g_per_serving":)" << grams;
      else
        o << R"("contains_glutamine":"no")";
      o << R"(,"servings_per_day":)" << std::uniform_int_distribution<int>(1, 3)(rng) << R"(,"third_party_tested":)"
        << chance(0.5) << "}";
    }
    o << R"(],"sleep_hours":)" << std::uniform_int_distribution<int>(40, 95)(rng) / 10.0 << R"(,"meals_regular":)"
      << chance(0.7) << R"(,"protein_each_meal":)" << chance(0.5) << R"(,"hydration_ok":)" << chance(0.7)
      << R"(,"alcohol_heavy":)" << chance(0.1) << R"(,"training_hours_per_week":)"
      << std::uniform_int_distribution<int>(0, 20)(rng) << R"(,"rest_days_per_week":)"
      << std::uniform_int_distribution<int>(0, 7)(rng) << "}";
    lines.push_back(o.str());
  }
  return lines;
}

}  // namespace trialwise::bench

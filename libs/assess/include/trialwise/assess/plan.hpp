#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/assess/assessment.hpp"
#include "trialwise/core/block_design.hpp"
#include "trialwise/core/date.hpp"

namespace trialwise::assess {

/// A randomized block design as chosen: `blocks` blocks of `block_days`
/// days, in pairs of one on and one off, the order drawn from `seed`.
struct BlockChoices {
  int block_days = 7;
  int blocks = 4;
  std::uint64_t seed = 0;
};

/// What the person chooses; everything but the start date has a default.
struct PlanChoices {
  Date start{};                              // first day of the baseline
  std::optional<std::string> protocol_id{};  // default: the pack's protocol for the group
  std::optional<std::string> outcome_id{};   // default: the first outcome for the group
  std::optional<std::string> product_name{};
  std::optional<double> g_per_serving{};     // grams of glutamine in one serving of the product
  std::optional<int> active_days{};          // default: the protocol's
  std::optional<BlockChoices> blocks{};      // a randomized block design instead of the open one
};

struct PlannedStep {
  int number = 1;
  int start_day = 1;  // counted from the first active day
  Date date;
  double dose_g = 0;
  int times_per_day = 1;
  double daily_g = 0;
  std::optional<double> servings_per_dose;  // when the product's grams per serving are known
  std::string condition;                     // empty for the first step
};

struct PlanNote {
  std::string id, text, section;
};

/// One defined trial: one product, one protocol, one outcome, a baseline,
/// dose steps and one review date, fixed in advance.
struct TrialPlan {
  std::string product_name;
  std::optional<double> g_per_serving;
  const pack::Protocol* protocol = nullptr;
  const pack::Outcome* outcome = nullptr;
  Date start, baseline_end, active_start, review_date;
  int baseline_days = 0;
  int active_days = 0;
  std::vector<PlannedStep> steps;           // with a block design, step days count on-days only
  std::optional<BlockDesign> blocks;        // empty: the open design
  double max_daily_g = 0;                   // the most the plan ever asks for in a day
  double existing_glutamine_g_per_day = 0;  // from the person's other products
  double total_max_daily_g = 0;
  std::vector<PlanNote> warnings;
};

/// Makes the plan. Fails with Errc::refused when the assessment's decision is
/// do_not_start or see_clinician, when the protocol issues no dose, or when a
/// pack plan check holds (the message says why); with Errc::invalid_input
/// naming the choice ("--protocol", "--outcome", "--g-per-serving", ...) when
/// a choice is unknown or does not fit the person's group.
Result<TrialPlan> make_plan(const pack::Pack& pack, const Answers& answers, const Assessment& assessment,
                            const PlanChoices& choices);

}  // namespace trialwise::assess

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/assess/assessment.hpp"
#include "trialwise/model/block_design.hpp"
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
  std::optional<double> g_per_serving{};  // grams of the supplement in one serving of the product
  std::optional<int> active_days{};       // default: the protocol's
  std::optional<BlockChoices> blocks{};   // a randomized block design instead of the open one
  /// Pause every other product that contains the supplement from the first
  /// baseline day to the review (the default: one product, and a baseline
  /// without it). When false, the plan is refused if their amount is unknown
  /// or would take the day above the protocol's own most.
  bool pause_other_products = true;
};

/// Another product the person takes that contains the supplement, or may.
struct OtherProduct {
  std::string name;
  std::string contains;           // the answer, e.g. "amount_given", "no_amount", "not_sure"
  std::string contains_label;     // that answer in the questionnaire's words
  std::optional<double> daily_g;  // amount per serving x servings a day, when the amount is given
};

struct PlannedStep {
  int number = 1;
  int start_day = 1;  // counted from the first active day
  Date date;
  double dose_g = 0;
  int times_per_day = 1;
  double daily_g = 0;
  std::optional<double> servings_per_dose;  // when the product's grams per serving are known
  std::string condition;                    // empty for the first step
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
  std::vector<PlannedStep> steps;            // with a block design, step days count on-days only
  std::optional<model::BlockDesign> blocks;  // empty: the open design
  double max_daily_g = 0;                    // the most the plan ever asks for in a day
  double existing_g_per_day = 0;             // from the person's other products, where amounts are given
  std::vector<OtherProduct> other_products;  // every other product that contains the supplement, or may
  bool pause_other_products = true;          // paused from `start` to `review_date`
  int unknown_amount_products = 0;           // other products whose amount is not known
  double total_max_daily_g = 0;              // the trial's most, plus the other products when not paused
  std::vector<PlanNote> warnings;
};

/// Makes the plan. Fails with Errc::refused when the assessment does not allow
/// a plan (Assessment::plan_allowed), when the protocol issues no dose, or
/// when a pack plan check holds (the message says why); with Errc::invalid_input
/// naming the choice ("--protocol", "--outcome", "--g-per-serving", ...) when
/// a choice is unknown or does not fit the person's group.
Result<TrialPlan> make_plan(const pack::Pack& pack, const Answers& answers, const Assessment& assessment,
                            const PlanChoices& choices);

}  // namespace trialwise::assess

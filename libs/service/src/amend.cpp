#include "trialwise/service/amend.hpp"

#include "trialwise/json/text.hpp"

namespace trialwise::service {
namespace {

bool grams_ok(double g) { return g > 0 && g <= 100; }

// The trial as amended and one amendment per change, or the first bad change.
Result<std::vector<model::Amendment>> apply(const pack::Pack& pack, const AmendInput& in, Date today,
                                            model::Trial& next) {
  std::vector<model::Amendment> changes;
  const auto change = [&](std::string field, std::string old_value, std::string new_value) {
    changes.push_back(model::Amendment{0, std::move(field), std::move(old_value), std::move(new_value), in.reason, ""});
  };
  if (in.g_per_serving && !in.product)
    return Unexpected{invalid_input("/g_per_serving", "give the product these grams per serving belong to")};
  if (in.product) {
    if (in.product->empty()) return Unexpected{invalid_input("/product", "the product needs a name")};
    if (in.g_per_serving && !grams_ok(*in.g_per_serving))
      return Unexpected{invalid_input("/g_per_serving", "must be more than 0 and at most 100 grams")};
    std::string old_value = next.product_name;
    next.product_name = *in.product;
    if (in.g_per_serving) next.g_per_serving = *in.g_per_serving;
    change("product", std::move(old_value),
           *in.product + (in.g_per_serving ? " (" + json::number_text(*in.g_per_serving) + " g per serving)" : ""));
  }
  if (in.dose_g) {
    if (!grams_ok(*in.dose_g)) return Unexpected{invalid_input("/dose_g", "must be more than 0 and at most 100 grams")};
    std::string old_value;
    for (std::size_t i = 0; i < next.steps.size(); ++i) {
      if (i + 1 < next.steps.size() && next.steps[i + 1].start <= today) continue;  // over before today
      auto& step = next.steps[i];
      old_value += (old_value.empty() ? "" : ", ") +
                   ("step " + std::to_string(step.number) + " " + json::number_text(step.dose_g) + " g");
      step.dose_g = *in.dose_g;
    }
    change("dose", std::move(old_value), json::number_text(*in.dose_g) + " g per dose from " + today.to_string());
  }
  if (in.outcome) {
    const auto* outcome = pack.find_outcome(*in.outcome);
    if (!outcome)
      return Unexpected{invalid_input("/outcome", "\"" + *in.outcome + "\" is not an outcome this pack knows")};
    std::string old_value = next.outcome_id;
    next.outcome_id = outcome->id;
    next.outcome_higher_is_better = outcome->higher_is_better;
    change("outcome", std::move(old_value), outcome->id);
  }
  if (in.review_date) {
    if (*in.review_date <= next.active_start)
      return Unexpected{invalid_input("/review_date", "must come after the first active day")};
    std::string old_value = next.review_date.to_string();
    next.review_date = *in.review_date;
    change("review_date", std::move(old_value), in.review_date->to_string());
  }
  return changes;
}

}  // namespace

Result<std::vector<model::Amendment>> amend_trial(store::TrialRepository& repo, const model::ProfileId& profile,
                                                  const pack::Pack& pack, const model::Trial& trial,
                                                  const AmendInput& input, Date today) {
  if (input.reason.empty()) return Unexpected{invalid_input("/reason", "say why the plan changes")};
  if (!input.product && !input.g_per_serving && !input.dose_g && !input.outcome && !input.review_date)
    return Unexpected{invalid_input("", "nothing to change: give a new product, dose, outcome or review date")};
  model::Trial next = trial;
  auto changes = apply(pack, input, today, next);
  if (!changes) return Unexpected{changes.error()};
  std::vector<model::Amendment> saved;
  for (const auto& amendment : *changes) {
    auto s = repo.amend(profile, trial.id, amendment, next);
    if (!s) return Unexpected{s.error()};
    saved.push_back(std::move(*s));
  }
  return saved;
}

}  // namespace trialwise::service

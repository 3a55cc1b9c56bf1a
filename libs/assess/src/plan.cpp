// make_plan(): one defined trial, fixed in advance (the article's step 4).

#include "trialwise/assess/plan.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <boost/json/object.hpp>

#include "trialwise/json/text.hpp"
#include "trialwise/stats/randomization.hpp"
#include "trialwise/core/text.hpp"

namespace trialwise::assess {
namespace {

bool serves(const std::vector<std::string>& groups, const std::string& group) {
  return std::find(groups.begin(), groups.end(), group) != groups.end();
}

template <class T>
std::string ids_for(const std::vector<T>& items, const std::string& group) {
  std::string out;
  for (const auto& x : items)
    if (serves(x.groups, group)) out += (out.empty() ? "" : ", ") + x.id;
  return out;
}

double round2(double g) { return std::round(g * 100.0) / 100.0; }

// The item `chosen` names, which must serve `group`; or, when nothing is
// chosen, the first item that serves it.
template <class T>
Result<const T*> choose(const std::vector<T>& items, const std::optional<std::string>& chosen, const std::string& group,
                        const char* flag, const char* what) {
  for (const auto& x : items) {
    if (chosen ? x.id == *chosen : serves(x.groups, group)) {
      if (serves(x.groups, group)) return &x;
      break;
    }
  }
  if (chosen) {
    return Unexpected{invalid_input(flag, "\"" + *chosen + "\" is not " + (what[0] == 'o' ? "an " : "a ") + what +
                                              " for " + group + "; choose one of: " + ids_for(items, group))};
  }
  return Unexpected{internal_error(std::string("#/") + what + "s", std::string("no ") + what + " for " + group)};
}

// The design a block choice asks for, checked: its on days must fit the
// protocol's range, as an open trial's active days must.
Result<model::BlockDesign> block_design(const BlockChoices& c, bool days_given, const pack::DayRange& range,
                                        const std::string& protocol) {
  if (days_given)
    return Unexpected{invalid_input(
        "/days", "with a block design the length is its blocks times their days; leave out the number of active days")};
  if (c.blocks < 2 || c.blocks > 40 || c.blocks % 2 != 0)
    return Unexpected{invalid_input("/design/blocks",
                                    "give an even number of blocks, 2 to 40: they come in pairs, one on "
                                    "and one off")};
  if (c.block_days < 1 || c.block_days > 56)
    return Unexpected{invalid_input("/design/block_days", "give 1 to 56 days per block")};
  const int on_days = c.blocks / 2 * c.block_days;
  if (on_days < range.min_days || on_days > range.max_days)
    return Unexpected{invalid_input(
        "/design/blocks", std::to_string(c.blocks) + " blocks of " + std::to_string(c.block_days) + " days give " +
                              std::to_string(on_days) + " days on the supplement; the " + protocol + " needs " +
                              std::to_string(range.min_days) + " to " + std::to_string(range.max_days))};
  return model::BlockDesign{c.block_days, stats::draw_block_order(c.blocks, c.seed), c.seed};
}

// The date of the n-th on day (from 1) of a block design.
Date nth_on_day(const model::BlockDesign& d, Date active_start, int n) {
  int seen = 0;
  for (int day = 0;; ++day) {
    const auto block = static_cast<std::size_t>(day / d.block_days);
    if (block >= d.on.size()) return active_start.plus_days(day);  // past the last block: never reached
    if (d.on[block] && ++seen == n) return active_start.plus_days(day);
  }
}

// Every other product that contains the supplement or may (any answer but
// the pack's "none"), with its daily amount where one is given. A product
// listed as containing it without an amount is never counted as 0 g: it is
// named, and counted as unknown.
void add_other_products(const pack::Pack& pack, const Answers& answers, TrialPlan& plan) {
  const auto& intake = pack.plan.existing_intake;
  if (intake.list.empty()) return;
  const auto products = answers.object().find(intake.list);
  if (products == answers.object().end() || !products->value().is_array()) return;
  const pack::Question* list = pack.find_question(intake.list);
  auto label_of = [&](const std::string& value) {
    if (list)
      for (const auto& f : list->fields)
        if (f.id == intake.contains)
          for (const auto& c : f.values)
            if (c.value == value) return c.label;
    return value;
  };
  auto text = [](const boost::json::object& o, const std::string& key) {
    const auto it = o.find(key);
    return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
  };
  auto number = [](const boost::json::object& o, const std::string& key) -> std::optional<double> {
    const auto it = o.find(key);
    if (it == o.end() || !it->value().is_number()) return std::nullopt;
    return it->value().to_number<double>();
  };
  double known = 0;
  for (const auto& item : products->value().get_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.get_object();
    const std::string name = text(o, intake.name);
    const std::string contains = text(o, intake.contains);
    if (contains == intake.contains_none) continue;
    if (!plan.product_name.empty() && !name.empty() && ascii_lower(name) == ascii_lower(plan.product_name)) {
      plan.warnings.push_back({"same_product",
                               "\"" + name +
                                   "\" is already in your list: during the trial take it only as the plan "
                                   "says, not as well as your usual servings.",
                               "pack default"});
      continue;
    }
    OtherProduct other{name, contains, label_of(contains), std::nullopt};
    if (const auto g = number(o, intake.amount_per_serving)) {
      other.daily_g = round2(*g * number(o, intake.servings_per_day).value_or(0));
      known += *other.daily_g;
    } else {
      ++plan.unknown_amount_products;
    }
    plan.other_products.push_back(std::move(other));
  }
  plan.existing_g_per_day = round2(known);
}

}  // namespace

Result<TrialPlan> make_plan(const pack::Pack& pack, const Answers& answers, const Assessment& a,
                            const PlanChoices& choices) {
  if (!a.plan_allowed) {
    if (a.decision == Decision::do_not_start)
      return Unexpected{refused("", pack.supplement + " is not for you to start on your own: no plan and no dose")};
    if (a.decision == Decision::see_clinician)
      return Unexpected{refused("", "see a clinician first: no self-dosing plan until they agree")};
    return Unexpected{refused("", "fix the basics first: for your problem they come before " + pack.supplement +
                                      ", so there is no plan until they are in place")};
  }

  TrialPlan plan;
  // The protocol and the outcome: chosen, or the first the pack gives the group.
  auto protocol = choose(pack.protocols, choices.protocol_id, a.group, "/protocol", "protocol");
  if (!protocol) return Unexpected{protocol.error()};
  plan.protocol = *protocol;
  if (!plan.protocol->issues_dose) {
    return Unexpected{
        refused("", plan.protocol->label + ": follow the treating team's protocol; Trialwise issues no dose")};
  }
  auto outcome = choose(pack.outcomes, choices.outcome_id, a.group, "/outcome", "outcome");
  if (!outcome) return Unexpected{outcome.error()};
  plan.outcome = *outcome;

  plan.product_name = choices.product_name.value_or("");
  if (choices.product_name && plan.product_name.empty())
    return Unexpected{invalid_input("/product", "the product needs a name")};
  if (choices.g_per_serving) {
    if (!(*choices.g_per_serving > 0 && *choices.g_per_serving <= 100))
      return Unexpected{invalid_input("/g_per_serving", "must be more than 0 and at most 100 grams")};
    plan.g_per_serving = *choices.g_per_serving;
  }

  const auto& range = plan.protocol->active_days;
  plan.active_days = choices.active_days.value_or(range.default_days);
  if (plan.active_days < range.min_days || plan.active_days > range.max_days) {
    return Unexpected{invalid_input("/days", "the " + plan.protocol->label + " runs " + std::to_string(range.min_days) +
                                                 " to " + std::to_string(range.max_days) + " days")};
  }
  if (choices.blocks) {
    auto design = block_design(*choices.blocks, choices.active_days.has_value(), range, plan.protocol->label);
    if (!design) return Unexpected{design.error()};
    plan.blocks = std::move(*design);
    plan.active_days = plan.blocks->block_days * static_cast<int>(plan.blocks->on.size());
  }

  // Dates: the baseline first, then the active days, then the review.
  plan.start = choices.start;
  plan.baseline_days = pack.plan.baseline_days;
  plan.active_start = plan.start.plus_days(plan.baseline_days);
  plan.baseline_end = plan.active_start.plus_days(-1);
  plan.review_date = plan.active_start.plus_days(plan.active_days);

  const auto& steps = plan.protocol->steps;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    PlannedStep s;
    s.number = static_cast<int>(i) + 1;
    s.start_day = steps[i].start_day;
    s.date = plan.blocks ? nth_on_day(*plan.blocks, plan.active_start, steps[i].start_day)
                         : plan.active_start.plus_days(steps[i].start_day - 1);
    s.dose_g = steps[i].dose_g;
    s.times_per_day = steps[i].times_per_day;
    s.daily_g = s.dose_g * s.times_per_day;
    if (plan.g_per_serving) s.servings_per_dose = round2(s.dose_g / *plan.g_per_serving);
    if (steps[i].requires_tolerance) s.condition = pack.tolerance.text;
    plan.max_daily_g = std::max(plan.max_daily_g, s.daily_g);
    plan.steps.push_back(std::move(s));
  }

  // What the person already takes, from every other product (the pack says
  // which answers hold it; checked answers have every required field).
  add_other_products(pack, answers, plan);
  plan.pause_other_products = choices.pause_other_products;
  plan.total_max_daily_g = round2(plan.max_daily_g + (plan.pause_other_products ? 0 : plan.existing_g_per_day));

  // The pack's plan checks refuse; its warnings travel with the plan.
  const boost::json::value figures = boost::json::object{{"existing_g_per_day", plan.existing_g_per_day},
                                                         {"max_daily_g", plan.max_daily_g},
                                                         {"total_max_daily_g", plan.total_max_daily_g},
                                                         {"other_products_paused", plan.pause_other_products},
                                                         {"unknown_amount_products", plan.unknown_amount_products}};
  rules::Scratch scratch;
  for (const auto& check : pack.plan.checks) {
    auto r = check.when.evaluate(figures, scratch);
    if (!r) return Unexpected{internal_error(pack.file + "#/plan/checks", r.error().message)};
    if (rules::truthy(*r)) return Unexpected{refused(check.id, check.text)};
  }
  for (const auto& w : pack.plan.warnings) {
    auto r = w.when.evaluate(figures, scratch);
    if (!r) return Unexpected{internal_error(pack.file + "#/plan/warnings", r.error().message)};
    if (rules::truthy(*r)) plan.warnings.push_back({w.id, w.text, w.source.section});
  }
  if (plan.product_name.empty()) {
    plan.warnings.push_back({"no_product",
                             "Name the one product you will use, with its grams of " + pack.substance() +
                                 " per serving, so the plan can say how much of it to take.",
                             "pack default"});
  }
  return plan;
}

}  // namespace trialwise::assess

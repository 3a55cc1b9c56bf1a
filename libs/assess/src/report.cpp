#include "trialwise/assess/report.hpp"

#include "trialwise/core/text.hpp"

#include <boost/json/array.hpp>

#include "trialwise/json/text.hpp"

namespace trialwise::assess {
namespace {

using boost::json::array;
using boost::json::object;

object pack_ref(const pack::Pack& pack) { return {{"id", pack.id}, {"version", pack.version}}; }

// Built member by member in `sp`'s memory, so that a batch can keep every
// line's output in recycled memory.
array reasons_json(const Assessment& a, Detail detail, const boost::json::storage_ptr& sp) {
  array out(sp);
  for (const auto& r : a.reasons) {
    object reason(sp);
    reason["rule"] = r.rule;
    reason["level"] = to_string(r.level);
    reason["text"] = r.text;
    reason["section"] = r.section;
    if (detail == Detail::full) reason["bring"] = r.bring;
    out.push_back(std::move(reason));
  }
  return out;
}

std::string cite(const std::string& section) { return " (" + (section.empty() ? "pack default" : section) + ")"; }

}  // namespace

boost::json::object to_json(const pack::Pack& pack, const Answers& answers, const Assessment& a, Detail detail,
                            const boost::json::storage_ptr& sp) {
  array basic_ids(sp);
  for (const auto& b : a.basics_to_fix) basic_ids.emplace_back(b.id);
  object out(sp);
  out["safety"] = to_string(a.safety);
  out["group"] = a.group;
  out["fit"] = to_string(a.fit);
  out["basics_to_fix"] = std::move(basic_ids);
  out["decision"] = to_string(a.decision);
  out["plan_allowed"] = a.plan_allowed;
  out["reasons"] = reasons_json(a, detail, sp);
  object pack_id(sp);
  pack_id["id"] = pack.id;
  pack_id["version"] = pack.version;
  out["pack"] = std::move(pack_id);
  if (detail == Detail::contract) {
    out["answers"] = answers.values;
    return out;
  }
  array basics;
  for (const auto& b : a.basics_to_fix)
    basics.push_back(object{{"id", b.id}, {"label", b.label}, {"advice", b.advice}, {"section", b.section}});
  array evidence;
  for (const auto* e : a.evidence) {
    const auto* s = pack.find_strength(e->strength);
    evidence.push_back(object{{"id", e->id},
                              {"strength", e->strength},
                              {"strength_label", s ? s->label : e->strength},
                              {"claim", e->claim},
                              {"section", e->source.section}});
  }
  out["basics"] = std::move(basics);
  out["evidence"] = std::move(evidence);
  out["decision_text"] = decision_in_words(pack, a);
  if (const auto* g = pack.find_group(a.group); g && !g->trial_limit.empty())
    out["trial_limit"] = object{{"text", g->trial_limit}, {"section", g->trial_limit_source.section}};
  out["answers"] = answers.values;
  return out;
}

namespace {

// A member name written in this file. Checked when compiled to need no
// escaping, so that it is copied as it is (this writer is the hot path of
// the checker's assess route).
struct MemberName {
  std::string_view text;
  consteval MemberName(const char* name) : text(name) {  // NOLINT(google-explicit-constructor): literals
    for (const char c : text)
      if (json::needs_escape(static_cast<unsigned char>(c))) throw "a member name that needs escaping";
  }
};

// Writes one JSON object member by member, commas and all.
class ObjectText {
 public:
  explicit ObjectText(std::string& out) : out_(out) { out_.push_back('{'); }
  ~ObjectText() { out_.push_back('}'); }
  ObjectText(const ObjectText&) = delete;
  ObjectText& operator=(const ObjectText&) = delete;

  // The member's name; its value is written next, by the caller.
  std::string& key(MemberName name) {
    if (!first_) out_.push_back(',');
    first_ = false;
    out_.push_back('"');
    out_.append(name.text);
    out_.append("\":", 2);
    return out_;
  }
  void string(MemberName name, std::string_view value) { json::append_string(key(name), value); }

 private:
  std::string& out_;
  bool first_ = true;
};

// [item, item, ...], each written by `write(out, item)`.
template <class Range, class Write>
void array_text(std::string& out, const Range& items, Write write) {
  out.push_back('[');
  bool first = true;
  for (const auto& item : items) {
    if (!first) out.push_back(',');
    first = false;
    write(out, item);
  }
  out.push_back(']');
}

}  // namespace

void append_json(std::string& out, const pack::Pack& pack, const Answers& answers, const Assessment& a, Detail detail) {
  ObjectText o(out);
  o.string("safety", to_string(a.safety));
  o.string("group", a.group);
  o.string("fit", to_string(a.fit));
  array_text(o.key("basics_to_fix"), a.basics_to_fix,
             [](std::string& s, const BasicToFix& b) { json::append_string(s, b.id); });
  o.string("decision", to_string(a.decision));
  o.key("plan_allowed") += a.plan_allowed ? "true" : "false";
  array_text(o.key("reasons"), a.reasons, [detail](std::string& s, const Reason& r) {
    ObjectText reason(s);
    reason.string("rule", r.rule);
    reason.string("level", to_string(r.level));
    reason.string("text", r.text);
    reason.string("section", r.section);
    if (detail == Detail::full) reason.string("bring", r.bring);
  });
  {
    ObjectText id(o.key("pack"));
    id.string("id", pack.id);
    id.string("version", pack.version);
  }
  if (detail == Detail::full) {
    array_text(o.key("basics"), a.basics_to_fix, [](std::string& s, const BasicToFix& b) {
      ObjectText basic(s);
      basic.string("id", b.id);
      basic.string("label", b.label);
      basic.string("advice", b.advice);
      basic.string("section", b.section);
    });
    array_text(o.key("evidence"), a.evidence, [&pack](std::string& s, const pack::Evidence* e) {
      const auto* strength = pack.find_strength(e->strength);
      ObjectText item(s);
      item.string("id", e->id);
      item.string("strength", e->strength);
      item.string("strength_label", strength ? strength->label : e->strength);
      item.string("claim", e->claim);
      item.string("section", e->source.section);
    });
    o.string("decision_text", decision_in_words(pack, a));
    if (const auto* g = pack.find_group(a.group); g && !g->trial_limit.empty()) {
      ObjectText limit(o.key("trial_limit"));
      limit.string("text", g->trial_limit);
      limit.string("section", g->trial_limit_source.section);
    }
  }
  json::append(o.key("answers"), answers.values);
}

namespace {

// Each block's dates and whether it is on, in the order drawn at the start.
struct Block {
  int number = 0;
  Date first, last;
  bool on = false;
};

std::vector<Block> blocks_of(const TrialPlan& plan) {
  std::vector<Block> out;
  for (std::size_t i = 0; i < plan.blocks->on.size(); ++i) {
    const Date first = plan.active_start.plus_days(static_cast<int>(i) * plan.blocks->block_days);
    out.push_back({static_cast<int>(i) + 1, first, first.plus_days(plan.blocks->block_days - 1), plan.blocks->on[i]});
  }
  return out;
}

object design_json(const TrialPlan& plan) {
  array blocks;
  for (const auto& b : blocks_of(plan))
    blocks.push_back(
        object{{"number", b.number}, {"start", b.first.to_string()}, {"end", b.last.to_string()}, {"on", b.on}});
  return object{{"kind", "blocks"},
                {"block_days", plan.blocks->block_days},
                {"seed", std::to_string(plan.blocks->seed)},
                {"blocks", std::move(blocks)}};
}

// Every other product with the supplement, and whether (and when) the plan
// pauses them.
object other_products_json(const pack::Pack& pack, const TrialPlan& plan) {
  array items;
  for (const auto& p : plan.other_products) {
    object item{{"name", p.name}, {"contains", p.contains}, {"contains_label", p.contains_label}};
    item["daily_g"] = p.daily_g ? boost::json::value(*p.daily_g) : nullptr;
    items.push_back(std::move(item));
  }
  object out{{"paused", plan.pause_other_products},
             {"unknown_amount_products", plan.unknown_amount_products},
             {"products", std::move(items)}};
  if (plan.pause_other_products && !plan.other_products.empty())
    out["pause"] = object{{"from", plan.start.to_string()},
                          {"until", plan.review_date.to_string()},
                          {"text", pack.plan.pause_text},
                          {"section", pack.plan.pause_source.section}};
  return out;
}

std::string other_product_words(const OtherProduct& p) {
  return p.name + " (" + (p.daily_g ? json::number_text(*p.daily_g) + " g a day" : p.contains_label) + ")";
}

}  // namespace

boost::json::object to_json(const pack::Pack& pack, const Answers& answers, const Assessment& a,
                            const TrialPlan& plan) {
  array steps;
  for (const auto& s : plan.steps) {
    object step{{"number", s.number},      {"start_day", s.start_day},         {"date", s.date.to_string()},
                {"dose_g", s.dose_g},      {"times_per_day", s.times_per_day}, {"daily_g", s.daily_g},
                {"condition", s.condition}};
    step["servings_per_dose"] = s.servings_per_dose ? boost::json::value(*s.servings_per_dose) : nullptr;
    steps.push_back(std::move(step));
  }
  array warnings;
  for (const auto& w : plan.warnings)
    warnings.push_back(object{{"id", w.id}, {"text", w.text}, {"section", w.section}});
  array notes;
  for (const auto& n : plan.protocol->notes) notes.push_back(object{{"text", n.text}, {"section", n.source.section}});
  array actions;
  for (const auto& act : pack.side_effect_actions)
    actions.push_back(
        object{{"id", act.id}, {"at_least", act.at_least}, {"text", act.text}, {"section", act.source.section}});
  array side_effects;
  for (const auto& se : pack.side_effects) side_effects.push_back(object{{"id", se.id}, {"label", se.label}});
  array red_flags;
  for (const auto& f : pack.red_flags)
    red_flags.push_back(object{{"id", f.id}, {"label", f.label}, {"action", f.action}});
  const auto* o = plan.outcome;
  object product{{"name", plan.product_name}};
  product["g_per_serving"] = plan.g_per_serving ? boost::json::value(*plan.g_per_serving) : nullptr;
  object out{
      {"pack", pack_ref(pack)},
      {"decision", std::string(to_string(a.decision))},
      {"product", std::move(product)},
      {"protocol", object{{"id", plan.protocol->id},
                          {"label", plan.protocol->label},
                          {"section", plan.protocol->source.section},
                          {"notes", std::move(notes)}}},
      {"outcome",
       object{{"id", o->id},
              {"label", o->label},
              {"question", o->question},
              {"better", o->higher_is_better ? "higher" : "lower"},
              {"scale",
               object{{"min", o->scale_min}, {"max", o->scale_max}, {"low", o->scale_low}, {"high", o->scale_high}}}}},
      {"start", plan.start.to_string()},
      {"baseline",
       object{{"start", plan.start.to_string()}, {"end", plan.baseline_end.to_string()}, {"days", plan.baseline_days}}},
      {"active", object{{"start", plan.active_start.to_string()}, {"days", plan.active_days}}},
      {"steps", std::move(steps)},
      {"max_daily_g", plan.max_daily_g},
      {"existing_g_per_day", plan.existing_g_per_day},
      {"total_max_daily_g", plan.total_max_daily_g},
      {"other_products", other_products_json(pack, plan)},
      {"review_date", plan.review_date.to_string()},
      {"track",
       object{
           {"outcome", o->id}, {"side_effects", std::move(side_effects)}, {"doses_taken", true}, {"with_food", true}}},
      {"timing", object{{"text", pack.timing.text}, {"section", pack.timing.source.section}}},
      {"side_effect_actions", std::move(actions)},
      {"red_flags", std::move(red_flags)},
      {"warnings", std::move(warnings)},
      {"assessment", to_json(pack, answers, a)}};
  if (plan.blocks) out["design"] = design_json(plan);
  return out;
}

boost::json::object refusal_to_json(const pack::Pack& pack, const Answers& answers, const Assessment& a,
                                    const Error& why) {
  array bring;
  for (const auto& r : a.reasons)
    if (r.level >= Safety::clinician_first) bring.push_back(boost::json::string(r.bring));
  return object{{"refused", true},
                {"decision", std::string(to_string(a.decision))},
                {"message", why.message},
                {"reasons", reasons_json(a, Detail::full, {})},
                {"bring_to_clinician", std::move(bring)},
                {"pack", pack_ref(pack)},
                {"assessment", to_json(pack, answers, a)}};
}

std::string decision_in_words(const pack::Pack& pack, const Assessment& a) {
  const std::string& name = pack.supplement;
  switch (a.decision) {
    case Decision::do_not_start:
      return "Do not start " + name + ". The article says people in your situation should not take it on their own.";
    case Decision::see_clinician:
      return "See a clinician before starting. Trialwise will not give you a self-dosing plan.";
    case Decision::fix_basics_first:
      if (!a.plan_allowed)
        return "Fix the basics first: for your problem the article puts them before " + name +
               ", so Trialwise gives no plan until they are in place. Take the check again then.";
      return "Fix the basics first: they are likely to help more than " + name +
             ". A short, defined trial is possible while you fix them (trialwise plan).";
    case Decision::trial_ok:
      if (a.fit == Fit::poor)
        return name +
               " is usually not the best first move for this. If you still want to try it, keep it to one "
               "defined trial with a review date, and expect little (trialwise plan).";
      return "A defined trial is reasonable: one product, one dose, one outcome, one review date (trialwise plan).";
  }
  return "";
}

std::string describe(const pack::Pack& pack, const Assessment& a) {
  std::string out = wrap("Decision: " + decision_in_words(pack, a), 10) + "\n";
  if (!a.reasons.empty()) {
    out += "\nReasons (safety: " + std::string(to_string(a.safety)) + "):\n";
    for (const auto& r : a.reasons)
      out += wrap("  - [" + std::string(to_string(r.level)) + "] " + r.text + cite(r.section), 4) + "\n";
    if (a.safety >= Safety::clinician_first) {
      out += "\nWhat to bring to a clinician:\n";
      for (const auto& r : a.reasons)
        if (r.level >= Safety::clinician_first) out += wrap("  - " + r.bring, 4) + "\n";
    }
  }
  if (!a.basics_to_fix.empty()) {
    out += "\nBasics to fix first:\n";
    for (const auto& b : a.basics_to_fix) out += wrap("  - " + b.label + ": " + b.advice + cite(b.section), 4) + "\n";
  }
  const auto* group = pack.find_group(a.group);
  out += "\nYour problem: " + group->label + " (fit: " + std::string(to_string(a.fit)) + ")\n" +
         wrap("  " + group->summary + cite(group->source.section), 2) + "\n";
  if (!group->trial_limit.empty())
    out +=
        wrap("  What a trial cannot show: " + group->trial_limit + cite(group->trial_limit_source.section), 2) + "\n";
  if (!a.evidence.empty()) {
    out += "\nWhat the evidence says:\n";
    for (const auto* e : a.evidence) {
      const auto* s = pack.find_strength(e->strength);
      out += wrap("  - " + (s ? s->label : e->strength) + ": " + e->claim + cite(e->source.section), 4) + "\n";
    }
  }
  out += "\n" + wrap("Not medical advice. " + pack.disclaimer.text, 0) + "\n";
  out += "Pack: " + pack.id + " " + pack.version + " (" + pack.article_title + ")\n";
  return out;
}

std::string describe(const pack::Pack& pack, const TrialPlan& plan) {
  std::string out = "Trial plan: " + plan.protocol->label + cite(plan.protocol->source.section) + "\n";
  out += "  Product:  " + (plan.product_name.empty() ? std::string("(not named yet)") : plan.product_name);
  if (plan.g_per_serving)
    out += ", " + json::number_text(*plan.g_per_serving) + " g " + pack.substance() + " per serving";
  out += "\n  Outcome:  " + plan.outcome->label + ": \"" + plan.outcome->question + "\" (" +
         json::number_text(plan.outcome->scale_min) + " = " + plan.outcome->scale_low + ", " +
         json::number_text(plan.outcome->scale_max) + " = " + plan.outcome->scale_high + "; " +
         (plan.outcome->higher_is_better ? "higher" : "lower") + " is better)\n";
  out += "  Baseline: " + plan.start.to_string() + " to " + plan.baseline_end.to_string() + " (" +
         std::to_string(plan.baseline_days) + " days): no " + pack.substance() + "; score the outcome every day\n";
  if (plan.blocks) {
    out += "  Design:   randomized blocks of " + std::to_string(plan.blocks->block_days) +
           " days, in pairs of one on and one off (order drawn from seed " + std::to_string(plan.blocks->seed) + "):\n";
    for (const auto& b : blocks_of(plan))
      out += "    block " + std::to_string(b.number) + ": " + b.first.to_string() + " to " + b.last.to_string() + "  " +
             (b.on ? "ON: take it as the steps say" : "off: no " + pack.supplement) + "\n";
  }
  out += std::string("  Steps:") + (plan.blocks ? " (days count on-block days only)" : "") + "\n";
  for (const auto& s : plan.steps) {
    out += "    " + std::to_string(s.number) + ". from " + s.date.to_string() + " (day " + std::to_string(s.start_day) +
           "): " + json::number_text(s.dose_g) + " g " +
           (s.times_per_day == 1 ? "once" : std::to_string(s.times_per_day) + " times") + " a day (" +
           json::number_text(s.daily_g) + " g/day)";
    if (s.servings_per_dose) out += ", " + json::number_text(*s.servings_per_dose) + " serving(s) per dose";
    if (!s.condition.empty()) out += "\n" + wrap("       " + s.condition, 7);
    out += "\n";
  }
  out += "  Most a day: " + json::number_text(plan.max_daily_g) + " g from the trial";
  if (!plan.pause_other_products && plan.existing_g_per_day > 0)
    out += " + " + json::number_text(plan.existing_g_per_day) +
           " g from your other products = " + json::number_text(plan.total_max_daily_g) + " g";
  if (!plan.other_products.empty()) {
    std::string names;
    for (const auto& p : plan.other_products) names += (names.empty() ? "" : "; ") + other_product_words(p);
    if (plan.pause_other_products) {
      out += "\n" +
             wrap("  Pause:    " + names + ": from " + plan.start.to_string() + " to " + plan.review_date.to_string() +
                      ". " + pack.plan.pause_text + cite(pack.plan.pause_source.section),
                  12);
    } else {
      out += "\n" + wrap("  Kept:     " + names, 12);
    }
  }
  out += "\n  Review:   " + plan.review_date.to_string() + " (after " + std::to_string(plan.active_days) +
         " active days). Stop if there is no clear benefit.\n";
  out += wrap("  Timing: " + pack.timing.text, 10) + "\n";
  out += "  Side effects: score ";
  for (std::size_t i = 0; i < pack.side_effects.size(); ++i) out += (i ? ", " : "") + pack.side_effects[i].label;
  out += " daily (0-10).\n";
  for (const auto& act : pack.side_effect_actions)
    out += "    at " + json::number_text(act.at_least) + "+: " + act.text + "\n";
  for (const auto& f : pack.red_flags) out += "  Red flag: " + f.label + ": " + f.action + "\n";
  for (const auto& n : plan.protocol->notes) out += wrap("  Note: " + n.text + cite(n.source.section), 8) + "\n";
  for (const auto& w : plan.warnings) out += wrap("  Warning: " + w.text, 11) + "\n";
  return out;
}

std::string describe_refusal(const pack::Pack& pack, const Assessment& a, const Error& why) {
  std::string out = describe(pack, a);
  out += "\n" + wrap("No plan: " + why.message, 9) + "\n";
  return out;
}

}  // namespace trialwise::assess

#include "trial_view.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "trialwise/json/text.hpp"
#include "trialwise/rules/value.hpp"

namespace trialwise::interop::detail {

std::string string_at(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

namespace {

const boost::json::array* array_at(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr ? v->if_array() : nullptr;
}

}  // namespace

StoredAssessment stored_assessment(const model::Trial& t) {
  StoredAssessment out;
  const auto* plan = t.plan.if_object();
  if (plan == nullptr) return out;
  const auto* av = plan->if_contains("assessment");
  const auto* a = av != nullptr ? av->if_object() : nullptr;
  if (a == nullptr) return out;
  out.safety = string_at(*a, "safety");
  out.group = string_at(*a, "group");
  out.fit = string_at(*a, "fit");
  out.decision = string_at(*a, "decision");
  if (const auto* reasons = array_at(*a, "reasons"))
    for (const auto& r : *reasons)
      if (const auto* o = r.if_object())
        out.reasons.push_back({string_at(*o, "rule"), string_at(*o, "level"), string_at(*o, "text"),
                               string_at(*o, "section"), string_at(*o, "bring")});
  if (const auto* basics = array_at(*a, "basics"))
    for (const auto& b : *basics)
      if (const auto* o = b.if_object())
        out.basics.push_back(
            {string_at(*o, "id"), string_at(*o, "label"), string_at(*o, "advice"), string_at(*o, "section")});
  if (const auto* evidence = array_at(*a, "evidence"))
    for (const auto& e : *evidence)
      if (const auto* o = e.if_object())
        out.evidence.push_back(
            {string_at(*o, "id"), string_at(*o, "strength_label"), string_at(*o, "claim"), string_at(*o, "section")});
  if (const auto* answers = a->if_contains("answers")) out.answers = answers->if_object();
  return out;
}

std::optional<DayRange> step_range(const model::Trial& t, std::size_t index) {
  if (index >= t.steps.size()) return std::nullopt;
  const Date active_last = t.review_date.plus_days(-1);
  const Date first = std::max(t.steps[index].start, t.active_start);
  const Date last =
      std::min(index + 1 < t.steps.size() ? t.steps[index + 1].start.plus_days(-1) : active_last, active_last);
  if (last < first) return std::nullopt;
  return DayRange{first, last};
}

std::vector<Block> blocks_of(const model::Trial& t) {
  std::vector<Block> out;
  if (!t.blocks) return out;
  for (std::size_t i = 0; i < t.blocks->on.size(); ++i) {
    const int index = static_cast<int>(i);
    const Date first = t.active_start.plus_days(index * t.blocks->block_days);
    out.push_back({index, first, first.plus_days(t.blocks->block_days - 1), t.blocks->on[i]});
  }
  return out;
}

std::vector<DoseSegment> dose_segments(const model::Trial& t) {
  std::vector<DoseSegment> out;
  const auto blocks = blocks_of(t);
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const auto range = step_range(t, i);
    if (!range) continue;
    const auto& s = t.steps[i];
    DoseSegment seg{.step = s.number,
                    .step_index = i,
                    .dose_g = s.dose_g,
                    .times_per_day = s.times_per_day,
                    .requires_tolerance = s.requires_tolerance,
                    .first = range->first,
                    .last = range->last,
                    .block = -1};
    if (!t.blocks) {
      out.push_back(seg);
      continue;
    }
    for (const auto& b : blocks) {
      if (!b.on) continue;
      const Date first = std::max(b.first, range->first), last = std::min(b.last, range->last);
      if (last < first) continue;
      DoseSegment part = seg;
      part.first = first;
      part.last = last;
      part.block = b.index;
      out.push_back(part);
    }
  }
  return out;
}

std::string age_band(const boost::json::object* answers) {
  if (answers == nullptr) return "";
  const auto* age = answers->if_contains("age");
  if (age == nullptr || !age->is_number()) return "";
  const double years = age->to_number<double>();
  if (!std::isfinite(years) || years < 0) return "";
  if (years < 18) return "under 18 years";
  if (years >= 80) return "80 years or over";
  if (years < 30) return "18-29 years";
  const int low = static_cast<int>(years / 10) * 10;
  return std::to_string(low) + "-" + std::to_string(low + 9) + " years";
}

std::string number(double d) { return json::number_text((d)); }

std::string rounded(double d, int decimals) {
  const double scale = std::pow(10.0, decimals);
  double r = std::round(d * scale) / scale;
  if (r == 0) r = 0;  // no "-0"
  return number(r);
}

std::string probability_text(double p) {
  if (p > 0.995 && p < 1) return "over 99%";
  if (p < 0.005 && p > 0) return "under 1%";
  return rounded(p * 100, 0) + "%";
}

std::string verdict_headline(review::Verdict v) {
  switch (v) {
    case review::Verdict::continue_trial: return "Continue: a clear benefit with tolerable side effects";
    case review::Verdict::stop_no_clear_benefit: return "Stop: no clear benefit";
    case review::Verdict::stop_side_effects: return "Stop: side effects";
    case review::Verdict::reduce_dose:
      return "Reduce the dose: a clear benefit, but side effects came with a higher step";
    case review::Verdict::inconclusive: return "Inconclusive: the data cannot tell yet";
    case review::Verdict::see_clinician: return "See a clinician: a red flag was logged";
    case review::Verdict::stop_take_a_break: return "Stop and take a break: the protocol's longest duration is reached";
  }
  return "Inconclusive";
}

std::string tolerance_condition(const pack::Pack& pack) {
  const std::string& text = pack.tolerance.text;
  if (text.rfind("if ", 0) == 0 || text.rfind("If ", 0) == 0) return text;
  return "if tolerated: " + text;
}

std::string times_a_day(int n) {
  if (n == 1) return "once";
  if (n == 2) return "twice";
  return std::to_string(n) + " times";
}

const pack::Outcome* outcome_of(const pack::Pack& pack, const model::Trial& t) {
  return pack.find_outcome(t.outcome_id);
}

std::string choice_label(const pack::Question& q, std::string_view value) {
  for (const auto& c : q.values)
    if (c.value == value) return c.label;
  return std::string(value);
}

std::vector<std::string> sections_relied_on(const pack::Pack& pack, const model::Trial& t, const StoredAssessment& a) {
  std::set<std::string> used;
  auto add = [&](const std::string& s) { used.insert(s.empty() ? "pack default" : s); };
  for (const auto& r : a.reasons) add(r.section);
  for (const auto& b : a.basics) add(b.section);
  for (const auto& e : a.evidence) add(e.section);
  if (const auto* g = pack.find_group(a.group)) add(g->source.section);
  if (const auto* p = pack.find_protocol(t.protocol_id)) {
    add(p->source.section);
    for (const auto& n : p->notes) add(n.source.section);
  }
  if (const auto* o = outcome_of(pack, t)) add(o->source.section);
  if (std::any_of(t.steps.begin(), t.steps.end(), [](const auto& s) { return s.requires_tolerance; }))
    add(pack.tolerance.source.section);
  add(pack.timing.source.section);
  for (const auto& s : pack.side_effects) add(s.source.section);
  for (const auto& s : pack.side_effect_actions) add(s.source.section);
  for (const auto& f : pack.red_flags) add(f.source.section);
  add(pack.review.source.section);
  if (const auto* plan = t.plan.if_object())
    if (const auto* w = plan->if_contains("warnings"); w != nullptr && w->is_array())
      for (const auto& item : w->get_array())
        if (const auto* o = item.if_object()) add(string_at(*o, "section"));
  std::vector<std::string> out;
  for (const auto& s : pack.sections)
    if (used.erase(s) > 0) out.push_back(s);
  const bool pack_default = used.erase("pack default") > 0;
  for (const auto& s : used) out.push_back(s);  // sections the pack no longer lists
  if (pack_default) out.push_back("pack default");
  return out;
}

}  // namespace trialwise::interop::detail

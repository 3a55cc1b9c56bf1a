// assess(): the pack's rules, applied in the article's order: name the
// problem (group), basics first, reasons to avoid (safety), then fit and the
// decision, both of which are pack rules over what came before.

#include "trialwise/assess/assessment.hpp"

#include <algorithm>

#include <boost/json/object.hpp>

#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

namespace trialwise::assess {
namespace {

// One scratch and result buffer per thread: assessing allocates little.
rules::Scratch& thread_scratch() {
  thread_local rules::Scratch scratch;
  return scratch;
}

std::vector<rules::Value>& scratch_results() {
  thread_local std::vector<rules::Value> results;
  return results;
}

// A derived rule must return one of the contract's words.
template <class E, class Parse>
Result<E> word(const pack::DerivedRule& rule, const boost::json::value& data, rules::Scratch& scratch,
               const std::string& where, Parse parse) {
  auto r = rule.rule.evaluate(data, scratch);
  if (!r) return Unexpected{internal_error(where, "the pack rule failed: " + r.error().message)};
  if (r->is_string()) {
    if (auto e = parse(r->as_string())) return *e;
  }
  return Unexpected{internal_error(
      where, "the pack rule returned " + rules::to_json_text(*r) + ", which is not one of the contract's values")};
}

}  // namespace

Result<Assessment> assess(const pack::Pack& pack, const Answers& answers) {
  Assessment a;
  a.pack_id = pack.id;
  a.pack_version = pack.version;
  rules::Scratch& scratch = thread_scratch();
  const std::string& file = pack.file;  // errors name "<file>#<pointer>"

  // 1. Name the problem.
  const auto problem = answers.object().find("problem");
  const pack::Group* group = problem != answers.object().end() && problem->value().is_string()
                                 ? pack.group_for_problem(std::string_view(problem->value().get_string()))
                                 : nullptr;
  if (!group) return Unexpected{internal_error(file + "#/groups", "no group takes this problem")};
  a.group = group->id;
  a.evidence.reserve(pack.evidence.size());
  for (const auto& e : pack.evidence)
    if (std::find(e.groups.begin(), e.groups.end(), a.group) != e.groups.end()) a.evidence.push_back(&e);

  // 2 and 3: the basics and the safety rules, all read in one pass.
  std::vector<rules::Value>& results = scratch_results();
  if (auto ok = pack.answer_rules.evaluate_all(answers.values, scratch, results); !ok) {
    return Unexpected{internal_error(file + "#/safety_rules", "the pack rules failed: " + ok.error().message)};
  }
  const std::size_t n_safety = pack.safety_rules.size();
  // Basics first.
  for (std::size_t i = 0; i < pack.basics.size(); ++i) {
    if (!rules::truthy(results[n_safety + i])) continue;
    const auto& b = pack.basics[i];
    a.basics_to_fix.push_back({b.id, b.label, b.advice, b.source.section});
  }
  // Reasons to avoid: every finding is a reason; the most severe wins.
  for (std::size_t i = 0; i < n_safety; ++i) {
    if (!rules::truthy(results[i])) continue;
    const auto& s = pack.safety_rules[i];
    a.reasons.push_back({s.id, s.level, s.text, s.source.section, s.bring});
    a.safety = std::max(a.safety, s.level);
  }
  std::stable_sort(a.reasons.begin(), a.reasons.end(),
                   [](const Reason& x, const Reason& y) { return x.level > y.level; });

  // Fit and decision: pack rules over what the steps found. The context is
  // one object per thread, refilled each time, so that this allocates little.
  thread_local boost::json::value context = boost::json::object{};
  auto& c = context.get_object();
  c["group"] = a.group;
  c["basics_count"] = static_cast<std::int64_t>(a.basics_to_fix.size());
  c["safety"] = to_string(a.safety);
  c["fit"] = nullptr;
  auto fit = word<Fit>(pack.fit, context, scratch, file + "#/fit/rule", parse_fit);
  if (!fit) return Unexpected{fit.error()};
  a.fit = *fit;
  c["fit"] = to_string(a.fit);
  auto decision = word<Decision>(pack.decision, context, scratch, file + "#/decision/rule", parse_decision);
  if (!decision) return Unexpected{decision.error()};
  a.decision = *decision;
  // Whatever a pack's decision rule says, a finding of "avoid" or
  // "clinician_first" never yields a self-dosing plan.
  if (a.safety == Safety::avoid) a.decision = Decision::do_not_start;
  if (a.safety == Safety::clinician_first && !blocks_plan(a.decision)) a.decision = Decision::see_clinician;
  a.plan_allowed = !blocks_plan(a.decision) && !(a.decision == Decision::fix_basics_first && group->basics_block_plan);
  return a;
}

}  // namespace trialwise::assess

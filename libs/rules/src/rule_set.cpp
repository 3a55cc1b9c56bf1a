// RuleSet and Rule: the public face of evaluation. Nothing thrown inside may
// escape: allocation failure and custom operators' exceptions become errors.

#include <new>

#include <boost/json/array.hpp>

#include "evaluator.hpp"
#include "program.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

namespace trialwise::rules {
namespace {

template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return Unexpected{limit_reached("", "out of memory while evaluating the rule")};
  } catch (const std::exception& e) {
    return Unexpected{internal_error("", std::string("evaluation failed: ") + e.what())};
  }
}

}  // namespace

RuleSet::RuleSet(std::shared_ptr<const detail::Program> program) : program_(std::move(program)) {}

RuleSet::RuleSet() : program_(std::make_shared<const detail::Program>()) {}

std::size_t RuleSet::size() const noexcept { return program_->roots.size(); }

Result<void> RuleSet::evaluate_all(const Value& root, Scratch& scratch, std::vector<Value>& out) const {
  return guarded([&]() -> Result<void> {
    detail::Evaluator evaluator(*program_, scratch);
    evaluator.bind(root);
    out.resize(program_->roots.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = evaluator.eval(program_->roots[i], root);
    if (auto error = evaluator.take_error()) return Unexpected{std::move(*error)};
    return {};
  });
}

Result<Value> RuleSet::evaluate(std::size_t index, const Value& root, Scratch& scratch) const {
  return guarded([&]() -> Result<Value> {
    detail::Evaluator evaluator(*program_, scratch);
    evaluator.bind(root);
    const Value result = evaluator.eval(program_->roots.at(index), root);
    if (auto error = evaluator.take_error()) return Unexpected{std::move(*error)};
    return result;
  });
}

Rule::Rule(RuleSet set) : set_(std::move(set)) {}

Rule::Rule()
    : set_([] {
        static const RuleSet kNull = *Engine().compile_set(boost::json::array{nullptr});
        return kNull;
      }()) {}

Result<Value> Rule::evaluate(const Value& data, Scratch& scratch) const {
  auto result = set_.evaluate(0, data, scratch);
  if (result) return result;
  Error e = std::move(result).error();
  if (e.where.rfind("/0", 0) == 0) e.where = e.where.substr(2);  // pointers relative to this rule
  return Unexpected{std::move(e)};
}

Result<boost::json::value> Rule::evaluate(const boost::json::value& data) const {
  Scratch scratch;
  auto result = evaluate(data, scratch);
  if (!result) return Unexpected{std::move(result).error()};
  return guarded([&]() -> Result<boost::json::value> { return to_boost_json(*result); });
}

}  // namespace trialwise::rules

#pragma once

// The JsonLogic engine (jsonlogic.com). Rules are compiled once into an
// internal program and evaluated many times, with the semantics of
// json-logic-js 2.0.5: JavaScript truthiness, loose equality, and its handling
// of null and missing values.
//
//   rules::Engine engine;
//   auto rule = engine.compile_text(R"({">=": [{"var": "age"}, 18]})");
//   if (!rule) return Unexpected{rule.error()};   // where = JSON pointer
//   auto adult = rule->evaluate(answers);          // Result<boost::json::value>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/rules/scratch.hpp"
#include "trialwise/rules/value.hpp"

namespace trialwise::rules {

namespace detail {
struct Program;
}

/// Rules nested deeper than this are refused at compile time (Errc::limit).
inline constexpr int kMaxRuleDepth = 256;

/// How many arguments an operator takes; checked when a rule is compiled.
struct Arity {
  static constexpr std::uint32_t kUnbounded = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t min = 0;
  std::uint32_t max = kUnbounded;
};

/// An operator written in C++. It receives its arguments already evaluated
/// (with the same JavaScript semantics as built-in operators) and allocates
/// any string or array it returns from `scratch`. A returned error, or an
/// exception, fails the evaluation with the operator's JSON pointer as `where`.
/// Must be safe to call from several threads at once.
using OperatorFn = std::function<Result<Value>(std::span<const Value> args, Scratch& scratch)>;

/// A compiled set of rules that share one program, so that the data paths
/// they read are looked up once per evaluation, not once per rule.
/// Immutable and thread-safe; cheap to copy.
class RuleSet {
 public:
  /// An empty set (size() == 0). Compile real sets with an Engine.
  RuleSet();

  /// How many rules the set holds.
  std::size_t size() const noexcept;

  /// Evaluates every rule on `data` (a boost::json::value, or the root of a
  /// Document: the faster way), writing one result per rule into `out`
  /// (resized). Results borrow from `data`, the rules and `scratch` (which is
  /// reset first). Fails with Errc::limit when an evaluation exceeds the
  /// scratch memory limit, or with a custom operator's error.
  Result<void> evaluate_all(const Value& data, Scratch& scratch, std::vector<Value>& out) const;
  Result<void> evaluate_all(const boost::json::value& data, Scratch& scratch, std::vector<Value>& out) const {
    return evaluate_all(Value::from_json(data), scratch, out);
  }

  /// Evaluates rule `index` (precondition: index < size()).
  Result<Value> evaluate(std::size_t index, const Value& data, Scratch& scratch) const;

 private:
  friend class Engine;
  friend class Rule;
  explicit RuleSet(std::shared_ptr<const detail::Program> program);
  std::shared_ptr<const detail::Program> program_;
};

/// One compiled rule. Immutable and thread-safe; cheap to copy.
class Rule {
 public:
  /// The rule `null`: evaluates to null. Compile real rules with an Engine.
  Rule();

  /// Fast path: the result borrows from `data`, the rule and `scratch`
  /// (which is reset first); it is valid until the next use of `scratch`.
  Result<Value> evaluate(const Value& data, Scratch& scratch) const;
  Result<Value> evaluate(const boost::json::value& data, Scratch& scratch) const {
    return evaluate(Value::from_json(data), scratch);
  }

  /// Convenience: evaluates with a fresh Scratch and returns an owned copy.
  /// Numbers that JavaScript would print as integers come back as int64.
  Result<boost::json::value> evaluate(const boost::json::value& data) const;

 private:
  friend class Engine;
  explicit Rule(RuleSet set);
  RuleSet set_;
};

/// Compiles rules. Holds the operator table: the standard JsonLogic operators
/// plus any registered from C++. Compiled rules keep what they need, so they
/// may outlive the Engine.
class Engine {
 public:
  Engine();

  /// Adds an operator. Fails with Errc::invalid_input when `name` is empty,
  /// is a standard operator, or is already registered, or when the arity is
  /// inverted (min > max). Not thread-safe with concurrent compiles.
  Result<void> add_operator(std::string name, Arity arity, OperatorFn fn);

  /// Compiles one rule. Unknown operators, wrong arity and malformed rules
  /// fail with Errc::invalid_input; nesting past kMaxRuleDepth fails with
  /// Errc::limit. Error::where is the JSON pointer of the offending node
  /// ("" for the root, "/and/1/var" and so on).
  Result<Rule> compile(const boost::json::value& rule) const;
  /// Parses JSON text, then compiles it; a parse error's `where` gives the
  /// line and column.
  Result<Rule> compile_text(std::string_view rule_json) const;

  /// Compiles an array of rules into one set; pointers start with "/<index>".
  /// Fails with Errc::invalid_input when `rules` is not an array.
  Result<RuleSet> compile_set(const boost::json::value& rules) const;

  /// Where the `log` operator writes each value it sees (as JSON text).
  /// The default discards it: a library must not write to the terminal.
  void set_log_sink(std::function<void(std::string_view)> sink);

 private:
  struct Custom {
    Arity arity;
    std::shared_ptr<const OperatorFn> fn;
  };
  std::unordered_map<std::string, Custom> custom_;
  std::shared_ptr<const std::function<void(std::string_view)>> log_sink_;
};

}  // namespace trialwise::rules

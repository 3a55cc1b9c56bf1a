// Engine: turns rule JSON into a detail::Program, rejecting what json-logic-js
// would only trip over at run time (unknown operators, wrong arity) or never
// notice (objects with several keys, which it passes through as data).

#include <boost/json/serialize.hpp>
#include <optional>
#include <unordered_map>

#include "js.hpp"
#include "trialwise/core/json_pointer.hpp"
#include "operators.hpp"
#include "program.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

namespace trialwise::rules {
namespace {

using detail::Node;
using detail::Op;
using detail::Program;

std::string arity_text(const Arity& a) {
  auto plural = [](std::uint32_t n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); };
  if (a.min == a.max) return "exactly " + plural(a.min);
  if (a.max == Arity::kUnbounded) return "at least " + plural(a.min);
  return std::to_string(a.min) + " to " + plural(a.max);
}

detail::Path split_path(std::string_view dotted, std::uint32_t& cache_slots) {
  detail::Path path;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', start);
    detail::Segment seg;
    seg.key = std::string(dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start));
    seg.is_index = detail::parse_index(seg.key, seg.index);
    seg.frame_field = seg.key == "current" ? 0 : seg.key == "accumulator" ? 1 : -1;
    seg.key_hash = hash_key(seg.key);
    seg.cache = cache_slots++;
    path.segments.push_back(std::move(seg));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return path;
}

bool is_comparison(Op op) {
  return op == Op::eq || op == Op::strict_eq || op == Op::ne || op == Op::strict_ne || op == Op::gt || op == Op::ge ||
         op == Op::lt || op == Op::le;
}

// Operations that may not be computed once and shared: they have effects.
bool is_impure(std::string_view op, bool custom) { return custom || op == "log"; }

class Compiler {
 public:
  Compiler(const std::unordered_map<std::string, std::pair<Arity, std::shared_ptr<const OperatorFn>>>& custom,
           Program& program)
      : custom_(custom), p_(program) {}

  /// Counts the pure, top-level-scope operations of `v`, so that compile()
  /// can share those that occur more than once (within or across rules).
  /// Returns whether `v` is pure.
  bool count_shared(const boost::json::value& v, bool scoped, int depth = 1) {
    if (depth > kMaxRuleDepth) return false;  // compile() reports it
    if (v.is_array()) {
      bool pure = true;
      for (const auto& e : v.get_array()) pure = count_shared(e, scoped, depth + 1) && pure;
      return pure;
    }
    if (!v.is_object() || v.get_object().size() != 1) return true;
    const auto& [name, operand] = *v.get_object().begin();
    const auto info = detail::find_standard_operator(name);
    bool pure = !is_impure(name, !info.has_value());
    const int scoped_arg = info ? info->scoped_arg : -1;
    if (operand.is_array()) {
      const auto& args = operand.get_array();
      for (std::size_t i = 0; i < args.size(); ++i)
        pure = count_shared(args[i], scoped || static_cast<int>(i) == scoped_arg, depth + 2) && pure;
    } else {
      pure = count_shared(operand, scoped || scoped_arg == 0, depth + 1) && pure;
    }
    if (pure && !scoped && name != "var") ++occurrences_[boost::json::serialize(v)];
    return pure;
  }

  Result<std::uint32_t> compile(const boost::json::value& v, std::string& pointer, int depth, bool scoped) {
    if (depth > kMaxRuleDepth) {
      return Unexpected{
          limit_reached(pointer, "the rule nests deeper than " + std::to_string(kMaxRuleDepth) + " levels")};
    }
    if (v.is_object()) {
      if (scoped || occurrences_.empty() || v.get_object().size() != 1) {
        return compile_operation(v.get_object(), pointer, depth, scoped);
      }
      return compile_shared(v, pointer, depth);
    }
    if (v.is_array()) return compile_array(v, pointer, depth, scoped);
    return add_literal(v, pointer);
  }

 private:
  // An operation that occurs more than once is compiled once, behind a memo
  // node that computes it at most once per evaluation.
  Result<std::uint32_t> compile_shared(const boost::json::value& v, std::string& pointer, int depth) {
    std::string key = boost::json::serialize(v);
    const auto count = occurrences_.find(key);
    if (count == occurrences_.end() || count->second < 2) {
      return compile_operation(v.get_object(), pointer, depth, false);
    }
    if (const auto done = shared_.find(key); done != shared_.end()) return done->second;
    auto inner = compile_operation(v.get_object(), pointer, depth, false);
    if (!inner) return inner;
    Node memo{Op::memo};
    memo.first = add_args({*inner});
    memo.count = 1;
    memo.aux = p_.memo_slots++;
    const std::uint32_t id = add_node(memo, pointer);
    shared_.emplace(std::move(key), id);
    return id;
  }

  std::uint32_t add_node(Node node, const std::string& pointer) {
    p_.nodes.push_back(node);
    p_.pointers.push_back(pointer.empty() ? std::string() : pointer);
    return static_cast<std::uint32_t>(p_.nodes.size() - 1);
  }

  std::uint32_t add_literal(const boost::json::value& v, const std::string& pointer) {
    p_.literals.push_back(Value::from_json(v));
    Node n{Op::literal};
    n.aux = static_cast<std::uint32_t>(p_.literals.size() - 1);
    return add_node(n, pointer);
  }

  std::uint32_t add_args(const std::vector<std::uint32_t>& children) {
    const auto first = static_cast<std::uint32_t>(p_.args.size());
    p_.args.insert(p_.args.end(), children.begin(), children.end());
    return first;
  }

  Result<std::uint32_t> compile_array(const boost::json::value& v, std::string& pointer, int depth, bool scoped) {
    const auto& array = v.get_array();
    std::vector<std::uint32_t> children;
    children.reserve(array.size());
    bool all_literal = true;
    for (std::size_t i = 0; i < array.size(); ++i) {
      const std::size_t mark = pointer.size();
      append_pointer_token(pointer, std::to_string(i));
      auto child = compile(array[i], pointer, depth + 1, scoped);
      pointer.resize(mark);
      if (!child) return child;
      all_literal = all_literal && p_.nodes[*child].op == Op::literal;
      children.push_back(*child);
    }
    // An array with no logic inside is data: point at it instead of rebuilding it.
    if (all_literal) return add_literal(v, pointer);
    Node n{Op::array};
    n.first = add_args(children);
    n.count = static_cast<std::uint32_t>(children.size());
    return add_node(n, pointer);
  }

  Result<std::uint32_t> compile_operation(const boost::json::object& object, std::string& pointer, int depth,
                                          bool scoped) {
    if (object.size() != 1) {
      std::string keys;
      for (const auto& kv : object) keys += (keys.empty() ? "\"" : ", \"") + std::string(kv.key()) + "\"";
      return Unexpected{invalid_input(
          pointer, object.empty() ? std::string("an empty object is not a rule (an operation has exactly one key)")
                                  : "an operation has exactly one key, its operator; this object has " +
                                        std::to_string(object.size()) + " (" + keys + ")")};
    }
    const auto& [name_json, operand] = *object.begin();
    const std::string_view name = name_json;

    Node node{Op::custom};
    Arity arity;
    int scoped_arg = -1;
    if (auto info = detail::find_standard_operator(name)) {
      node.op = info->op;
      arity = info->arity;
      scoped_arg = info->scoped_arg;
    } else if (auto it = custom_.find(std::string(name)); it != custom_.end()) {
      arity = it->second.first;
      p_.customs.push_back(it->second.second);
      node.aux = static_cast<std::uint32_t>(p_.customs.size() - 1);
    } else {
      return Unexpected{invalid_input(pointer, "unknown operator \"" + std::string(name) + "\"")};
    }

    // {"op": x} is shorthand for {"op": [x]}.
    const bool listed = operand.is_array();
    const std::size_t count = listed ? operand.get_array().size() : 1;
    if (count < arity.min || count > arity.max) {
      return Unexpected{invalid_input(
          pointer, "\"" + std::string(name) + "\" takes " + arity_text(arity) + ", not " + std::to_string(count))};
    }

    std::vector<std::uint32_t> children;
    children.reserve(count);
    const std::size_t mark = pointer.size();
    append_pointer_token(pointer, name);
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t arg_mark = pointer.size();
      if (listed) append_pointer_token(pointer, std::to_string(i));
      const auto& arg = listed ? operand.get_array()[i] : operand;
      const bool arg_scoped = scoped || static_cast<int>(i) == scoped_arg;
      auto child = compile(arg, pointer, depth + (listed ? 2 : 1), arg_scoped);
      pointer.resize(arg_mark);
      if (!child) return child;
      children.push_back(*child);
    }
    pointer.resize(mark);

    if (node.op == Op::var_dynamic) return compile_var(children, pointer, scoped);
    if (node.op == Op::missing || node.op == Op::missing_some) {
      if (auto fixed = compile_static_missing(node.op, children, pointer, scoped)) return *fixed;
    }
    node.first = add_args(children);
    node.count = static_cast<std::uint32_t>(children.size());
    if (is_comparison(node.op) && node.count == 2) fuse_comparison(node);
    return add_node(node, pointer);
  }

  // {"var": path} with a literal path is resolved at compile time; at the top
  // level it becomes a slot, looked up once per evaluation.
  Result<std::uint32_t> compile_var(std::vector<std::uint32_t> children, const std::string& pointer, bool scoped) {
    Node node{Op::var_dynamic};
    if (!children.empty() && p_.nodes[children[0]].op == Op::literal) {
      const Value path = p_.literals[p_.nodes[children[0]].aux];
      if (path.is_null() || (path.is_string() && path.size() == 0)) {
        node.op = Op::var_whole;
      } else if (path.kind() != Kind::array && path.kind() != Kind::object) {
        std::string text;
        detail::append_string(text, path);
        node.aux = intern_path(text, scoped, node.op);
      }
      if (node.op != Op::var_dynamic) children.erase(children.begin());  // keep only the default
    } else if (children.empty()) {
      node.op = Op::var_whole;
    }
    node.first = add_args(children);
    node.count = static_cast<std::uint32_t>(children.size());
    return add_node(node, pointer);
  }

  // `missing` and `missing_some` with keys written out in the rule (the usual
  // case) resolve them now, so that evaluation only checks slots or paths.
  std::optional<std::uint32_t> compile_static_missing(Op op, const std::vector<std::uint32_t>& children,
                                                      const std::string& pointer, bool scoped) {
    auto literal = [&](std::uint32_t id) -> std::optional<Value> {
      if (p_.nodes[id].op != Op::literal) return std::nullopt;
      return p_.literals[p_.nodes[id].aux];
    };
    std::vector<Value> keys;
    if (op == Op::missing) {
      for (std::size_t i = 0; i < children.size(); ++i) {
        auto v = literal(children[i]);
        if (!v) return std::nullopt;
        if (i == 0 && v->is_array()) {
          for (std::size_t k = 0; k < v->size(); ++k) keys.push_back(v->at(k));
          break;  // an array first argument is the whole key list
        }
        keys.push_back(*v);
      }
    } else {
      auto options = literal(children[1]);
      if (!options || !options->is_array()) return std::nullopt;
      if (options->size() > 0 && options->at(0).is_array()) return std::nullopt;  // rare; left to the general path
      for (std::size_t k = 0; k < options->size(); ++k) keys.push_back(options->at(k));
    }
    std::vector<detail::MissingKey> list;
    for (const Value& key : keys) {
      detail::MissingKey mk{key};
      if (key.is_null() || (key.is_string() && key.size() == 0)) {
        mk.whole = true;
      } else {
        if (key.kind() == Kind::array || key.kind() == Kind::object) return std::nullopt;
        std::string text;
        detail::append_string(text, key);
        Op kind = Op::var_slot;
        mk.index = intern_path(text, scoped, kind);
        mk.slot = kind == Op::var_slot;
      }
      list.push_back(mk);
    }
    p_.key_lists.push_back(std::move(list));
    Node node{op == Op::missing ? Op::missing_static : Op::missing_some_static};
    node.aux = static_cast<std::uint32_t>(p_.key_lists.size() - 1);
    if (op == Op::missing_some) {
      node.first = add_args({children[0]});
      node.count = 1;
    }
    return add_node(node, pointer);
  }

  std::uint32_t intern_path(const std::string& text, bool scoped, Op& op) {
    if (scoped) {
      op = Op::var_path;
      p_.paths.push_back(split_path(text, p_.cache_slots));
      return static_cast<std::uint32_t>(p_.paths.size() - 1);
    }
    op = Op::var_slot;
    auto [it, inserted] = slots_.try_emplace(text, static_cast<std::uint32_t>(p_.slot_paths.size()));
    if (inserted) {
      p_.paths.push_back(split_path(text, p_.cache_slots));
      p_.slot_paths.push_back(static_cast<std::uint32_t>(p_.paths.size() - 1));
    }
    return it->second;
  }

  // `var(slot) <op> number` is the commonest shape in screening rules.
  void fuse_comparison(Node& node) {
    const Node& lhs = p_.nodes[p_.args[node.first]];
    const Node& rhs = p_.nodes[p_.args[node.first + 1]];
    if (lhs.op != Op::var_slot || lhs.count != 0 || rhs.op != Op::literal) return;
    const Value literal = p_.literals[rhs.aux];
    const bool equality =
        node.op == Op::eq || node.op == Op::strict_eq || node.op == Op::ne || node.op == Op::strict_ne;
    if (!literal.is_number() && !(literal.is_string() && equality)) return;
    node.op2 = node.op;
    node.op = literal.is_number() ? Op::cmp_slot_number : Op::cmp_slot_string;
    node.aux = lhs.aux;
    node.aux2 = rhs.aux;
  }

  const std::unordered_map<std::string, std::pair<Arity, std::shared_ptr<const OperatorFn>>>& custom_;
  Program& p_;
  std::unordered_map<std::string, std::uint32_t> slots_;
  std::unordered_map<std::string, int> occurrences_;       // serialized operation -> count
  std::unordered_map<std::string, std::uint32_t> shared_;  // serialized operation -> memo node
};

}  // namespace

Engine::Engine() = default;

Result<void> Engine::add_operator(std::string name, Arity arity, OperatorFn fn) {
  if (name.empty()) return Unexpected{invalid_input("operator", "an operator needs a name")};
  if (detail::find_standard_operator(name)) {
    return Unexpected{invalid_input(name, "\"" + name + "\" is a standard JsonLogic operator")};
  }
  if (custom_.count(name)) return Unexpected{invalid_input(name, "\"" + name + "\" is already registered")};
  if (arity.min > arity.max) return Unexpected{invalid_input(name, "minimum arity exceeds maximum")};
  if (!fn) return Unexpected{invalid_input(name, "the operator has no function")};
  custom_.emplace(std::move(name), Custom{arity, std::make_shared<const OperatorFn>(std::move(fn))});
  return {};
}

void Engine::set_log_sink(std::function<void(std::string_view)> sink) {
  log_sink_ = sink ? std::make_shared<const std::function<void(std::string_view)>>(std::move(sink)) : nullptr;
}

Result<RuleSet> Engine::compile_set(const boost::json::value& rules) const {
  if (!rules.is_array()) return Unexpected{invalid_input("", "expected an array of rules")};
  auto program = std::make_shared<Program>();
  program->source = rules;  // literals point into this copy
  program->log_sink = log_sink_;
  std::unordered_map<std::string, std::pair<Arity, std::shared_ptr<const OperatorFn>>> table;
  for (const auto& [name, c] : custom_) table.emplace(name, std::make_pair(c.arity, c.fn));
  Compiler compiler(table, *program);
  const auto& array = program->source.get_array();
  for (const auto& rule : array) compiler.count_shared(rule, false);
  for (std::size_t i = 0; i < array.size(); ++i) {
    std::string pointer = "/" + std::to_string(i);
    auto root = compiler.compile(array[i], pointer, 1, false);
    if (!root) return Unexpected{std::move(root).error()};
    program->roots.push_back(*root);
  }
  return RuleSet(std::move(program));
}

Result<Rule> Engine::compile(const boost::json::value& rule) const {
  boost::json::array one;
  one.push_back(rule);
  auto set = compile_set(one);
  if (!set) {
    Error e = std::move(set).error();
    // Pointers are relative to the single rule, not to the wrapping array.
    if (e.where.rfind("/0", 0) == 0) e.where = e.where.substr(2);
    return Unexpected{std::move(e)};
  }
  return Rule(std::move(*set));
}

Result<Rule> Engine::compile_text(std::string_view rule_json) const {
  auto parsed = json::parse(rule_json);
  if (!parsed) return Unexpected{std::move(parsed).error()};
  return compile(*parsed);
}

}  // namespace trialwise::rules

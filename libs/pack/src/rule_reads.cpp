#include "rule_reads.hpp"

#include "trialwise/json/text.hpp"

#include <array>
#include <algorithm>

namespace trialwise::pack::detail {
namespace {

constexpr std::array<std::string_view, 6> kScopedOps = {"map", "filter", "reduce", "all", "none", "some"};

std::string first_step(const boost::json::value& path) {
  std::string text;
  if (path.is_string()) {
    text = std::string(path.get_string());
  } else if (path.is_number()) {
    text = json::to_text(path);
  } else {
    return {};
  }
  return text.substr(0, text.find('.'));
}

struct Walker {
  Reader& reader;

  // `names` null: reads in this scope cannot be checked (e.g. over computed data).
  // `reduce_fields`: inside reduce, "current.<field>" is checked against these.
  void walk(const boost::json::value& v, const std::string& pointer, const std::set<std::string>* names,
            const RuleScope& scope, const std::set<std::string>* reduce_fields = nullptr) {
    if (v.is_array()) {
      for (std::size_t i = 0; i < v.get_array().size(); ++i)
        walk(v.get_array()[i], child(pointer, i), names, scope, reduce_fields);
      return;
    }
    if (!v.is_object() || v.get_object().size() != 1) return;
    const auto& member = *v.get_object().begin();
    const auto op = member.key();
    const boost::json::value& operand = member.value();  // a name of its own: lambdas capture it (clang 14)
    const std::string op_pointer = child(pointer, op);
    auto arg = [&](std::size_t i) -> const boost::json::value* {
      if (operand.is_array()) return i < operand.get_array().size() ? &operand.get_array()[i] : nullptr;
      return i == 0 ? &operand : nullptr;
    };
    auto arg_pointer = [&](std::size_t i) { return operand.is_array() ? child(op_pointer, i) : op_pointer; };

    if (op == "var") {
      if (const auto* path = arg(0)) {
        if (path->is_string() || path->is_number()) {
          check(*path, arg_pointer(0), names, scope, reduce_fields);
        } else {
          walk(*path, arg_pointer(0), names, scope, reduce_fields);
        }
      }
      if (const auto* fallback = arg(1)) walk(*fallback, arg_pointer(1), names, scope, reduce_fields);
      return;
    }
    if (op == "missing" || op == "missing_some") {
      const std::size_t list_arg = op == "missing" ? 0 : 1;
      for (std::size_t i = 0; const auto* a = arg(i); ++i) {
        if (i == list_arg && a->is_array()) {
          for (std::size_t k = 0; k < a->get_array().size(); ++k)
            check(a->get_array()[k], child(arg_pointer(i), k), names, scope, reduce_fields);
        } else if (op == "missing" && (a->is_string() || a->is_number())) {
          check(*a, arg_pointer(i), names, scope, reduce_fields);
        } else {
          walk(*a, arg_pointer(i), names, scope, reduce_fields);
        }
      }
      return;
    }
    if (std::find(kScopedOps.begin(), kScopedOps.end(), op) != kScopedOps.end()) {
      const auto* source = arg(0);
      if (source) walk(*source, arg_pointer(0), names, scope, reduce_fields);
      // The elements' names are known when the source is a top-level array answer.
      const std::set<std::string>* fields = nullptr;
      if (source && names == &scope.names && source->is_object() && source->get_object().size() == 1 &&
          source->get_object().begin()->key() == "var") {
        const auto& path = source->get_object().begin()->value();
        const auto* p = path.is_array() && !path.get_array().empty() ? &path.get_array()[0] : &path;
        if (p->is_string()) {
          const auto it = scope.element_names.find(std::string(p->get_string()));
          if (it != scope.element_names.end()) fields = &it->second;
        }
      }
      if (const auto* body = arg(1)) {
        if (op == "reduce") {
          walk(*body, arg_pointer(1), &kReduceNames, scope, fields);
        } else {
          walk(*body, arg_pointer(1), fields, scope, nullptr);
        }
      }
      if (const auto* initial = arg(2)) walk(*initial, arg_pointer(2), names, scope, reduce_fields);
      return;
    }
    for (std::size_t i = 0; const auto* a = arg(i); ++i) walk(*a, arg_pointer(i), names, scope, reduce_fields);
  }

  void check(const boost::json::value& path, const std::string& pointer, const std::set<std::string>* names,
             const RuleScope& scope, const std::set<std::string>* reduce_fields) {
    if (!names) return;
    const std::string step = first_step(path);
    if (step.empty() && path.is_string() && path.get_string().empty()) return;  // "" is the whole datum
    if (names == &kReduceNames) {
      if (step != "current" && step != "accumulator") {
        reader.fail(pointer, "inside reduce, only \"current\" and \"accumulator\" can be read, not \"" + step + "\"");
        return;
      }
      const std::string text = path.is_string() ? std::string(path.get_string()) : std::string();
      if (step == "current" && reduce_fields && text.size() > 8) {
        const std::string field = text.substr(8, text.find('.', 8) - 8);
        if (!reduce_fields->count(field))
          reader.fail(pointer, "reads \"" + field + "\", which the elements being reduced do not have");
      }
      return;
    }
    if (names->count(step)) return;
    if (names == &scope.names) {
      reader.fail(pointer, "reads \"" + step + "\", which is not in " + scope.what);
    } else {
      reader.fail(pointer, "reads \"" + step + "\", which the elements of this list do not have");
    }
  }

  static const std::set<std::string> kReduceNames;
};

const std::set<std::string> Walker::kReduceNames = {"current", "accumulator"};

}  // namespace

void check_reads(Reader& reader, const boost::json::value& rule, const std::string& pointer, const RuleScope& scope) {
  Walker{reader}.walk(rule, pointer, &scope.names, scope);
}

}  // namespace trialwise::pack::detail

#pragma once

// Walks a compiled Program over one piece of data. Runtime errors are rare
// (the memory limit, a failing custom operator), so they are recorded on the
// side and checked once at the end instead of threading a Result through
// every node.

#include <optional>

#include "program.hpp"
#include "trialwise/core/error.hpp"
#include "scratch_state.hpp"
#include "trialwise/rules/scratch.hpp"

namespace trialwise::rules::detail {

class Evaluator {
 public:
  Evaluator(const Program& program, Scratch& scratch) : p_(program), scratch_(scratch), s_(*scratch.state_) {}

  /// Resets the scratch and looks up every slot in `root`.
  void bind(const Value& root);

  /// Evaluates node `id` with `data` as the current scope.
  Value eval(std::uint32_t id, const Value& data);

  /// The first runtime error, if any (including the scratch's memory limit).
  std::optional<Error> take_error();

 private:
  // Leaves (literals and top-level variables) are about half of all nodes;
  // fetching them here saves a call and a dispatch each.
  Value arg(const Node& n, std::uint32_t i, const Value& data) {
    const std::uint32_t id = p_.args[n.first + i];
    const Node& child = p_.nodes[id];
    if (child.op == Op::literal) return p_.literals[child.aux];
    if (child.op == Op::var_slot && s_.slot_found_[child.aux]) return s_.slots_[child.aux];
    return eval(id, data);
  }
  Value eval_var(const Node& n, const Value& data);
  Value eval_var_slot(const Node& n, const Value& data);
  Value eval_var_path(const Node& n, const Value& data);
  Value eval_if(const Node& n, const Value& data);
  Value eval_and_or(const Node& n, const Value& data, bool stop_when);
  Value eval_binary_compare(const Node& n, const Value& data);
  Value eval_not(const Node& n, const Value& data, bool negate);
  Value eval_cmp_slot_string(const Node& n);
  Value eval_cmp_slot_number(const Node& n);
  Value eval_memo(const Node& n, const Value& data);
  Value eval_missing(const Node& n, const Value& data);
  Value eval_missing_some(const Node& n, const Value& data);
  Value eval_missing_static(const Node& n, const Value& data);
  /// The elements of the array `keys` that `data` lacks, in an arena array
  /// of `count` (nullptr when memory ran out).
  Value* collect_missing(const Value& keys, const Value& data, const Node& n, std::size_t& count);
  Value eval_compare(Op op, const Value& a, const Value& b);
  Value eval_less(const Node& n, const Value& data, bool or_equal);
  Value eval_min_max(const Node& n, const Value& data, bool want_max);
  Value eval_arithmetic(const Node& n, const Value& data);
  Value eval_array_op(const Node& n, const Value& data);
  Value eval_reduce(const Node& n, const Value& data);
  Value eval_merge(const Node& n, const Value& data);
  Value eval_in(const Node& n, const Value& data);
  Value eval_cat(const Node& n, const Value& data);
  Value eval_substr(const Node& n, const Value& data);
  Value eval_log(const Node& n, const Value& data);
  Value eval_custom(const Node& n, const Value& data);
  Value eval_array(const Node& n, const Value& data);

  Value* new_array(std::size_t count, const Node& n);
  Value new_string(std::string_view s, const Node& n);
  void fail(Error e);
  const std::string& pointer_of(const Node& n) const;
  bool failed() const { return error_.has_value() || s_.arena_.exhausted(); }

  const Program& p_;
  Scratch& scratch_;  // what operators are given
  ScratchState& s_;   // its buffers, reused
  std::optional<Error> error_;
};

/// Looks up a pre-split path in `data`, as json-logic-js's `var` does, using
/// and updating `cache` (indexed by Segment::cache). Returns false when some
/// step is absent.
bool lookup(const Value& data, const Path& path, std::uint32_t* cache, Value& out);

/// The same for a dotted path known only at run time.
bool lookup(const Value& data, std::string_view dotted, Value& out);

}  // namespace trialwise::rules::detail

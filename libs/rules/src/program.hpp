#pragma once

// The compiled form of rules: a flat array of nodes, each an opcode with its
// arguments as a contiguous run of child indices. Compiling resolves operator
// names, splits variable paths and hoists every path read from the top-level
// data into a "slot" that is looked up once per evaluation.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/rules/engine.hpp"
#include "trialwise/rules/value.hpp"

namespace trialwise::rules::detail {

enum class Op : std::uint8_t {
  literal,      // aux: index into literals
  array,        // an array whose elements are rules
  var_slot,     // aux: slot; args: [default]
  var_path,     // aux: path; args: [default]  (inside map/filter/... scopes)
  var_whole,    // the current data
  var_dynamic,  // args: path rule [, default]
  missing,
  missing_some,
  if_,
  and_,
  or_,
  eq,
  strict_eq,
  ne,
  strict_ne,
  not_,
  truthy,
  gt,
  ge,
  lt,
  le,
  max,
  min,
  add,
  sub,
  mul,
  div,
  mod,
  map,
  filter,
  reduce,
  all,
  none,
  some,
  merge,
  in,
  cat,
  substr,
  log,
  custom,  // aux: index into customs
  memo,    // aux: memo slot; args: the shared subtree, computed once per evaluation
  // Fused forms chosen by the compiler for common shapes.
  cmp_slot_number,      // aux: slot; aux2: literal; op2: which comparison
  cmp_slot_string,      // the same with a string literal (==, ===, !=, !== only)
  missing_static,       // aux: key list; keys known at compile time
  missing_some_static,  // aux: key list; args: [need]
};

struct Node {
  Op op;
  Op op2 = Op::literal;     // for fused comparisons: the comparison
  std::uint32_t first = 0;  // index of the first argument in Program::args
  std::uint32_t count = 0;  // number of arguments
  std::uint32_t aux = 0;
  std::uint32_t aux2 = 0;
};

/// One step of a dotted variable path, pre-parsed.
struct Segment {
  std::string key;
  std::size_t index = 0;
  bool is_index = false;       // key is a canonical array index
  int frame_field = -1;        // 0 "current", 1 "accumulator", else -1
  std::uint32_t key_hash = 0;  // hash_key(key)
  std::uint32_t cache = 0;     // this segment's slot in Scratch's lookup cache
};

struct Path {
  std::vector<Segment> segments;
};

/// A key of `missing`/`missing_some` known at compile time: the key as
/// written (for the result) and where to look it up.
struct MissingKey {
  Value key;
  bool whole = false;  // null or "": the current data itself
  bool slot = false;   // true: `index` is a slot; false: a path, looked up in scope
  std::uint32_t index = 0;
};

struct Program {
  boost::json::value source;  // the rules; literal Values point into it
  std::vector<Node> nodes;
  std::vector<std::uint32_t> args;
  std::vector<Value> literals;
  std::vector<Path> paths;
  std::vector<std::uint32_t> slot_paths;  // slot i reads paths[slot_paths[i]] from the root
  std::vector<std::shared_ptr<const OperatorFn>> customs;
  std::vector<std::string> pointers;  // JSON pointer of each node, for errors
  std::vector<std::vector<MissingKey>> key_lists;
  std::vector<std::uint32_t> roots;
  std::uint32_t cache_slots = 0;  // lookup-cache entries the segments use
  std::uint32_t memo_slots = 0;
  std::shared_ptr<const std::function<void(std::string_view)>> log_sink;
};

}  // namespace trialwise::rules::detail

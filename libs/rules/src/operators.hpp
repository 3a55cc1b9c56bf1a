#pragma once

// The standard JsonLogic operators: their opcodes and arities, and which
// argument (if any) is "scoped logic" evaluated once per array element.

#include <optional>
#include <string_view>

#include "program.hpp"

namespace trialwise::rules::detail {

struct OperatorInfo {
  Op op;
  Arity arity;
  int scoped_arg = -1;  // map/filter/reduce/all/none/some: argument 1
};

/// The standard operator called `name`, or nothing.
std::optional<OperatorInfo> find_standard_operator(std::string_view name);

}  // namespace trialwise::rules::detail

#include "operators.hpp"

#include <array>
#include <utility>

namespace trialwise::rules::detail {
namespace {

constexpr std::uint32_t kAny = Arity::kUnbounded;

// json-logic-js accepts any argument count and quietly ignores extras or
// treats missing ones as undefined; a pack author is better served by an
// error, so each operator takes the counts its documentation describes.
constexpr std::array<std::pair<std::string_view, OperatorInfo>, 35> kOperators{{
    {"var", {Op::var_dynamic, {0, 2}}},
    {"missing", {Op::missing, {0, kAny}}},
    {"missing_some", {Op::missing_some, {2, 2}}},
    {"if", {Op::if_, {0, kAny}}},
    {"?:", {Op::if_, {0, kAny}}},
    {"and", {Op::and_, {1, kAny}}},
    {"or", {Op::or_, {1, kAny}}},
    {"==", {Op::eq, {2, 2}}},
    {"===", {Op::strict_eq, {2, 2}}},
    {"!=", {Op::ne, {2, 2}}},
    {"!==", {Op::strict_ne, {2, 2}}},
    {"!", {Op::not_, {1, 1}}},
    {"!!", {Op::truthy, {1, 1}}},
    {">", {Op::gt, {2, 2}}},
    {">=", {Op::ge, {2, 2}}},
    {"<", {Op::lt, {2, 3}}},
    {"<=", {Op::le, {2, 3}}},
    {"max", {Op::max, {1, kAny}}},
    {"min", {Op::min, {1, kAny}}},
    {"+", {Op::add, {0, kAny}}},
    {"-", {Op::sub, {1, 2}}},
    {"*", {Op::mul, {1, kAny}}},
    {"/", {Op::div, {2, 2}}},
    {"%", {Op::mod, {2, 2}}},
    {"map", {Op::map, {2, 2}, 1}},
    {"filter", {Op::filter, {2, 2}, 1}},
    {"reduce", {Op::reduce, {2, 3}, 1}},
    {"all", {Op::all, {2, 2}, 1}},
    {"none", {Op::none, {2, 2}, 1}},
    {"some", {Op::some, {2, 2}, 1}},
    {"merge", {Op::merge, {0, kAny}}},
    {"in", {Op::in, {2, 2}}},
    {"cat", {Op::cat, {0, kAny}}},
    {"substr", {Op::substr, {2, 3}}},
    {"log", {Op::log, {1, 1}}},
}};

}  // namespace

std::optional<OperatorInfo> find_standard_operator(std::string_view name) {
  for (const auto& [n, info] : kOperators)
    if (n == name) return info;
  return std::nullopt;
}

}  // namespace trialwise::rules::detail

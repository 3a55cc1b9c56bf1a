#pragma once

// The first pass of reading a label: the parts of a DSLD label's JSON that
// Trialwise reads, checked and turned into typed rows, so that a malformed
// file fails whole, naming the place. What the rows hold is the counter's
// business (label.cpp).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"

namespace trialwise::labels::detail {

/// Nesting allowed in a label (rows within rows).
inline constexpr std::size_t kMaxDepth = 64;

// One quantity entry of a row: an amount for one serving size.
struct Amount {
  std::optional<double> quantity;
  std::string unit;
  std::string op;
  std::optional<std::int64_t> serving_order;
};

struct Row {
  std::string name;
  std::string group;  // ingredientGroup, the DSLD's name for what the row is
  std::string where;
  std::vector<Amount> amounts;
  std::vector<Row> nested;
};

struct ServingSize {
  std::size_t index = 0;  // in the label's array
  std::int64_t order = 0;
  std::optional<double> min, max;
  std::string unit, notes;
};

struct Label {
  std::string name, brand, id;
  std::vector<Row> rows;
  std::vector<ServingSize> servings;  // by order, the first is the one counted
};

/// The label's rows and serving sizes. Errors: Errc::invalid_input at
/// `file` + "#" + the JSON pointer of the bad part.
Result<Label> read_dsld(const boost::json::value& root, const std::string& file);

}  // namespace trialwise::labels::detail

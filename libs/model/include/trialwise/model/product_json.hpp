#pragma once

// A product's counted rows and flags as JSON: what `product import --json`
// prints and what the store keeps in its JSON columns, and the readers the
// store reads them back with.

#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/product.hpp"

namespace trialwise::model {

/// The number, or null when there is none.
boost::json::value number_or_null(const std::optional<double>& n);

boost::json::array rows_json(const std::vector<IngredientRow>& rows);
boost::json::array flags_json(const std::vector<LabelFlag>& flags);

/// Read back what rows_json and flags_json wrote. Errors are
/// Errc::invalid_input at `where` + the JSON pointer of the first problem.
Result<std::vector<IngredientRow>> rows_from_json(const boost::json::value& v, const std::string& where);
Result<std::vector<LabelFlag>> flags_from_json(const boost::json::value& v, const std::string& where);

}  // namespace trialwise::model

#pragma once

// What every ProductRepository checks before it saves, and the errors they
// share, so the memory fake and SQLite fail alike (the contract tests hold
// them to it). Error::where is "product/<field>" for a bad value and
// "product/<id>" for a missing or duplicate product.

#include <cstdint>
#include <optional>
#include <string>

#include "trialwise/core/result.hpp"
#include "trialwise/model/product.hpp"

namespace trialwise::store::detail {

/// A name; grams per serving, servings a day and every row's figures finite
/// and not negative (SQLite would store NaN as NULL).
Result<void> check_product(const model::ImportedProduct& p);

/// Servings a day finite and not negative, when given.
Result<void> check_servings_per_day(const std::optional<double>& servings_per_day);

std::string product_where(std::int64_t id);
Error product_not_found(const std::string& profile, std::int64_t id);
Error already_imported(const model::Product& p, std::int64_t existing);

}  // namespace trialwise::store::detail

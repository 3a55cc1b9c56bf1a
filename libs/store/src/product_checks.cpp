#include "product_checks.hpp"

#include <cmath>

namespace trialwise::store::detail {
namespace {

bool bad(const std::optional<double>& n) { return n && (!std::isfinite(*n) || *n < 0); }

}  // namespace

Result<void> check_servings_per_day(const std::optional<double>& servings_per_day) {
  if (bad(servings_per_day))
    return Unexpected{invalid_input("product/servings_per_day", "servings a day must be zero or more")};
  return {};
}

Result<void> check_product(const model::ImportedProduct& p) {
  if (p.product.name.empty()) return Unexpected{invalid_input("product/name", "a product needs its name")};
  if (bad(p.product.amount_g_per_serving))
    return Unexpected{invalid_input("product/amount_g_per_serving", "grams per serving must be zero or more")};
  if (auto ok = check_servings_per_day(p.servings_per_day); !ok) return ok;
  for (std::size_t i = 0; i < p.product.rows.size(); ++i) {
    const auto& r = p.product.rows[i];
    const std::string where = "product/rows/" + std::to_string(i);
    if (bad(r.amount)) return Unexpected{invalid_input(where + "/amount", "an amount must be zero or more")};
    if (bad(r.amount_g)) return Unexpected{invalid_input(where + "/amount_g", "grams must be zero or more")};
    if (bad(r.fraction))
      return Unexpected{invalid_input(where + "/fraction", "a share of the mass must be zero or more")};
  }
  return {};
}

std::string product_where(std::int64_t id) { return "product/" + std::to_string(id); }

Error product_not_found(const std::string& profile, std::int64_t id) {
  return not_found(product_where(id), "no product " + std::to_string(id) + " in profile \"" + profile + "\"");
}

Error already_imported(const model::Product& p, std::int64_t existing) {
  return {Errc::conflict,
          "\"" + p.name + "\"" + (p.brand.empty() ? "" : " by " + p.brand) + " is already imported as product " +
              std::to_string(existing) + "; remove that one first to import the label again",
          product_where(existing)};
}

}  // namespace trialwise::store::detail

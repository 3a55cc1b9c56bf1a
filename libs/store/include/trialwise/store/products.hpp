#pragma once

// Products a person has imported from their labels (trialwise product import),
// kept per profile so the plan can count the glutamine they already take.
// An interface of its own beside TrialRepository: the same database holds
// both, and neither interface knows the other.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/result.hpp"
#include "trialwise/model/product.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::store {

using model::ImportedProduct;
using model::ProfileId;
using ProductId = std::int64_t;

/// Imported products. Implementations are safe to use from one thread at a
/// time; a write returns only once it is durable. Every call is scoped by
/// the profile: another profile's product is Errc::not_found.
/// Errors: Errc::invalid_input (an empty profile; bad values, with `where`
/// "product/<field>", e.g. "product/servings_per_day" or
/// "product/rows/0/amount_g"), Errc::not_found ("product/<id>"),
/// Errc::conflict ("product/<id>" of the product already there), Errc::io
/// (the database failed; the message says how).
class ProductRepository {
 public:
  virtual ~ProductRepository() = default;

  /// Saves an imported product and returns it with `id` and `imported_at`
  /// set (whatever `product` has there). The product needs a name; grams,
  /// servings a day and every row's figures must be finite and not
  /// negative. Errc::conflict when the profile already has a product of the
  /// same name and brand: importing a label twice would count it twice.
  virtual Result<ImportedProduct> save_product(const ProfileId& profile, const ImportedProduct& product) = 0;

  virtual Result<ImportedProduct> get_product(const ProfileId& profile, ProductId id) = 0;

  /// Every product of the profile, in the order they were imported.
  virtual Result<std::vector<ImportedProduct>> list_products(const ProfileId& profile) = 0;

  /// Changes how the person takes a product: servings a day (empty: not
  /// said) and whether it is third-party tested. Returns the product as saved.
  virtual Result<ImportedProduct> set_use(const ProfileId& profile, ProductId id,
                                          std::optional<double> servings_per_day, bool third_party_tested) = 0;

  /// Removes a product: it no longer counts in the plan.
  virtual Result<void> remove_product(const ProfileId& profile, ProductId id) = 0;

  /// Deletes every product of the profile (an account deleted); none is fine.
  virtual Result<void> erase_profile(const ProfileId& profile) = 0;

  /// Moves every product of `from` to `to`; returns how many.
  virtual Result<std::size_t> move_profile(const ProfileId& from, const ProfileId& to) = 0;
};

/// An in-memory ProductRepository for tests (and the contract suite's baseline).
std::unique_ptr<ProductRepository> make_memory_product_repository();

/// Opens the embedded SQLite database at `path` for products, exactly as
/// open_sqlite (trialwise/store/sqlite.hpp) opens it for trials: created
/// (mode 0600) if absent, WAL, migrated, refused if not Trialwise's or newer.
/// Both may be open on one file at once.
Result<std::unique_ptr<ProductRepository>> open_sqlite_products(const std::string& path);

}  // namespace trialwise::store

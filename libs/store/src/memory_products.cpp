// The reference behaviour of ProductRepository: a map, no I/O. The SQLite
// repository must behave the same way (the contract tests run both); checks
// run in the same order: profile, the product asked for, the values given,
// then conflicts with saved state.

#include <map>

#include "product_checks.hpp"
#include "trialwise/store/products.hpp"
#include "utc_time.hpp"
#include "validate.hpp"

namespace trialwise::store {
namespace {

struct StoredProduct {
  ProfileId profile;
  ImportedProduct product;
};

class MemoryProductRepository final : public ProductRepository {
 public:
  Result<ImportedProduct> save_product(const ProfileId& profile, const ImportedProduct& product) override {
    if (auto ok = detail::check_profile(profile); !ok) return Unexpected{ok.error()};
    if (auto ok = detail::check_product(product); !ok) return Unexpected{ok.error()};
    for (const auto& [id, stored] : products_) {
      if (stored.profile == profile && stored.product.product.name == product.product.name &&
          stored.product.product.brand == product.product.brand)
        return Unexpected{detail::already_imported(product.product, id)};
    }
    ImportedProduct saved = product;
    saved.id = next_id_++;
    saved.imported_at = detail::utc_now();
    products_.emplace(saved.id, StoredProduct{profile, saved});
    return saved;
  }

  Result<ImportedProduct> get_product(const ProfileId& profile, ProductId id) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    return (*stored)->product;
  }

  Result<std::vector<ImportedProduct>> list_products(const ProfileId& profile) override {
    if (auto ok = detail::check_profile(profile); !ok) return Unexpected{ok.error()};
    std::vector<ImportedProduct> out;
    for (const auto& [id, stored] : products_) {
      if (stored.profile == profile) out.push_back(stored.product);
    }
    return out;
  }

  Result<ImportedProduct> set_use(const ProfileId& profile, ProductId id, std::optional<double> servings_per_day,
                                  bool third_party_tested) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    if (auto ok = detail::check_servings_per_day(servings_per_day); !ok) return Unexpected{ok.error()};
    ImportedProduct& p = (*stored)->product;
    p.servings_per_day = servings_per_day;
    p.third_party_tested = third_party_tested;
    return p;
  }

  Result<void> remove_product(const ProfileId& profile, ProductId id) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    products_.erase(id);
    return {};
  }

  Result<std::size_t> move_profile(const ProfileId& from, const ProfileId& to) override {
    if (auto ok = detail::check_profile(from); !ok) return Unexpected{ok.error()};
    if (auto ok = detail::check_profile(to); !ok) return Unexpected{ok.error()};
    std::size_t moved = 0;
    for (auto& [id, stored] : products_)
      if (stored.profile == from) {
        stored.profile = to;
        ++moved;
      }
    return moved;
  }

  Result<void> erase_profile(const ProfileId& profile) override {
    if (auto ok = detail::check_profile(profile); !ok) return Unexpected{ok.error()};
    std::erase_if(products_, [&](const auto& kv) { return kv.second.profile == profile; });
    return {};
  }

 private:
  Result<StoredProduct*> find(const ProfileId& profile, ProductId id) {
    if (auto ok = detail::check_profile(profile); !ok) return Unexpected{ok.error()};
    const auto it = products_.find(id);
    if (it == products_.end() || it->second.profile != profile)
      return Unexpected{detail::product_not_found(profile, id)};
    return &it->second;
  }

  std::map<ProductId, StoredProduct> products_;  // ids are unique across profiles and never reused, as in SQLite
  ProductId next_id_ = 1;
};

}  // namespace

std::unique_ptr<ProductRepository> make_memory_product_repository() {
  return std::make_unique<MemoryProductRepository>();
}

}  // namespace trialwise::store

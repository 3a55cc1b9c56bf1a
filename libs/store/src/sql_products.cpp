// ProductRepository on SQL (the products table of migration 5; SQLite or
// PostgreSQL, sql.hpp). Behaves as the memory repository does (the contract
// tests run all three); every write is one transaction, durable before it
// returns, and every statement filters by profile.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "sql_repositories.hpp"
#include "json_text.hpp"
#include "product_checks.hpp"
#include "trialwise/model/product_json.hpp"
#include "trialwise/store/products.hpp"
#include "utc_time.hpp"
#include "validate.hpp"

namespace trialwise::store {
namespace detail {
namespace {

const std::string kProductColumns =
    "id, name, brand, label_id, amount_g_per_serving, serving, ingredient_rows, flags, servings_per_day, "
    "third_party_tested, source, imported_at";

// Rows and flags are written with boost::json::serialize and read back with
// the exact reader (json_text.hpp), so a mass ratio comes back bit for bit.
std::string rows_to_json(const std::vector<model::IngredientRow>& rows) {
  return boost::json::serialize(model::rows_json(rows));
}

std::string flags_to_json(const std::vector<model::LabelFlag>& flags) {
  return boost::json::serialize(model::flags_json(flags));
}

Error damaged(const std::string& where) {
  return io_error(where, "the stored product is damaged; restore a backup with `trialwise restore FILE`");
}

Result<std::vector<model::IngredientRow>> rows_from_json(std::string_view text, const std::string& where) {
  auto json = parse_json(text, where);
  if (!json) return Unexpected{damaged(where)};
  auto rows = model::rows_from_json(*json, where);
  if (!rows) return Unexpected{damaged(where)};
  return rows;
}

Result<std::vector<model::LabelFlag>> flags_from_json(std::string_view text, const std::string& where) {
  auto json = parse_json(text, where);
  if (!json) return Unexpected{damaged(where)};
  auto flags = model::flags_from_json(*json, where);
  if (!flags) return Unexpected{damaged(where)};
  return flags;
}

class SqlProductRepository final : public ProductRepository {
 public:
  explicit SqlProductRepository(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}

  Result<ImportedProduct> save_product(const ProfileId& profile, const ImportedProduct& product) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    if (auto ok = check_product(product); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<ImportedProduct> {
      auto same = db_->query("SELECT id FROM products WHERE profile = ?1 AND name = ?2 AND brand = ?3");
      if (!same) return Unexpected{same.error()};
      same->bind(1, profile).bind(2, product.product.name).bind(3, product.product.brand);
      auto found = same->step();
      if (!found) return Unexpected{found.error()};
      if (*found) return Unexpected{already_imported(product.product, same->int64(0))};

      ImportedProduct saved = product;
      saved.imported_at = utc_now();
      const model::Product& p = saved.product;
      auto q = db_->query(
          "INSERT INTO products (profile, name, brand, label_id, amount_g_per_serving, serving, ingredient_rows, "
          "flags, servings_per_day, third_party_tested, source, imported_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id");
      if (!q) return Unexpected{q.error()};
      q->bind(1, profile).bind(2, p.name).bind(3, p.brand).bind(4, p.label_id).bind(5, p.amount_g_per_serving);
      q->bind(6, p.serving).bind(7, rows_to_json(p.rows)).bind(8, flags_to_json(p.flags));
      q->bind(9, saved.servings_per_day).bind_bool(10, saved.third_party_tested).bind(11, saved.source);
      q->bind(12, saved.imported_at);
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      saved.id = q->int64(0);
      if (auto done = q->run(); !done) return Unexpected{done.error()};
      return saved;
    });
  }

  Result<ImportedProduct> get_product(const ProfileId& profile, ProductId id) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    auto q = db_->query("SELECT " + kProductColumns + " FROM products WHERE profile = ?1 AND id = ?2");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile).bind(2, id);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return Unexpected{product_not_found(profile, id)};
    return read_product(*q);
  }

  Result<std::vector<ImportedProduct>> list_products(const ProfileId& profile) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    auto q = db_->query("SELECT " + kProductColumns + " FROM products WHERE profile = ?1 ORDER BY id");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile);
    std::vector<ImportedProduct> out;
    for (;;) {
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      if (!*row) return out;
      auto p = read_product(*q);
      if (!p) return Unexpected{p.error()};
      out.push_back(std::move(*p));
    }
  }

  Result<ImportedProduct> set_use(const ProfileId& profile, ProductId id, std::optional<double> servings_per_day,
                                  bool third_party_tested) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    auto updated = write([&]() -> Result<void> {
      if (auto ok = require_product(profile, id); !ok) return ok;
      if (auto ok = check_servings_per_day(servings_per_day); !ok) return ok;
      auto q = db_->query(
          "UPDATE products SET servings_per_day = ?3, third_party_tested = ?4 WHERE profile = ?1 AND id = ?2");
      if (!q) return Unexpected{q.error()};
      q->bind(1, profile).bind(2, id).bind(3, servings_per_day).bind_bool(4, third_party_tested);
      return q->run();
    });
    if (!updated) return Unexpected{updated.error()};
    return get_product(profile, id);
  }

  Result<void> remove_product(const ProfileId& profile, ProductId id) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<void> {
      if (auto ok = require_product(profile, id); !ok) return ok;
      auto q = db_->query("DELETE FROM products WHERE profile = ?1 AND id = ?2");
      if (!q) return Unexpected{q.error()};
      q->bind(1, profile).bind(2, id);
      return q->run();
    });
  }

  Result<std::size_t> move_profile(const ProfileId& from, const ProfileId& to) override {
    if (auto ok = check_profile(from); !ok) return Unexpected{ok.error()};
    if (auto ok = check_profile(to); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<std::size_t> {
      auto q = db_->query("UPDATE products SET profile = ?2 WHERE profile = ?1 RETURNING 1");
      if (!q) return Unexpected{q.error()};
      q->bind(1, from).bind(2, to);
      std::size_t moved = 0;
      for (;;) {
        auto row = q->step();
        if (!row) return Unexpected{row.error()};
        if (!*row) return moved;
        ++moved;
      }
    });
  }

  Result<void> erase_profile(const ProfileId& profile) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<void> {
      auto q = db_->query("DELETE FROM products WHERE profile = ?1");
      if (!q) return Unexpected{q.error()};
      q->bind(1, profile);
      return q->run();
    });
  }

 private:
  // One write transaction, durable when it returns (in_write_transaction).
  template <class Body>
  auto write(Body&& body) -> decltype(body()) {
    return in_write_transaction(*db_, std::forward<Body>(body));
  }

  // Errc::not_found unless the product exists in this profile.
  Result<void> require_product(const ProfileId& profile, ProductId id) {
    auto q = db_->query("SELECT 1 FROM products WHERE profile = ?1 AND id = ?2");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile).bind(2, id);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return Unexpected{product_not_found(profile, id)};
    return {};
  }

  static Result<ImportedProduct> read_product(const Query& q) {
    ImportedProduct out;
    out.id = q.int64(0);
    const std::string where = product_where(out.id);
    model::Product& p = out.product;
    p.name = q.text(1);
    p.brand = q.text(2);
    p.label_id = q.text(3);
    if (!q.is_null(4)) p.amount_g_per_serving = q.real(4);
    p.serving = q.text(5);
    auto rows = rows_from_json(q.text(6), where + "/rows");
    if (!rows) return Unexpected{rows.error()};
    p.rows = std::move(*rows);
    auto flags = flags_from_json(q.text(7), where + "/flags");
    if (!flags) return Unexpected{flags.error()};
    p.flags = std::move(*flags);
    if (!q.is_null(8)) out.servings_per_day = q.real(8);
    out.third_party_tested = q.int64(9) != 0;
    out.source = q.text(10);
    out.imported_at = q.text(11);
    return out;
  }

  std::unique_ptr<SqlConnection> db_;
};

}  // namespace

std::unique_ptr<ProductRepository> make_sql_products(std::unique_ptr<SqlConnection> db) {
  return std::make_unique<SqlProductRepository>(std::move(db));
}

}  // namespace detail
}  // namespace trialwise::store

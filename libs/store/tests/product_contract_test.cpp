// One suite, every ProductRepository: the in-memory fake sets the behaviour
// and SQLite must match it call for call. Then what only SQLite has: the
// products survive reopening, share the file with the trials, and migration
// 5 brings an older database up without touching its trials.

#include <cmath>
#include <functional>
#include <limits>
#include <regex>
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "raw_sql.hpp"
#include "places.hpp"
#include "samples.hpp"
#include "trialwise/store/postgres.hpp"
#include "trialwise/test_support/temp_dir.hpp"
#include "trialwise/store/products.hpp"
#include "trialwise/store/sqlite.hpp"

namespace trialwise::store {
namespace {

using test_support::TempDir;

struct ProductStoreFactory {
  std::string name;
  std::function<std::unique_ptr<ProductRepository>(testing::Places&)> make;
};

void PrintTo(const ProductStoreFactory& f, std::ostream* os) { *os << f.name; }

using testing::is_utc_time;

ImportedProduct dipeptide() {
  ImportedProduct i;
  model::Product& p = i.product;
  p.name = "Sustained Glutamine Dipeptide \"AG\" ü";
  p.brand = "Example Labs";
  p.label_id = "900005";
  p.amount_g_per_serving = 0.6728;
  p.serving = "2 Gram(s) (1 scoop)";
  model::IngredientRow r;
  r.name = "L-Alanyl-L-Glutamine";
  r.where = "/ingredientRows/0";
  r.form = "alanyl_glutamine";
  r.amount = 1;
  r.unit = "Gram(s)";
  r.op = "=";
  r.fraction = 146.14 / 217.22;  // must come back bit for bit
  r.amount_g = 0.6728;
  p.rows.push_back(r);
  p.flags.push_back({"multiple_serving_sizes", "The label gives 2 serving sizes", "/servingSizes"});
  i.servings_per_day = 2.5;
  i.third_party_tested = true;
  i.source = "labels/dipeptide.json";
  return i;
}

ImportedProduct blend() {
  ImportedProduct i;
  i.product.name = "Recovery Matrix";
  i.product.brand = "Example Sport";
  i.product.serving = "10 Gram(s)";
  model::IngredientRow r;
  r.name = "L-Glutamine";
  r.where = "/ingredientRows/1/nestedRows/0";
  r.form = "l_glutamine";
  r.unit = "NP";
  i.product.rows.push_back(r);
  i.product.flags.push_back({"blend_without_amount", "listed without an amount", "/ingredientRows/1/nestedRows/0"});
  return i;  // grams unknown, servings a day not given
}

ImportedProduct named(const std::string& name, const std::string& brand = "Brand") {
  ImportedProduct i;
  i.product.name = name;
  i.product.brand = brand;
  i.product.amount_g_per_serving = 5;
  i.product.serving = "5 g";
  return i;
}

void expect_same(const ImportedProduct& got, const ImportedProduct& want) {
  EXPECT_EQ(got.product.name, want.product.name);
  EXPECT_EQ(got.product.brand, want.product.brand);
  EXPECT_EQ(got.product.label_id, want.product.label_id);
  EXPECT_EQ(got.product.amount_g_per_serving, want.product.amount_g_per_serving);
  EXPECT_EQ(got.product.serving, want.product.serving);
  ASSERT_EQ(got.product.rows.size(), want.product.rows.size());
  for (std::size_t k = 0; k < got.product.rows.size(); ++k) {
    const auto& g = got.product.rows[k];
    const auto& w = want.product.rows[k];
    EXPECT_EQ(g.name, w.name);
    EXPECT_EQ(g.where, w.where);
    EXPECT_EQ(g.form, w.form);
    EXPECT_EQ(g.amount, w.amount);
    EXPECT_EQ(g.unit, w.unit);
    EXPECT_EQ(g.op, w.op);
    EXPECT_EQ(g.fraction, w.fraction);
    EXPECT_EQ(g.amount_g, w.amount_g);
  }
  ASSERT_EQ(got.product.flags.size(), want.product.flags.size());
  for (std::size_t k = 0; k < got.product.flags.size(); ++k) {
    EXPECT_EQ(got.product.flags[k].id, want.product.flags[k].id);
    EXPECT_EQ(got.product.flags[k].message, want.product.flags[k].message);
    EXPECT_EQ(got.product.flags[k].where, want.product.flags[k].where);
  }
  EXPECT_EQ(got.servings_per_day, want.servings_per_day);
  EXPECT_EQ(got.third_party_tested, want.third_party_tested);
  EXPECT_EQ(got.source, want.source);
}

class ProductContractTest : public ::testing::TestWithParam<ProductStoreFactory> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(places_.dir.path().empty());
    repo_ = GetParam().make(places_);
    ASSERT_NE(repo_, nullptr);
  }

  ProductId save(const ImportedProduct& p, const ProfileId& profile = "local") {
    auto saved = repo_->save_product(profile, p);
    EXPECT_TRUE(saved) << to_string(saved.error());
    return saved ? saved->id : 0;
  }

  std::size_t count(const ProfileId& profile = "local") {
    auto all = repo_->list_products(profile);
    EXPECT_TRUE(all) << to_string(all.error());
    return all ? all->size() : 0;
  }

  testing::Places places_;
  std::unique_ptr<ProductRepository> repo_;
};

TEST_P(ProductContractTest, SavesAndReadsBackEveryField) {
  const ImportedProduct want = dipeptide();
  auto saved = repo_->save_product("local", want);
  ASSERT_TRUE(saved) << to_string(saved.error());
  EXPECT_GT(saved->id, 0);
  EXPECT_TRUE(is_utc_time(saved->imported_at)) << saved->imported_at;
  expect_same(*saved, want);

  auto got = repo_->get_product("local", saved->id);
  ASSERT_TRUE(got) << to_string(got.error());
  EXPECT_EQ(got->id, saved->id);
  EXPECT_EQ(got->imported_at, saved->imported_at);
  expect_same(*got, want);

  auto all = repo_->list_products("local");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  expect_same((*all)[0], want);
}

TEST_P(ProductContractTest, UnknownGramsAndServingsStayUnknown) {
  const ProductId id = save(blend());
  auto got = repo_->get_product("local", id);
  ASSERT_TRUE(got) << to_string(got.error());
  EXPECT_FALSE(got->product.amount_g_per_serving);
  EXPECT_FALSE(got->servings_per_day);
  EXPECT_FALSE(got->product.rows[0].amount);
  EXPECT_FALSE(got->product.rows[0].amount_g);
  expect_same(*got, blend());
}

TEST_P(ProductContractTest, ListsInImportOrderWithinTheProfileOnly) {
  const ProductId a = save(named("A"));
  const ProductId b = save(named("B"));
  const ProductId other = save(named("C"), "clinic-client-7");
  auto local = repo_->list_products("local");
  ASSERT_TRUE(local);
  ASSERT_EQ(local->size(), 2u);
  EXPECT_EQ((*local)[0].id, a);
  EXPECT_EQ((*local)[1].id, b);
  EXPECT_EQ(count("clinic-client-7"), 1u);
  EXPECT_EQ(count("nobody"), 0u);

  // Another profile's product is not there, for reading or changing.
  auto read = repo_->get_product("local", other);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, Errc::not_found);
  EXPECT_EQ(read.error().where, "product/" + std::to_string(other));
  auto use = repo_->set_use("local", other, 1, false);
  ASSERT_FALSE(use);
  EXPECT_EQ(use.error().code, Errc::not_found);
  auto removed = repo_->remove_product("local", other);
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code, Errc::not_found);
  EXPECT_EQ(count("clinic-client-7"), 1u);
}

TEST_P(ProductContractTest, ErasingAProfileRemovesItsProductsOnly) {
  save(named("A"));
  save(named("B"), "account-7");
  ASSERT_TRUE(repo_->erase_profile("local"));
  EXPECT_EQ(count("local"), 0u);
  EXPECT_EQ(count("account-7"), 1u);
  EXPECT_TRUE(repo_->erase_profile("nobody"));
}

TEST_P(ProductContractTest, MovingAProfileTakesItsProducts) {
  save(named("A"));
  save(named("B"));
  save(named("C"), "account-7");
  EXPECT_EQ(*repo_->move_profile("local", "account-7"), 2u);
  EXPECT_EQ(count("local"), 0u);
  EXPECT_EQ(count("account-7"), 3u);
}

TEST_P(ProductContractTest, TheSameLabelTwiceIsAConflict) {
  const ProductId first = save(named("Pure L-Glutamine Powder", "Example Nutrition"));
  auto again = repo_->save_product("local", named("Pure L-Glutamine Powder", "Example Nutrition"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  EXPECT_EQ(again.error().where, "product/" + std::to_string(first));
  EXPECT_EQ(again.error().message, "\"Pure L-Glutamine Powder\" by Example Nutrition is already imported as product " +
                                       std::to_string(first) + "; remove that one first to import the label again");
  EXPECT_EQ(count(), 1u);

  // Another brand's product of that name, or another profile's, is another product.
  save(named("Pure L-Glutamine Powder", "Other Brand"));
  save(named("Pure L-Glutamine Powder", "Example Nutrition"), "clinic-client-7");
  EXPECT_EQ(count(), 2u);
}

TEST_P(ProductContractTest, SetUseChangesServingsAndTestingOnly) {
  const ProductId id = save(dipeptide());
  auto changed = repo_->set_use("local", id, std::nullopt, false);
  ASSERT_TRUE(changed) << to_string(changed.error());
  EXPECT_FALSE(changed->servings_per_day);
  EXPECT_FALSE(changed->third_party_tested);
  ImportedProduct want = dipeptide();
  want.servings_per_day = std::nullopt;
  want.third_party_tested = false;
  expect_same(*changed, want);

  ASSERT_TRUE(repo_->set_use("local", id, 3, true));
  auto got = repo_->get_product("local", id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->servings_per_day, 3.0);
  EXPECT_TRUE(got->third_party_tested);

  auto bad = repo_->set_use("local", id, -1, true);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::invalid_input);
  EXPECT_EQ(bad.error().where, "product/servings_per_day");
  auto missing = repo_->set_use("local", id + 100, -1, true);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found) << "a missing product is reported before its values";
  got = repo_->get_product("local", id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->servings_per_day, 3.0);
}

TEST_P(ProductContractTest, RemovedProductsAreGoneAndTheirIdsNotReused) {
  const ProductId a = save(named("A"));
  const ProductId b = save(named("B"));
  ASSERT_TRUE(repo_->remove_product("local", b));
  EXPECT_EQ(count(), 1u);
  auto gone = repo_->get_product("local", b);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, Errc::not_found);
  auto twice = repo_->remove_product("local", b);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, Errc::not_found);
  EXPECT_EQ(twice.error().where, "product/" + std::to_string(b));

  const ProductId again = save(named("B"));  // the label can be imported again
  EXPECT_GT(again, b);
  EXPECT_NE(again, a);
}

TEST_P(ProductContractTest, BadValuesAreRefusedAndNothingIsSaved) {
  auto no_profile = repo_->save_product("", named("A"));
  ASSERT_FALSE(no_profile);
  EXPECT_EQ(no_profile.error().code, Errc::invalid_input);
  EXPECT_EQ(no_profile.error().where, "profile");

  const auto refused = [&](ImportedProduct p, const std::string& where) {
    auto saved = repo_->save_product("local", p);
    ASSERT_FALSE(saved) << where;
    EXPECT_EQ(saved.error().code, Errc::invalid_input) << where;
    EXPECT_EQ(saved.error().where, where);
  };
  refused(named(""), "product/name");
  ImportedProduct p = named("A");
  p.product.amount_g_per_serving = -1;
  refused(p, "product/amount_g_per_serving");
  p = named("A");
  p.servings_per_day = std::numeric_limits<double>::quiet_NaN();
  refused(p, "product/servings_per_day");
  p = dipeptide();
  p.product.rows[0].fraction = std::numeric_limits<double>::infinity();
  refused(p, "product/rows/0/fraction");
  p = dipeptide();
  p.product.rows[0].amount_g = -0.5;
  refused(p, "product/rows/0/amount_g");
  EXPECT_EQ(count(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Store, ProductContractTest,
    ::testing::Values(ProductStoreFactory{"Memory", [](testing::Places&) { return make_memory_product_repository(); }},
                      ProductStoreFactory{"Sqlite",
                                          [](testing::Places& places) -> std::unique_ptr<ProductRepository> {
                                            auto repo = open_sqlite_products(places.sqlite());
                                            EXPECT_TRUE(repo) << to_string(repo.error());
                                            return repo ? std::move(*repo) : nullptr;
                                          }},
                      ProductStoreFactory{"Postgres",
                                          [](testing::Places& places) -> std::unique_ptr<ProductRepository> {
                                            const std::string uri = places.postgres();
                                            auto repo = open_postgres_products(uri);
                                            EXPECT_TRUE(repo) << to_string(repo.error());
                                            return repo ? std::move(*repo) : nullptr;
                                          }}),
    [](const ::testing::TestParamInfo<ProductStoreFactory>& param) { return param.param.name; });

using testing::raw;

using testing::a_trial;

TEST(ProductSqliteTest, ProductsSurviveReopeningBesideTheTrials) {
  TempDir dir;
  const std::string db = dir.file("trialwise.db");
  ProductId id = 0;
  {
    auto trials = open_sqlite(db);
    ASSERT_TRUE(trials) << to_string(trials.error());
    auto products = open_sqlite_products(db);
    ASSERT_TRUE(products) << to_string(products.error());
    ASSERT_TRUE((*trials)->create_trial("local", a_trial()));
    auto saved = (*products)->save_product("local", dipeptide());
    ASSERT_TRUE(saved) << to_string(saved.error());
    id = saved->id;
  }
  auto products = open_sqlite_products(db);
  ASSERT_TRUE(products) << to_string(products.error());
  auto got = (*products)->get_product("local", id);
  ASSERT_TRUE(got) << to_string(got.error());
  expect_same(*got, dipeptide());
  EXPECT_EQ(raw(db, "PRAGMA user_version"), std::to_string(sqlite_schema_version()));
  EXPECT_EQ(raw(db, "SELECT count(*) FROM trials"), "1");
}

TEST(ProductSqliteTest, MigrationFiveAddsProductsToAnOlderDatabase) {
  TempDir dir;
  const std::string db = dir.file("trialwise.db");
  {
    auto trials = open_sqlite(db);
    ASSERT_TRUE(trials) << to_string(trials.error());
    ASSERT_TRUE((*trials)->create_trial("local", a_trial()));
  }
  // The file as schema 4 left it: no products table (nor migration 6's columns).
  raw(db,
      "DROP TABLE products; ALTER TABLE trials DROP COLUMN pack_text;"
      " ALTER TABLE entries DROP COLUMN other_product; DROP TABLE sign_in_failures; DROP TABLE access_log; DROP TABLE "
      "shares; DROP TABLE "
      "invitations; DROP TABLE sessions; DROP TABLE accounts; PRAGMA user_version = "
      "4");
  ASSERT_EQ(raw(db, "PRAGMA user_version"), "4");
  ASSERT_EQ(raw(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'products'"), "0");

  auto products = open_sqlite_products(db);
  ASSERT_TRUE(products) << to_string(products.error());
  EXPECT_EQ(raw(db, "PRAGMA user_version"), std::to_string(sqlite_schema_version()));
  ASSERT_TRUE((*products)->save_product("local", named("A")));
  EXPECT_EQ(raw(db, "SELECT count(*) FROM trials"), "1") << "the trials are untouched";
}

TEST(ProductSqliteTest, ANewerDatabaseIsRefusedForProductsToo) {
  TempDir dir;
  const std::string db = dir.file("trialwise.db");
  ASSERT_TRUE(open_sqlite(db));
  raw(db, "PRAGMA user_version = " + std::to_string(sqlite_schema_version() + 1));
  auto products = open_sqlite_products(db);
  ASSERT_FALSE(products);
  EXPECT_EQ(products.error().code, Errc::conflict);
}

}  // namespace
}  // namespace trialwise::store

#include "trialwise/service/database.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "trialwise/store/sqlite.hpp"

namespace trialwise::service {
namespace {

namespace fs = std::filesystem;

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tw-database-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

TEST_F(DatabaseTest, OpenCreatesAndLendsConnectionsToTheSameData) {
  auto db = Database::open(path("tw.db"));
  ASSERT_TRUE(db) << to_string(db.error());
  EXPECT_TRUE(db->exists());
  EXPECT_TRUE(fs::exists(path("tw.db")));
  auto one = db->trials();
  auto two = db->trials();
  ASSERT_TRUE(one);
  ASSERT_TRUE(two);
  EXPECT_NE(one->get(), two->get());  // one per thread
  model::Trial t;
  t.start = *Date::parse("2026-12-07", "");
  t.review_date = t.start.plus_days(40);
  t.plan = boost::json::object{};
  auto id = (*one)->create_trial(model::kLocalProfile, t);
  ASSERT_TRUE(id);
  EXPECT_TRUE((*two)->get_trial(model::kLocalProfile, *id));
  auto products = db->products();
  ASSERT_TRUE(products);
  EXPECT_NE(products->get(), nullptr);
}

TEST_F(DatabaseTest, OpenIfExistsCreatesNothing) {
  auto db = Database::open_if_exists(path("absent.db"));
  ASSERT_TRUE(db);
  EXPECT_FALSE(db->exists());
  EXPECT_FALSE(fs::exists(path("absent.db")));
  EXPECT_EQ(db->trials().error().code, Errc::not_found);
  auto products = db->products();
  ASSERT_TRUE(products);
  EXPECT_EQ(products->get(), nullptr);  // no products: a plan counts none
  EXPECT_FALSE(fs::exists(path("absent.db")));

  ASSERT_TRUE(Database::open(path("present.db")));
  auto present = Database::open_if_exists(path("present.db"));
  ASSERT_TRUE(present);
  EXPECT_TRUE(present->exists());
}

TEST_F(DatabaseTest, ABadFileIsRefusedWhenOpened) {
  {
    std::FILE* f = std::fopen(path("notes.txt").c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("not a database, just notes\n", f);
    std::fclose(f);
  }
  auto db = Database::open(path("notes.txt"));
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, Errc::invalid_input);
}

TEST_F(DatabaseTest, BackupAndRestoreGoThroughTheService) {
  ASSERT_TRUE(Database::open(path("tw.db")));
  ASSERT_TRUE(backup_database(path("tw.db"), path("copy.db")));
  EXPECT_EQ(backup_database(path("tw.db"), path("copy.db")).error().code, Errc::conflict);  // never overwritten
  EXPECT_EQ(backup_database(path("none.db"), path("other.db")).error().code, Errc::not_found);
  EXPECT_FALSE(fs::exists(path("none.db")));  // a backup creates nothing
  auto kept = restore_database(path("tw.db"), path("copy.db"));
  ASSERT_TRUE(kept) << to_string(kept.error());
  EXPECT_TRUE(fs::exists(*kept));
}

}  // namespace
}  // namespace trialwise::service

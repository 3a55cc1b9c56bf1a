// What only the SQLite repository has: a file on disk, its permissions and
// mode, refusing files that are not its own, failures of the disk, backup and
// restore, and where the file lives.

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "sqlite_repository.hpp"
#include "raw_sql.hpp"
#include "samples.hpp"
#include "trialwise/test_support/temp_dir.hpp"
#include "trialwise/store/products.hpp"
#include "trialwise/store/sqlite.hpp"

namespace trialwise::store {
namespace {

using test_support::TempDir;

using testing::a_trial;
using testing::an_entry;
using testing::day;

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 0777u;
}

using testing::raw;

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(dir_.path().empty()); }

  // A database with one trial and `days` entries from 2026-03-01; closed again.
  TrialId make_database(int days = 3) {
    auto repo = open_sqlite(db_);
    EXPECT_TRUE(repo) << to_string(repo.error());
    if (!repo) return 0;
    auto id = (*repo)->create_trial("local", a_trial());
    EXPECT_TRUE(id);
    for (int i = 0; i < days; ++i)
      EXPECT_TRUE((*repo)->put_entry("local", *id, an_entry(day("2026-03-01").plus_days(i))));
    return *id;
  }

  std::size_t entry_count(const std::string& path) {
    auto repo = open_sqlite(path);
    EXPECT_TRUE(repo) << to_string(repo.error());
    if (!repo) return 0;
    auto active = (*repo)->active_trial("local");
    if (!active || !*active) return 0;
    auto entries = (*repo)->entries("local", (*active)->id, std::nullopt, std::nullopt);
    return entries ? entries->size() : 0;
  }

  TempDir dir_;
  std::string db_ = dir_.file("trialwise.db");
};

TEST_F(SqliteTest, CreatesPrivateFileAndFolders) {
  const std::string nested = dir_.file("data/trialwise/trialwise.db");
  auto repo = open_sqlite(nested);
  ASSERT_TRUE(repo) << to_string(repo.error());
  ASSERT_TRUE((*repo)->create_trial("local", a_trial()));
  EXPECT_EQ(mode_of(nested), 0600u);
  EXPECT_EQ(mode_of(dir_.file("data")), 0700u);
  EXPECT_EQ(mode_of(dir_.file("data/trialwise")), 0700u);
  ASSERT_TRUE(exists(nested + "-wal"));
  EXPECT_EQ(mode_of(nested + "-wal"), 0600u) << "SQLite gives its side files the database's mode";
}

TEST_F(SqliteTest, UsesWalAndMarksTheFileAsTrialwise) {
  make_database();
  EXPECT_EQ(raw(db_, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw(db_, "PRAGMA application_id"), std::to_string(0x54725769));
  EXPECT_EQ(raw(db_, "PRAGMA user_version"), std::to_string(sqlite_schema_version()));
}

TEST_F(SqliteTest, ReopeningKeepsTheData) {
  const TrialId id = make_database(5);
  auto repo = open_sqlite(db_);
  ASSERT_TRUE(repo);
  auto t = (*repo)->get_trial("local", id);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->product_name, "powder");
  auto entries = (*repo)->entries("local", id, std::nullopt, std::nullopt);
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->size(), 5u);
}

// Migration 6 on a database written before it (schema 5): its trials keep
// no pack (judged by the built-in one) and its days took no other product.
TEST_F(SqliteTest, ASchemaFiveDatabaseMigratesAndReadsAsBefore) {
  const TrialId id = make_database(3);
  raw(db_,
      "ALTER TABLE trials DROP COLUMN pack_text; ALTER TABLE entries DROP COLUMN other_product;"
      " ALTER TABLE products RENAME COLUMN amount_g_per_serving TO glutamine_g_per_serving;"
      " ALTER TABLE products RENAME COLUMN ingredient_rows TO glutamine_rows;"
      " DROP TABLE sign_in_failures; DROP TABLE access_log; DROP TABLE shares; DROP TABLE invitations; DROP TABLE "
      "sessions; DROP TABLE accounts; "
      "PRAGMA user_version = 5");
  ASSERT_EQ(raw(db_, "PRAGMA user_version"), "5");
  auto repo = open_sqlite(db_);
  ASSERT_TRUE(repo) << repo.error().message;
  EXPECT_EQ(raw(db_, "PRAGMA user_version"), std::to_string(sqlite_schema_version()));
  EXPECT_EQ(raw(db_, "SELECT count(*) FROM accounts"), "0") << "migration 8 adds the accounts";
  auto t = (*repo)->get_trial("local", id);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->pack_text.empty());
  auto entries = (*repo)->entries("local", id, std::nullopt, std::nullopt);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 3u);
  for (const auto& e : *entries) EXPECT_FALSE(e.other_product);
}

// A JSON column changed behind the store's back (a score out of range, a
// list of numbers) reads as damaged, with the way out, never as data.
TEST_F(SqliteTest, DamagedJsonColumnsReadAsDamaged) {
  const TrialId id = make_database(1);
  for (const char* change :
       {"UPDATE entries SET side_effects = '{\"bloating\": 11}'", "UPDATE entries SET side_effects = '[2]'",
        "UPDATE entries SET red_flags = '[1]'", "UPDATE entries SET red_flags = '{}'"}) {
    raw(db_, "UPDATE entries SET side_effects = '{\"bloating\": 3}', red_flags = '[]'");
    auto repo = open_sqlite(db_);
    ASSERT_TRUE(repo);
    ASSERT_TRUE((*repo)->entries("local", id, std::nullopt, std::nullopt)) << "clean before: " << change;
    raw(db_, change);
    auto entries = (*repo)->entries("local", id, std::nullopt, std::nullopt);
    ASSERT_FALSE(entries) << change;
    EXPECT_EQ(entries.error().code, Errc::io) << change;
    EXPECT_NE(entries.error().message.find("damaged"), std::string::npos) << entries.error().message;
  }
}

// Migration 7 on a database written before it (schema 6): a product saved
// under the old column names and JSON keys reads back whole, its "may
// contain" flag under the neutral id.
TEST_F(SqliteTest, ASchemaSixProductMigratesToTheNeutralNames) {
  make_database(1);
  {
    auto products = open_sqlite_products(db_);
    ASSERT_TRUE(products) << products.error().message;
    model::ImportedProduct p;
    p.product.name = "Recovery Blend";
    p.product.amount_g_per_serving = 2.5;
    p.product.rows.push_back(
        {"L-Alanyl-L-Glutamine", "/ingredientRows/0", "alanyl_glutamine", 3.716, "g", "", 0.6728, 2.5});
    p.product.flags.push_back({std::string(model::kMayContain), "whey may contain some", "/ingredientRows/1"});
    p.servings_per_day = 2;
    ASSERT_TRUE((*products)->save_product("local", p));
  }
  raw(db_,
      "ALTER TABLE products RENAME COLUMN amount_g_per_serving TO glutamine_g_per_serving;"
      " ALTER TABLE products RENAME COLUMN ingredient_rows TO glutamine_rows;"
      " UPDATE products SET glutamine_rows = replace(replace(glutamine_rows, '\"fraction\":', "
      "'\"glutamine_fraction\":'),"
      " '\"amount_g\":', '\"glutamine_g\":'), flags = replace(flags, '\"may_contain\"', '\"may_contain_glutamine\"');"
      " DROP TABLE sign_in_failures; DROP TABLE access_log; DROP TABLE shares; DROP TABLE invitations; DROP TABLE "
      "sessions; DROP TABLE accounts; "
      "PRAGMA user_version = 6");
  ASSERT_NE(raw(db_, "SELECT glutamine_rows FROM products").find("glutamine_fraction"), std::string::npos);
  auto products = open_sqlite_products(db_);
  ASSERT_TRUE(products) << products.error().message;
  EXPECT_EQ(raw(db_, "PRAGMA user_version"), std::to_string(sqlite_schema_version()));
  auto all = (*products)->list_products("local");
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 1u);
  const auto& got = (*all)[0].product;
  EXPECT_EQ(got.amount_g_per_serving, 2.5);
  ASSERT_EQ(got.rows.size(), 1u);
  EXPECT_EQ(got.rows[0].fraction, 0.6728);
  EXPECT_EQ(got.rows[0].amount_g, 2.5);
  ASSERT_EQ(got.flags.size(), 1u);
  EXPECT_EQ(got.flags[0].id, model::kMayContain);
  EXPECT_EQ(got.flags[0].message, "whey may contain some");
}

TEST_F(SqliteTest, RefusesANewerSchemaWithoutTouchingTheFile) {
  make_database();
  // Out of WAL mode, so that even the switch to WAL would show in the bytes.
  const int newer = sqlite_schema_version() + 1;
  raw(db_, "PRAGMA journal_mode = DELETE; PRAGMA user_version = " + std::to_string(newer));
  ASSERT_EQ(raw(db_, "PRAGMA journal_mode"), "delete");
  const std::string before = read_bytes(db_);

  auto repo = open_sqlite(db_);
  ASSERT_FALSE(repo);
  EXPECT_EQ(repo.error().code, Errc::conflict);
  EXPECT_EQ(repo.error().where, db_);
  EXPECT_NE(repo.error().message.find("newer Trialwise (schema " + std::to_string(newer) + ", this build knows " +
                                      std::to_string(sqlite_schema_version()) + "); not changed"),
            std::string::npos)
      << repo.error().message;
  EXPECT_EQ(read_bytes(db_), before);
  EXPECT_FALSE(exists(db_ + "-wal"));
}

TEST_F(SqliteTest, RefusesAnotherProgramsDatabase) {
  raw(db_, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
  const std::string before = read_bytes(db_);
  auto repo = open_sqlite(db_);
  ASSERT_FALSE(repo);
  EXPECT_EQ(repo.error().code, Errc::invalid_input);
  EXPECT_EQ(repo.error().where, db_);
  EXPECT_NE(repo.error().message.find("not Trialwise"), std::string::npos) << repo.error().message;
  EXPECT_EQ(read_bytes(db_), before);

  const std::string other = dir_.file("other.db");
  raw(other, "PRAGMA application_id = 1234");
  const std::string other_before = read_bytes(other);
  auto refused = open_sqlite(other);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::invalid_input);
  EXPECT_EQ(read_bytes(other), other_before);
}

TEST_F(SqliteTest, RefusesATextFileWithoutTouchingIt) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "date,outcome\n2026-03-01,5\n";
  write_bytes(db_, text);
  auto repo = open_sqlite(db_);
  ASSERT_FALSE(repo);
  EXPECT_EQ(repo.error().code, Errc::invalid_input);
  EXPECT_EQ(repo.error().where, db_);
  EXPECT_NE(repo.error().message.find("not a Trialwise database"), std::string::npos) << repo.error().message;
  EXPECT_EQ(read_bytes(db_), text);
  for (const char* side : {"-wal", "-shm", "-journal"}) EXPECT_FALSE(exists(db_ + side)) << side;
}

// Through the test hook: the connection is opened SQLITE_OPEN_READONLY, which
// is what SQLite does by itself when the file is not writable. Works as root.
TEST_F(SqliteTest, ReadOnlyDatabaseGivesIoErrorAndKeepsTheData) {
  const TrialId id = make_database(2);
  auto repo = detail::open_sqlite(db_, {.read_only = true, .max_page_count = std::nullopt});
  ASSERT_TRUE(repo) << to_string(repo.error());
  auto entries = (*repo)->entries("local", id, std::nullopt, std::nullopt);
  ASSERT_TRUE(entries) << "reading still works";
  EXPECT_EQ(entries->size(), 2u);

  auto saved = (*repo)->put_entry("local", id, an_entry(day("2026-03-01"), 9));
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, Errc::io);
  EXPECT_EQ(saved.error().where, db_);
  EXPECT_NE(saved.error().message.find("the database " + db_ + " is read-only"), std::string::npos)
      << saved.error().message;
  auto ended = (*repo)->end_trial("local", id, day("2026-03-05"), "x");
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().code, Errc::io);
  repo->reset();

  auto again = open_sqlite(db_);
  ASSERT_TRUE(again);
  auto history = (*again)->entry_history("local", id, day("2026-03-01"));
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().outcome, 5);
}

// The real thing: a file with mode 0400 opened by a user who may not write
// it. Root may write anything, so as root the check runs in a child process
// that first becomes the unprivileged user "nobody" (65534).
TEST_F(SqliteTest, ReadOnlyFileGivesIoErrorAndKeepsTheData) {
  const std::string folder = dir_.file("ro");
  ASSERT_EQ(::mkdir(folder.c_str(), 0700), 0);
  const std::string path = folder + "/trialwise.db";
  TrialId id = 0;
  {
    auto repo = open_sqlite(path);
    ASSERT_TRUE(repo);
    auto created = (*repo)->create_trial("local", a_trial());
    ASSERT_TRUE(created);
    id = *created;
    ASSERT_TRUE((*repo)->put_entry("local", id, an_entry(day("2026-03-01"))));
  }
  const bool root = ::geteuid() == 0;
  constexpr uid_t kNobody = 65534;
  if (root) {
    // nobody owns the folder (to create -shm) but may only read the file.
    ASSERT_EQ(::chmod(dir_.path().c_str(), 0711), 0);
    ASSERT_EQ(::chown(folder.c_str(), kNobody, kNobody), 0);
    ASSERT_EQ(::chown(path.c_str(), kNobody, kNobody), 0);
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);

  // 0: refused as read-only, as asked; other codes say what went wrong.
  const auto attempt = [&]() -> int {
    auto repo = open_sqlite(path);
    if (!repo) return 10;
    if (!(*repo)->entries("local", id, std::nullopt, std::nullopt)) return 11;
    auto saved = (*repo)->put_entry("local", id, an_entry(day("2026-03-01"), 9));
    if (saved) return 12;
    if (saved.error().code != Errc::io) return 13;
    if (saved.error().message.find("is read-only") == std::string::npos) return 14;
    return 0;
  };
  int outcome = -1;
  if (!root) {
    outcome = attempt();
  } else {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      if (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) ::_exit(20);
      ::_exit(attempt());
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    outcome = WEXITSTATUS(status);
  }
  EXPECT_EQ(outcome, 0) << "10 open failed, 11 read failed, 12 the write succeeded, 13 wrong code, 14 wrong message, "
                           "20 could not become nobody";

  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  auto repo = open_sqlite(path);
  ASSERT_TRUE(repo);
  auto history = (*repo)->entry_history("local", id, day("2026-03-01"));
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().outcome, 5);
}

// Through the test hook: PRAGMA max_page_count stops the file growing, so
// SQLite fails with SQLITE_FULL just as when write() meets a full disk.
TEST_F(SqliteTest, FullDiskGivesIoErrorAndKeepsEarlierData) {
  const TrialId id = make_database(3);
  auto repo = detail::open_sqlite(db_, {.read_only = false, .max_page_count = 1});
  ASSERT_TRUE(repo) << to_string(repo.error());
  std::vector<Date> saved;
  std::optional<Error> failure;
  Date next = day("2026-03-04");
  for (int i = 0; i < 2000 && !failure; ++i, next = next.plus_days(1)) {
    DayEntry e = an_entry(next, 7);
    e.note = std::string(1500, 'x');
    auto r = (*repo)->put_entry("local", id, e);
    if (r)
      saved.push_back(next);
    else
      failure = r.error();
  }
  ASSERT_TRUE(failure) << "the file never filled up";
  EXPECT_EQ(failure->code, Errc::io);
  EXPECT_EQ(failure->where, db_);
  EXPECT_EQ(failure->message, "the disk is full; nothing was saved (" + db_ + ")");

  // The connection is still usable, and the failed day is absent.
  auto entries = (*repo)->entries("local", id, std::nullopt, std::nullopt);
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->size(), 3 + saved.size());
  repo->reset();

  EXPECT_EQ(raw(db_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(entry_count(db_), 3 + saved.size());
}

TEST_F(SqliteTest, BackupAndRestoreRoundTrip) {
  const TrialId id = make_database(3);
  const std::string backup = dir_.file("backup.db");
  ASSERT_TRUE(backup_sqlite(db_, backup));
  EXPECT_EQ(mode_of(backup), 0600u);
  EXPECT_FALSE(exists(backup + "-wal")) << "a backup is one file";
  EXPECT_EQ(raw(backup, "PRAGMA integrity_check"), "ok");

  auto again = backup_sqlite(db_, backup);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  EXPECT_EQ(again.error().where, backup);

  {  // Changes after the backup.
    auto repo = open_sqlite(db_);
    ASSERT_TRUE(repo);
    ASSERT_TRUE((*repo)->put_entry("local", id, an_entry(day("2026-03-10"))));
  }
  ASSERT_EQ(entry_count(db_), 4u);

  auto kept = restore_sqlite(db_, backup);
  ASSERT_TRUE(kept) << to_string(kept.error());
  EXPECT_TRUE(
      std::regex_match(*kept, std::regex(std::regex_replace(db_, std::regex(R"([.\\/+*?^$()\[\]{}|-])"), R"(\$&)") +
                                         R"(\.before-restore-\d{8}T\d{6}Z)")))
      << *kept;
  EXPECT_EQ(entry_count(db_), 3u) << "the backup's content";
  EXPECT_EQ(entry_count(*kept), 4u) << "the old database kept beside it";
  EXPECT_EQ(mode_of(db_), 0600u);
  EXPECT_EQ(raw(db_, "PRAGMA integrity_check"), "ok");
  EXPECT_TRUE(exists(backup)) << "restoring leaves the backup in place";
}

TEST_F(SqliteTest, RestoreRefusesADamagedBackupAndKeepsTheDatabase) {
  make_database(40);
  const std::string backup = dir_.file("backup.db");
  ASSERT_TRUE(backup_sqlite(db_, backup));
  const std::string whole = read_bytes(backup);
  ASSERT_GT(whole.size(), 8192u);
  const std::string truncated = dir_.file("truncated.db");
  write_bytes(truncated, whole.substr(0, whole.size() / 2));
  const std::string text = dir_.file("notes.txt");
  write_bytes(text, std::string(5000, 'n'));
  const std::string before = read_bytes(db_);

  for (const auto& bad : {truncated, text}) {
    auto kept = restore_sqlite(db_, bad);
    ASSERT_FALSE(kept) << bad;
    EXPECT_EQ(kept.error().code, Errc::invalid_input) << kept.error().message;
    EXPECT_EQ(kept.error().where, bad);
    EXPECT_NE(kept.error().message.find("nothing was changed"), std::string::npos) << kept.error().message;
  }
  auto missing = restore_sqlite(db_, dir_.file("absent.db"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::not_found);

  EXPECT_EQ(read_bytes(db_), before);
  EXPECT_EQ(entry_count(db_), 40u);
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path()))
    EXPECT_EQ(entry.path().string().find(".before-restore-"), std::string::npos) << entry.path();
}

TEST_F(SqliteTest, RestoreRefusesABackupFromANewerTrialwise) {
  make_database(1);
  const std::string backup = dir_.file("backup.db");
  ASSERT_TRUE(backup_sqlite(db_, backup));
  raw(backup, "PRAGMA user_version = " + std::to_string(sqlite_schema_version() + 1));
  auto kept = restore_sqlite(db_, backup);
  ASSERT_FALSE(kept);
  EXPECT_EQ(kept.error().code, Errc::conflict);
  EXPECT_EQ(entry_count(db_), 1u);
}

TEST_F(SqliteTest, RestoreIntoAnEmptyPlaceKeepsNothing) {
  make_database(2);
  const std::string backup = dir_.file("backup.db");
  ASSERT_TRUE(backup_sqlite(db_, backup));
  const std::string fresh = dir_.file("new/trialwise.db");
  auto kept = restore_sqlite(fresh, backup);
  ASSERT_TRUE(kept) << to_string(kept.error());
  EXPECT_EQ(*kept, "");
  EXPECT_EQ(entry_count(fresh), 2u);
}

}  // namespace
}  // namespace trialwise::store

namespace trialwise::store {
namespace {

// The running totals (read for a range that covers every logged day) must
// agree with the index scan (read for any narrower range), whatever order
// days are logged and replaced in.
TEST(SqliteTotalsTest, RunningTotalsAgreeWithTheIndexScan) {
  test_support::TempDir dir;
  auto repo = open_sqlite(dir.file("totals.db"));
  ASSERT_TRUE(repo);
  Trial t;
  t.pack_id = "glutamine";
  t.start = *Date::parse("2026-01-01", "");
  t.active_start = t.start.plus_days(7);
  t.review_date = t.start.plus_days(60);
  t.plan = boost::json::object{};
  auto id = (*repo)->create_trial("local", t);
  ASSERT_TRUE(id);
  unsigned seed = 7;
  auto next = [&seed] { return (seed = seed * 1103515245u + 12345u) >> 16; };
  for (int i = 0; i < 300; ++i) {
    DayEntry e;
    e.date = t.start.plus_days(static_cast<int>(next() % 40));  // backdated and repeated days
    e.outcome = 5;
    if (next() % 4 != 0) e.doses_taken = static_cast<int>(next() % 3);
    ASSERT_TRUE((*repo)->put_entry("local", *id, e));
  }
  auto entries = (*repo)->entries("local", *id, std::nullopt, std::nullopt);
  ASSERT_TRUE(entries);
  double doses = 0;
  for (const auto& e : *entries) doses += e.doses_taken.value_or(0);
  const Date first = entries->front().date, last = entries->back().date;
  auto whole = (*repo)->totals("local", *id, t.start, t.start.plus_days(100));  // running totals
  auto left = (*repo)->totals("local", *id, first, first.plus_days(19));        // scans
  auto right = (*repo)->totals("local", *id, first.plus_days(20), last);
  ASSERT_TRUE(whole && left && right);
  EXPECT_EQ(whole->days, static_cast<int>(entries->size()));
  EXPECT_EQ(whole->doses_taken, doses);
  EXPECT_EQ(left->days + right->days, whole->days);
  EXPECT_EQ(left->doses_taken + right->doses_taken, whole->doses_taken);
}

}  // namespace
}  // namespace trialwise::store

// The store keeps its word under a SIGKILL and under two writers at once,
// on SQLite and on PostgreSQL: every entry a writer reported as saved is
// there afterwards, and an SQLite file passes PRAGMA integrity_check. The
// writer is a separate process (crash_writer.cpp), killed for real.

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fcntl.h>
#include <poll.h>
#include <random>
#include <set>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "places.hpp"
#include "trialwise/store/postgres.hpp"
#include "trialwise/store/sqlite.hpp"
#include "trialwise/test_support/temp_dir.hpp"

extern char** environ;

namespace trialwise::store {
namespace {

using test_support::TempDir;

// A crash_writer process with its stdout on a pipe.
class Writer {
 public:
  Writer(const std::string& db, const std::string& profile, int count) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    std::string exe = TRIALWISE_CRASH_WRITER, n = std::to_string(count);
    std::string db_arg = db, profile_arg = profile;
    char* argv[] = {exe.data(), db_arg.data(), profile_arg.data(), n.data(), nullptr};
    if (posix_spawn(&pid_, exe.c_str(), &actions, nullptr, argv, environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    out_ = fds[0];
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      finish();
    }
    if (out_ >= 0) ::close(out_);
  }

  bool started() const { return pid_ > 0; }
  void kill() { ::kill(pid_, SIGKILL); }

  // Reads stdout until the writer has reported a first saved entry (a whole
  // line); false if it has not within the limit.
  bool await_first_saved(std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    char buf[4096];
    while (output_.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd ready{out_, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
      const ssize_t n = ::read(out_, buf, sizeof buf);
      if (n == 0) return false;  // it stopped
      if (n > 0) output_.append(buf, static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads stdout to its end and waits for the process; returns its status.
  int finish() {
    char buf[4096];
    for (;;) {
      const ssize_t n = ::read(out_, buf, sizeof buf);
      if (n > 0) {
        output_.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

  // The dates it printed: the entries it was told were saved.
  std::vector<std::string> reported() const {
    std::vector<std::string> dates;
    std::size_t at = 0;
    for (std::size_t nl; (nl = output_.find('\n', at)) != std::string::npos; at = nl + 1)
      dates.push_back(output_.substr(at, nl - at));
    return dates;  // a last line without its newline was never flushed whole
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string output_;
};

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  std::string verdict = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
      verdict = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return verdict;
}

std::set<std::string> saved_dates(const std::string& db, const std::string& profile) {
  std::set<std::string> dates;
  auto repo = is_postgres_uri(db) ? open_postgres(db) : open_sqlite(db);
  EXPECT_TRUE(repo) << to_string(repo.error());
  if (!repo) return dates;
  auto active = (*repo)->active_trial(profile);
  EXPECT_TRUE(active);
  if (!active || !*active) return dates;
  auto entries = (*repo)->entries(profile, (*active)->id, std::nullopt, std::nullopt);
  EXPECT_TRUE(entries);
  if (entries)
    for (const auto& e : *entries) dates.insert(e.date.to_string());
  return dates;
}

// The database a test writes to: an SQLite file, or a PostgreSQL schema.
class WritersTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { db_ = GetParam() == "Postgres" ? places_.postgres() : places_.sqlite(); }
  bool sqlite() const { return GetParam() == "Sqlite"; }
  // Where what was saved must be, intact.
  void expect_intact(const std::string& run) {
    if (sqlite()) {
      EXPECT_EQ(integrity(db_), "ok") << run;
    }
  }

  testing::Places places_;
  std::string db_;
};

TEST_P(WritersTest, KilledWriterLosesNoEntryItReportedSaved) {
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(5, 150);
  std::vector<std::string> reported;
  for (int run = 0; run < 30; ++run) {
    Writer writer(db_, "local", 0);
    ASSERT_TRUE(writer.started());
    // Even runs die anywhere, opening and migrating included; odd runs die
    // mid-stream, so some kills land among saves however slow the machine.
    if (run % 2 == 1) {
      ASSERT_TRUE(writer.await_first_saved(std::chrono::seconds(60))) << "run " << run;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    writer.kill();
    const int status = writer.finish();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "run " << run << ": the writer stopped by itself";
    for (auto& d : writer.reported()) reported.push_back(std::move(d));

    if (sqlite() && !std::filesystem::exists(db_)) {
      ASSERT_TRUE(reported.empty()) << "run " << run << ": entries reported saved, yet no database";
      continue;  // killed before it created the file
    }
    expect_intact("run " + std::to_string(run));
    const auto saved = saved_dates(db_, "local");
    for (const auto& d : reported) ASSERT_TRUE(saved.count(d)) << "run " << run << ": " << d << " was reported saved";
  }
  EXPECT_GT(reported.size(), 0u) << "no run got as far as saving an entry";
  EXPECT_EQ(std::set<std::string>(reported.begin(), reported.end()).size(), reported.size())
      << "each run continues after the last saved day";
}

TEST_P(WritersTest, TwoWritersAtOnceLoseNothing) {
  constexpr int kEntries = 300;
  // Both start on a database that does not exist yet (an empty one on
  // PostgreSQL): they also race to create and migrate it.
  Writer alice(db_, "alice", kEntries);
  Writer bob(db_, "bob", kEntries);
  ASSERT_TRUE(alice.started() && bob.started());
  const int alice_status = alice.finish();
  const int bob_status = bob.finish();
  ASSERT_TRUE(WIFEXITED(alice_status) && WEXITSTATUS(alice_status) == 0);
  ASSERT_TRUE(WIFEXITED(bob_status) && WEXITSTATUS(bob_status) == 0);
  EXPECT_EQ(alice.reported().size(), static_cast<std::size_t>(kEntries));
  EXPECT_EQ(bob.reported().size(), static_cast<std::size_t>(kEntries));

  expect_intact("after both");
  for (const auto* writer : {&alice, &bob}) {
    const auto saved = saved_dates(db_, writer == &alice ? "alice" : "bob");
    EXPECT_EQ(saved.size(), static_cast<std::size_t>(kEntries));
    for (const auto& d : writer->reported()) EXPECT_TRUE(saved.count(d)) << d;
  }
}

INSTANTIATE_TEST_SUITE_P(Store, WritersTest, ::testing::Values("Sqlite", "Postgres"),
                         [](const auto& param_info) { return param_info.param; });

TEST(ReliabilityTest, BackupWhileAWriterRunsIsAConsistentSnapshot) {
  TempDir dir;
  const std::string db = dir.file("trialwise.db");
  const std::string copy = dir.file("backup.db");
  Writer writer(db, "local", 1500);
  ASSERT_TRUE(writer.started());
  // Wait until the writer has saved something, then copy mid-stream.
  for (int i = 0; i < 500 && saved_dates(db, "local").size() < 20; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto backed_up = backup_sqlite(db, copy);
  const int status = writer.finish();
  ASSERT_TRUE(backed_up) << to_string(backed_up.error());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  EXPECT_EQ(integrity(copy), "ok");
  const auto reported = writer.reported();
  const auto in_copy = saved_dates(copy, "local");
  EXPECT_GE(in_copy.size(), 20u);
  ASSERT_LE(in_copy.size(), reported.size());
  // A snapshot: exactly the first N entries the writer saved.
  EXPECT_EQ(in_copy,
            std::set<std::string>(reported.begin(), reported.begin() + static_cast<std::ptrdiff_t>(in_copy.size())));
}

}  // namespace
}  // namespace trialwise::store

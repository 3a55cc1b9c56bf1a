// What only the PostgreSQL repositories have: a server that may be away, a
// shared database several processes migrate at once, writers that race on
// one profile, a dropped connection, and URIs with passwords in them.

#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "pg_db.hpp"
#include "pg_errors.hpp"
#include "pg_schema.hpp"
#include "samples.hpp"
#include "trialwise/store/postgres.hpp"
#include "trialwise/store/sqlite.hpp"
#include "trialwise/test_support/postgres.hpp"

namespace trialwise::store {
namespace {

using test_support::TempPostgres;

using testing::a_trial;
using testing::an_entry;
using testing::day;

// The first column of the first row of `sql` in the schema, as text.
std::string value_of(const TempPostgres& pg, const std::string& sql) {
  PGconn* conn = PQconnectdb(pg.uri().c_str());
  std::string out;
  PGresult* r = PQexec(conn, sql.c_str());
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) out = PQgetvalue(r, 0, 0);
  PQclear(r);
  PQfinish(conn);
  return out;
}

TEST(PostgresSqlTest, ParametersAreNumberedDenselyOutsideQuotes) {
  auto sql = detail::postgres_parameters("UPDATE t SET a = ?2, b = '?1', c = \"?9\" WHERE id = ?14 AND x = ?2");
  EXPECT_EQ(sql.text, "UPDATE t SET a = $1, b = '?1', c = \"?9\" WHERE id = $2 AND x = $1");
  EXPECT_EQ(sql.parameters, 2);
  EXPECT_EQ(sql.slot[2], 1);
  EXPECT_EQ(sql.slot[14], 2);
  EXPECT_EQ(sql.slot[1], 0);
}

TEST(PostgresSqlTest, PasswordsNeverReachAMessage) {
  EXPECT_EQ(redacted_uri("postgresql://clinic:s3cret@db.example:5432/trialwise"),
            "postgresql://clinic:***@db.example:5432/trialwise");
  EXPECT_EQ(redacted_uri("postgresql://db.example/trialwise?user=clinic&password=s3cret&sslmode=require"),
            "postgresql://db.example/trialwise?user=clinic&password=***&sslmode=require");
  EXPECT_EQ(redacted_uri("postgresql://clinic@db.example/trialwise"), "postgresql://clinic@db.example/trialwise");
  auto refused = open_postgres("postgresql://clinic:s3cret@/trialwise?host=/nonexistent-folder");
  ASSERT_FALSE(refused);
  EXPECT_EQ(to_string(refused.error()).find("s3cret"), std::string::npos) << to_string(refused.error());
}

TEST(PostgresSqlTest, ServerFailuresMapToWhatTheUserCanDo) {
  EXPECT_EQ(detail::pg_error("", "connection refused", "db").code, Errc::unavailable);
  EXPECT_EQ(detail::pg_error("57P01", "terminating connection", "db").code, Errc::unavailable);
  EXPECT_EQ(detail::pg_error("08006", "connection failure", "db").code, Errc::unavailable);
  EXPECT_EQ(detail::pg_error("23505", "duplicate key", "db").code, Errc::conflict);
  EXPECT_EQ(detail::pg_error("25006", "read-only transaction", "db").code, Errc::io);
  EXPECT_EQ(detail::pg_error("53100", "disk full", "db").code, Errc::io);
  EXPECT_EQ(detail::pg_error("42P01", "no such table", "db").code, Errc::internal);
  EXPECT_TRUE(detail::pg_asks_retry("40001"));
  EXPECT_TRUE(detail::pg_asks_retry("40P01"));
  EXPECT_FALSE(detail::pg_asks_retry("23505"));
}

TEST(PostgresTest, AServerThatIsNotThereIsUnavailableNotABug) {
  auto repo = open_postgres("postgresql:///trialwise?host=/nonexistent-folder&port=5432");
  ASSERT_FALSE(repo);
  EXPECT_EQ(repo.error().code, Errc::unavailable);
  EXPECT_NE(repo.error().message.find("try again"), std::string::npos);
}

TEST(PostgresTest, AMalformedUriIsBadInput) {
  auto repo = open_postgres("postgresql://host/db?no_such_option=1");
  ASSERT_FALSE(repo);
  EXPECT_EQ(repo.error().code, Errc::invalid_input);
  EXPECT_EQ(repo.error().where, "--db");
}

TEST(PostgresTest, AnEmptyDatabaseGetsTheSameSchemaVersionAsSqlite) {
  TempPostgres pg;
  ASSERT_EQ(pg.error(), "");
  auto before = postgres_schema_version(pg.uri());
  ASSERT_TRUE(before) << to_string(before.error());
  EXPECT_EQ(*before, 0);
  ASSERT_TRUE(open_postgres(pg.uri()));
  EXPECT_EQ(*postgres_schema_version(pg.uri()), sqlite_schema_version());
  EXPECT_EQ(detail::pg_target_version(), sqlite_schema_version());
}

TEST(PostgresTest, RefusesANewerSchemaWithoutTouchingIt) {
  TempPostgres pg;
  ASSERT_EQ(pg.error(), "");
  {
    auto repo = open_postgres(pg.uri());
    ASSERT_TRUE(repo);
    ASSERT_TRUE((*repo)->create_trial("local", a_trial()));
  }
  ASSERT_EQ(pg.run("UPDATE trialwise_schema SET version = 99"), "");
  auto refused = open_postgres(pg.uri());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::conflict);
  EXPECT_NE(refused.error().message.find("newer Trialwise (schema 99"), std::string::npos);
  EXPECT_EQ(value_of(pg, "SELECT version FROM trialwise_schema"), "99");
  EXPECT_EQ(value_of(pg, "SELECT count(*) FROM trials"), "1");
}

TEST(PostgresTest, RefusesAnotherProgramsDatabaseWithoutTouchingIt) {
  TempPostgres pg;
  ASSERT_EQ(pg.error(), "");
  ASSERT_EQ(pg.run("CREATE TABLE patients (id int); INSERT INTO patients VALUES (7)"), "");
  auto refused = open_postgres_accounts(pg.uri());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::invalid_input);
  EXPECT_EQ(value_of(pg, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"), "1");
}

TEST(PostgresTest, ServersStartingTogetherMigrateOnce) {
  TempPostgres pg;
  ASSERT_EQ(pg.error(), "");
  std::vector<std::thread> servers;
  std::vector<int> opened(6, 0);
  for (std::size_t i = 0; i < opened.size(); ++i)
    servers.emplace_back([&, i] { opened[i] = open_postgres(pg.uri()).has_value() ? 1 : 0; });
  for (auto& t : servers) t.join();
  for (std::size_t i = 0; i < opened.size(); ++i) EXPECT_EQ(opened[i], 1) << "server " << i;
  EXPECT_EQ(value_of(pg, "SELECT count(*) FROM trialwise_schema"), "1");
}

TEST(PostgresTest, RacingWritersKeepOneTrialAtATime) {
  TempPostgres pg;
  ASSERT_EQ(pg.error(), "");
  ASSERT_TRUE(open_postgres(pg.uri()));
  constexpr int kWriters = 6;
  std::vector<std::thread> writers;
  std::vector<Errc> outcome(kWriters, Errc::internal);
  std::vector<int> created(kWriters, 0);
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      auto repo = open_postgres(pg.uri());
      if (!repo) return;
      auto id = (*repo)->create_trial("local", a_trial());
      if (id)
        created[static_cast<std::size_t>(i)] = 1;
      else
        outcome[static_cast<std::size_t>(i)] = id.error().code;
    });
  for (auto& t : writers) t.join();
  int made = 0;
  for (int i = 0; i < kWriters; ++i) {
    made += created[static_cast<std::size_t>(i)];
    if (!created[static_cast<std::size_t>(i)]) {
      EXPECT_EQ(outcome[static_cast<std::size_t>(i)], Errc::conflict);
    }
  }
  EXPECT_EQ(made, 1);
  EXPECT_EQ(value_of(pg, "SELECT count(*) FROM trials WHERE ended_on IS NULL"), "1");
}

TEST(PostgresTest, RacingWritesOfOneDayKeepEveryVersion) {
  TempPostgres pg;
  ASSERT_EQ(pg.error(), "");
  auto first = open_postgres(pg.uri());
  ASSERT_TRUE(first);
  auto id = (*first)->create_trial("local", a_trial());
  ASSERT_TRUE(id);
  constexpr int kWriters = 4, kEach = 10;
  std::vector<std::thread> writers;
  std::vector<int> saved(kWriters, 0);
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      auto repo = open_postgres(pg.uri());
      if (!repo) return;
      for (int n = 0; n < kEach; ++n) {
        auto put = (*repo)->put_entry("local", *id, an_entry(day("2026-03-02"), i));
        if (put)
          ++saved[static_cast<std::size_t>(i)];
        else
          ADD_FAILURE() << to_string(put.error());
      }
    });
  for (auto& t : writers) t.join();
  for (int i = 0; i < kWriters; ++i) EXPECT_EQ(saved[static_cast<std::size_t>(i)], kEach) << "writer " << i;
  auto history = (*first)->entry_history("local", *id, day("2026-03-02"));
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), static_cast<std::size_t>(kWriters * kEach));
  for (std::size_t v = 0; v < history->size(); ++v) EXPECT_EQ((*history)[v].version, static_cast<int>(v) + 1);
  auto totals = (*first)->totals("local", *id, day("2026-03-01"), day("2026-03-31"));
  ASSERT_TRUE(totals);
  EXPECT_EQ(totals->days, 1);
}

TEST(PostgresTest, ADroppedConnectionIsOpenedAgainForTheNextCall) {
  TempPostgres pg;
  ASSERT_EQ(pg.error(), "");
  auto repo = open_postgres(pg.uri());
  ASSERT_TRUE(repo);
  auto id = (*repo)->create_trial("local", a_trial());
  ASSERT_TRUE(id);
  // What a server restart or a fail-over does to a connection (this test's
  // own: other tests run beside it on the same server).
  ASSERT_EQ(test_support::postgres_admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                         " WHERE application_name = '" +
                                         pg.schema() + "'"),
            "");
  auto lost = (*repo)->put_entry("local", *id, an_entry(day("2026-03-02")));
  // The call that meets the dead connection may fail (503 to a client), but
  // never as a bug, and the one after it is served.
  if (!lost) {
    EXPECT_EQ(lost.error().code, Errc::unavailable) << to_string(lost.error());
  }
  auto again = (*repo)->put_entry("local", *id, an_entry(day("2026-03-03")));
  ASSERT_TRUE(again) << to_string(again.error());
  auto days = (*repo)->entries("local", *id, std::nullopt, std::nullopt);
  ASSERT_TRUE(days);
  EXPECT_EQ(days->size(), lost ? 2u : 1u);
}

}  // namespace
}  // namespace trialwise::store

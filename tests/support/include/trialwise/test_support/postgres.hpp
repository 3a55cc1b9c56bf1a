#pragma once

// A database of its own for one test, on the PostgreSQL server the test run
// started (tests/support/postgres/server.sh, a CTest fixture): a new schema,
// dropped afterwards, and the URI that puts Trialwise in it. A test that
// needs PostgreSQL and finds no server fails; it never skips.

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <string>

namespace trialwise::test_support {

/// The admin URI of the test server, or "" (with `why` set) when there is none.
inline std::string postgres_admin_uri(std::string* why = nullptr) {
  const char* dir = std::getenv("TRIALWISE_TEST_POSTGRES");
  if (dir == nullptr) {
    if (why) *why = "TRIALWISE_TEST_POSTGRES is not set: run the test through ctest, which starts the server";
    return "";
  }
  std::ifstream in(std::string(dir) + "/admin-uri");
  std::string uri;
  std::getline(in, uri);
  if (uri.empty() && why) *why = std::string("no PostgreSQL test server: ") + dir + "/admin-uri is missing";
  return uri;
}

/// Runs `sql` on the test server as its superuser; returns libpq's error, or "".
inline std::string postgres_admin(const std::string& sql) {
  std::string why;
  const std::string uri = postgres_admin_uri(&why);
  if (uri.empty()) return why;
  PGconn* conn = PQconnectdb(uri.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(conn);
  return error;
}

/// A schema of its own on the test server for as long as it lives.
class TempPostgres {
 public:
  TempPostgres() {
    static std::atomic<int> count{0};
    schema_ = "t" + std::to_string(::getpid()) + "_" + std::to_string(count++);
    std::string admin = postgres_admin_uri(&error_);
    if (admin.empty()) return;
    error_ = postgres_admin("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
    if (!error_.empty()) return;
    // Its own application_name too, so a test can find its own connections.
    uri_ = admin + "&options=-c%20search_path%3D" + schema_ + "&application_name=" + schema_;
  }
  TempPostgres(const TempPostgres&) = delete;
  TempPostgres& operator=(const TempPostgres&) = delete;
  ~TempPostgres() {
    if (!uri_.empty()) postgres_admin("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  /// The URI of this schema ("" when the server could not be used; see error()).
  const std::string& uri() const { return uri_; }
  const std::string& error() const { return error_; }
  const std::string& schema() const { return schema_; }

  /// Runs `sql` in this schema as the superuser (to inspect or tamper); libpq's error or "".
  std::string run(const std::string& sql) const { return postgres_admin("SET search_path TO " + schema_ + "; " + sql); }

 private:
  std::string schema_;
  std::string uri_;
  std::string error_;
};

}  // namespace trialwise::test_support

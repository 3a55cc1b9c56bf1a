#pragma once

// Where a contract test's repository keeps its data: a temporary folder (the
// SQLite file) and, made only when asked for, a schema of its own on the test
// run's PostgreSQL server.

#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <string>

#include "trialwise/test_support/postgres.hpp"
#include "trialwise/test_support/temp_dir.hpp"

namespace trialwise::store::testing {

/// Whether `s` is a UTC time as the stores write them (2026-03-01T08:00:00Z).
inline bool is_utc_time(const std::string& s) {
  return std::regex_match(s, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"));
}

struct Places {
  test_support::TempDir dir;
  std::optional<test_support::TempPostgres> pg;

  std::string sqlite() const { return dir.file("trialwise.db"); }

  /// The URI of this test's PostgreSQL schema; fails the test (never skips
  /// it) when the server is not there.
  std::string postgres() {
    if (!pg) pg.emplace();
    EXPECT_EQ(pg->error(), "") << "the PostgreSQL test server is needed";
    return pg->uri();
  }
};

}  // namespace trialwise::store::testing

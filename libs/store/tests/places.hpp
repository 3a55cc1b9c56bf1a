#pragma once

// Where a contract test's repository keeps its data: a temporary folder (the
// SQLite file) and, made only when asked for, a schema of its own on the test
// run's PostgreSQL server.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "trialwise/test_support/postgres.hpp"
#include "trialwise/test_support/temp_dir.hpp"

namespace trialwise::store::testing {

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

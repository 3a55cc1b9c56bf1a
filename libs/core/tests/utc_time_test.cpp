#include "trialwise/core/utc_time.hpp"

#include <gtest/gtest.h>

namespace trialwise {
namespace {

TEST(UtcTimeTest, WritesAndReadsBackToTheSecond) {
  const auto t = parse_utc_iso8601("2026-12-05T10:11:12Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(utc_iso8601(*t), "2026-12-05T10:11:12Z");
  EXPECT_EQ(utc_iso8601(*t + std::chrono::milliseconds(999)), "2026-12-05T10:11:12Z");
  EXPECT_EQ(utc_compact(*t), "20261205T101112Z");
  EXPECT_FALSE(parse_utc_iso8601("2026-12-05 10:11:12"));
  EXPECT_FALSE(parse_utc_iso8601("2026-02-30T10:11:12Z"));
  EXPECT_FALSE(parse_utc_iso8601("2026-12-05T24:00:00Z"));
  EXPECT_FALSE(parse_utc_iso8601("2026-12-05T10:11:12"));
}

}  // namespace
}  // namespace trialwise

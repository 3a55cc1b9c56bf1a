#include "trialwise/core/date.hpp"

#include <gtest/gtest.h>

namespace trialwise {
namespace {

TEST(DateTest, ParsesFormatsAndCounts) {
  auto d = Date::parse("2026-02-27", "--start");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->to_string(), "2026-02-27");
  EXPECT_EQ(d->plus_days(2).to_string(), "2026-03-01");
  EXPECT_EQ(d->plus_days(365).to_string(), "2027-02-27");
  EXPECT_EQ(d->plus_days(2).days_since(*d), 2);
  EXPECT_LT(*d, d->plus_days(1));
}

TEST(DateTest, RefusesImpossibleOrMalformedDates) {
  for (const char* text : {"2026-02-30", "2026-13-01", "26-01-01", "2026/01/01", "2026-1-1", "", "2026-01-01T00"}) {
    auto d = Date::parse(text, "--start");
    ASSERT_FALSE(d) << text;
    EXPECT_EQ(d.error().code, Errc::invalid_input);
    EXPECT_EQ(d.error().where, "--start");
  }
  EXPECT_TRUE(Date::parse("2028-02-29", "x")) << "a leap day";
}

}  // namespace
}  // namespace trialwise

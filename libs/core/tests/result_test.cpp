#include "trialwise/core/result.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace trialwise {
namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return Unexpected{invalid_input("digit", "not a digit")};
  return c - '0';
}

TEST(ResultTest, HoldsValueOnSuccess) {
  auto r = parse_digit('7');
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(*r, 7);
  EXPECT_EQ(r.value_or(-1), 7);
}

TEST(ResultTest, HoldsErrorOnFailure) {
  auto r = parse_digit('x');
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, Errc::invalid_input);
  EXPECT_EQ(r.error().where, "digit");
  EXPECT_EQ(r.value_or(-1), -1);
}

TEST(ResultTest, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(3);
  std::unique_ptr<int> p = std::move(r).value();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(*p, 3);
}

TEST(ResultTest, VoidResultReportsError) {
  Result<void> ok;
  EXPECT_TRUE(ok.has_value());
  Result<void> bad = Unexpected{limit_reached("rule", "too deep")};
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, Errc::limit);
  EXPECT_EQ(to_string(bad.error()), "rule: too deep");
}

TEST(ErrorTest, RendersWithoutEmptyWhere) {
  EXPECT_EQ(to_string(Error{Errc::io, "disk full", ""}), "disk full");
  EXPECT_STREQ(to_string(Errc::invalid_input), "invalid_input");
}

}  // namespace
}  // namespace trialwise

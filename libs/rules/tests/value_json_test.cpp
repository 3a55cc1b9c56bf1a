#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cmath>
#include <limits>

#include "trialwise/rules/value_json.hpp"

namespace trialwise::rules {
namespace {

TEST(ValueJsonTest, WritesAsJsonStringify) {
  EXPECT_EQ(to_json_text(Value::number(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(to_json_text(Value::number(0.1 + 0.2)), "0.30000000000000004");
  EXPECT_EQ(to_json_text(Value::string("é😀\n")), "\"é😀\\n\"");
  const Value items[] = {Value::number(1), Value::null(), Value::boolean(true)};
  EXPECT_EQ(to_json_text(Value::array(items, 3)), "[1,null,true]");
}

TEST(ValueJsonTest, CopiesOutIntegersAsInt64AndNonFiniteAsNull) {
  EXPECT_TRUE(to_boost_json(Value::number(3)).is_int64());
  EXPECT_TRUE(to_boost_json(Value::number(2.5)).is_double());
  EXPECT_TRUE(to_boost_json(Value::number(std::nan(""))).is_null());
}

// An object borrowed on its own (a list entry checked in place) reads as the
// same object held in a value.
TEST(ValueJsonTest, BorrowsABareObjectAsItsValue) {
  const boost::json::value held = boost::json::parse(R"({"name": "Glutamine", "g": 5})");
  const Value bare = Value::from_json(held.get_object());
  EXPECT_EQ(bare.kind(), Kind::object);
  EXPECT_EQ(bare.size(), 2u);
  EXPECT_EQ(to_json_text(bare), to_json_text(Value::from_json(held)));
  EXPECT_EQ(bare.find("g")->as_number(), 5);
}

}  // namespace
}  // namespace trialwise::rules

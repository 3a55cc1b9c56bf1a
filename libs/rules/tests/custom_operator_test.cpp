#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <stdexcept>

#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

namespace trialwise::rules {
namespace {

OperatorFn twice() {
  return [](std::span<const Value> args, Scratch&) -> Result<Value> {
    if (!args[0].is_number()) return Unexpected{invalid_input("", "twice needs a number")};
    return Value::number(args[0].as_number() * 2);
  };
}

TEST(CustomOperatorTest, RegisteredOperatorEvaluatesWithEvaluatedArguments) {
  Engine engine;
  ASSERT_TRUE(engine.add_operator("twice", {1, 1}, twice()));
  auto rule = engine.compile_text(R"({"twice": {"+": [{"var": "a"}, 1]}})");
  ASSERT_TRUE(rule);
  auto result = rule->evaluate(boost::json::parse(R"({"a": 4})"));
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, boost::json::value(10));
}

TEST(CustomOperatorTest, ProducesStringsAndArraysFromScratch) {
  Engine engine;
  ASSERT_TRUE(engine.add_operator("pair", {2, 2}, [](std::span<const Value> args, Scratch& s) -> Result<Value> {
    Value* items = s.make_array(2);
    if (!items) return Unexpected{limit_reached("", "no memory")};
    items[0] = s.make_string("first");
    items[1] = args[1];
    return Value::array(items, 2);
  }));
  auto rule = engine.compile_text(R"({"pair": [0, "x"]})");
  ASSERT_TRUE(rule);
  auto result = rule->evaluate(boost::json::value());
  ASSERT_TRUE(result);
  EXPECT_EQ(json::to_text(*result), R"(["first","x"])");
}

TEST(CustomOperatorTest, ArityIsCheckedAtCompileTime) {
  Engine engine;
  ASSERT_TRUE(engine.add_operator("twice", {1, 1}, twice()));
  auto rule = engine.compile_text(R"({"and": [{"twice": [1, 2]}]})");
  ASSERT_FALSE(rule);
  EXPECT_EQ(rule.error().where, "/and/0");
}

TEST(CustomOperatorTest, ErrorsAndExceptionsCarryTheOperatorPointer) {
  Engine engine;
  ASSERT_TRUE(engine.add_operator("twice", {1, 1}, twice()));
  ASSERT_TRUE(engine.add_operator(
      "boom", {0, 0}, [](std::span<const Value>, Scratch&) -> Result<Value> { throw std::runtime_error("kaput"); }));
  auto bad = engine.compile_text(R"({"if": [true, {"twice": "x"}]})")->evaluate(boost::json::value());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "/if/1");
  EXPECT_EQ(bad.error().message, "twice needs a number");

  auto thrown = engine.compile_text(R"({"or": [false, {"boom": []}]})")->evaluate(boost::json::value());
  ASSERT_FALSE(thrown);
  EXPECT_EQ(thrown.error().code, Errc::internal);
  EXPECT_EQ(thrown.error().where, "/or/1");
  EXPECT_NE(thrown.error().message.find("kaput"), std::string::npos);
}

TEST(CustomOperatorTest, RefusesBadRegistrations) {
  Engine engine;
  EXPECT_FALSE(engine.add_operator("", {}, twice()));
  auto std_clash = engine.add_operator("var", {}, twice());
  ASSERT_FALSE(std_clash);
  EXPECT_EQ(std_clash.error().code, Errc::invalid_input);
  EXPECT_TRUE(engine.add_operator("twice", {1, 1}, twice()));
  EXPECT_FALSE(engine.add_operator("twice", {1, 1}, twice()));
  EXPECT_FALSE(engine.add_operator("inverted", {3, 1}, twice()));
  EXPECT_FALSE(engine.add_operator("empty", {0, 1}, OperatorFn{}));
}

TEST(CustomOperatorTest, CompiledRuleKeepsOperatorAfterEngineIsGone) {
  std::optional<Rule> rule;
  {
    Engine engine;
    ASSERT_TRUE(engine.add_operator("twice", {1, 1}, twice()));
    rule = *engine.compile_text(R"({"twice": 21})");
  }
  auto result = rule->evaluate(boost::json::value());
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, boost::json::value(42));
}

}  // namespace
}  // namespace trialwise::rules

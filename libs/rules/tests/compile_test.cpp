#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <string>

#include "trialwise/rules/engine.hpp"

namespace trialwise::rules {
namespace {

Error compile_error(std::string_view rule_json) {
  Engine engine;
  auto rule = engine.compile_text(rule_json);
  EXPECT_FALSE(rule.has_value()) << rule_json << " compiled but should not";
  return rule ? Error{} : rule.error();
}

TEST(CompileTest, RejectsUnknownOperatorWithItsPointer) {
  const Error e = compile_error(R"({"and": [true, {"frobnicate": [1]}]})");
  EXPECT_EQ(e.code, Errc::invalid_input);
  EXPECT_EQ(e.where, "/and/1");
  EXPECT_NE(e.message.find("frobnicate"), std::string::npos);
}

TEST(CompileTest, RejectsWrongArityAtTheOperation) {
  const Error e = compile_error(R"({"if": [{"var": "x"}, {"==": [1, 2, 3]}, false]})");
  EXPECT_EQ(e.code, Errc::invalid_input);
  EXPECT_EQ(e.where, "/if/1");
  EXPECT_NE(e.message.find("exactly 2 arguments"), std::string::npos) << e.message;
}

TEST(CompileTest, AppliesEachOperatorsArityBounds) {
  Engine engine;
  EXPECT_TRUE(engine.compile_text(R"({"<": [1, 2, 3]})"));
  EXPECT_FALSE(engine.compile_text(R"({"<": [1, 2, 3, 4]})"));
  EXPECT_FALSE(engine.compile_text(R"({">": [1, 2, 3]})"));
  EXPECT_TRUE(engine.compile_text(R"({"-": [1]})"));
  EXPECT_FALSE(engine.compile_text(R"({"-": []})"));
  EXPECT_TRUE(engine.compile_text(R"({"reduce": [[1], {"var": "current"}]})"));
  EXPECT_FALSE(engine.compile_text(R"({"map": [[1]]})"));
  EXPECT_FALSE(engine.compile_text(R"({"and": []})"));
  EXPECT_TRUE(engine.compile_text(R"({"if": []})"));
  EXPECT_FALSE(engine.compile_text(R"({"var": ["a", 1, 2]})"));
}

TEST(CompileTest, UnaryShorthandCountsAsOneArgument) {
  Engine engine;
  EXPECT_TRUE(engine.compile_text(R"({"!": true})"));
  const Error e = compile_error(R"({"==": 1})");
  EXPECT_EQ(e.where, "");
  EXPECT_NE(e.message.find("not 1"), std::string::npos);
}

TEST(CompileTest, RejectsObjectsThatAreNotOneOperation) {
  Error e = compile_error(R"({"or": [{"var": "a", "default": 1}]})");
  EXPECT_EQ(e.code, Errc::invalid_input);
  EXPECT_EQ(e.where, "/or/0");
  EXPECT_NE(e.message.find("\"default\""), std::string::npos);
  e = compile_error(R"([1, {}])");
  EXPECT_EQ(e.where, "/1");
}

TEST(CompileTest, EscapesPointerTokens) {
  const Error e = compile_error(R"({"cat": [{"a/b~c": 1}]})");
  EXPECT_EQ(e.where, "/cat/0");
  Engine engine;
  auto set = engine.compile_set(boost::json::parse(R"([true, {"in": [1, {"x/y": 2}]}])"));
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().where, "/1/in/1");
}

TEST(CompileTest, BoundsNestingDepthWithAClearError) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += R"({"!":)";
  deep += "true";
  deep.append(300, '}');
  const Error e = compile_error(deep);
  EXPECT_EQ(e.code, Errc::limit);
  EXPECT_NE(e.message.find("256"), std::string::npos);
  EXPECT_EQ(e.where.substr(0, 6), "/!/!/!");
}

TEST(CompileTest, AcceptsNestingUpToTheLimit) {
  std::string deep;
  for (int i = 0; i < kMaxRuleDepth - 1; ++i) deep += R"({"!":)";
  deep += "true";
  deep.append(kMaxRuleDepth - 1, '}');
  Engine engine;
  auto rule = engine.compile_text(deep);
  ASSERT_TRUE(rule) << to_string(rule.error());
  auto result = rule->evaluate(boost::json::value());
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, boost::json::value((kMaxRuleDepth - 1) % 2 == 0));
}

TEST(CompileTest, ReportsJsonSyntaxErrorsByLineAndColumn) {
  const Error e = compile_error("{\"==\": [1,\n  2,,]}");
  EXPECT_EQ(e.code, Errc::invalid_input);
  EXPECT_EQ(e.where, "line 2, column 5");
}

TEST(CompileTest, RejectsEmptyText) {
  const Error e = compile_error("   ");
  EXPECT_EQ(e.code, Errc::invalid_input);
  EXPECT_NE(e.message.find("empty"), std::string::npos);
}

TEST(CompileTest, CompileSetNeedsAnArray) {
  Engine engine;
  auto set = engine.compile_set(boost::json::parse(R"({"var": "a"})"));
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, Errc::invalid_input);
}

}  // namespace
}  // namespace trialwise::rules

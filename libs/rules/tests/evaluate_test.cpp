#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <string>

#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

namespace trialwise::rules {
namespace {

std::string eval_text(std::string_view rule_json, std::string_view data_json) {
  Engine engine;
  auto rule = engine.compile_text(rule_json);
  if (!rule) return "compile error: " + to_string(rule.error());
  Scratch scratch;
  auto data = boost::json::parse(data_json);
  auto result = rule->evaluate(data, scratch);
  if (!result) return "error: " + to_string(result.error());
  return to_json_text(*result);
}

TEST(EvaluateTest, ReadsSlotsAndScopedPathsAlike) {
  const char* data = R"({"age": 40, "supplements": [{"g": 5, "n": 2}, {"g": 1.5, "n": 1}]})";
  EXPECT_EQ(eval_text(R"({">=": [{"var": "age"}, 18]})", data), "true");
  EXPECT_EQ(eval_text(R"({"reduce": [{"var": "supplements"},
      {"+": [{"var": "accumulator"}, {"*": [{"var": "current.g"}, {"var": "current.n"}]}]}, 0]})",
                      data),
            "11.5");
  EXPECT_EQ(eval_text(R"({"some": [{"var": "supplements"}, {">": [{"var": "g"}, 4]}]})", data), "true");
  EXPECT_EQ(eval_text(R"({"map": [{"var": "supplements"}, {"var": "age"}]})", data), "[null,null]")
      << "inside map, var reads the element, not the top-level data";
}

TEST(EvaluateTest, FusedComparisonFallsBackForNonNumbers) {
  EXPECT_EQ(eval_text(R"({">": [{"var": "x"}, 1]})", R"({"x": "2"})"), "true");
  EXPECT_EQ(eval_text(R"({">": [{"var": "x"}, 1]})", R"({"x": null})"), "false");
  EXPECT_EQ(eval_text(R"({"==": [{"var": "x"}, 0]})", R"({"x": ""})"), "true");
  EXPECT_EQ(eval_text(R"({"===": [{"var": "x"}, 0]})", R"({"x": ""})"), "false");
  EXPECT_EQ(eval_text(R"({"<": [{"var": "x"}, 1]})", R"({})"), "true") << "missing reads as null, null < 1";
  EXPECT_EQ(eval_text(R"({"!=": [{"var": "x"}, 1]})", R"({"x": 1})"), "false");
}

TEST(EvaluateTest, SameDataArrayKeepsIdentity) {
  EXPECT_EQ(eval_text(R"({"===": [{"var": "a"}, {"var": "a"}]})", R"({"a": [1]})"), "true");
  EXPECT_EQ(eval_text(R"({"==": [{"var": "a"}, {"var": "b"}]})", R"({"a": [1], "b": [1]})"), "false");
  EXPECT_EQ(eval_text(R"({"===": [{"map": [[], {"var": ""}]}, {"map": [[], {"var": ""}]}]})", "{}"), "false");
}

TEST(EvaluateTest, NestedCatKeepsOuterText) {
  EXPECT_EQ(eval_text(R"({"cat": ["a", {"cat": ["b", {"cat": ["c", 1]}]}, "d"]})", "{}"), R"("abc1d")");
  EXPECT_EQ(eval_text(R"({"cat": ["<", {"substr": [12345, 1, 2]}, ">"]})", "{}"), R"("<23>")");
}

TEST(EvaluateTest, StopsAtTheMemoryLimitWithAClearError) {
  Engine engine;
  // Each step doubles the string: 2^40 bytes if nothing stopped it.
  std::string rule = R"({"reduce": [{"var": "xs"}, {"cat": [{"var": "accumulator"}, {"var": "accumulator"}]}, "ab"]})";
  auto compiled = engine.compile_text(rule);
  ASSERT_TRUE(compiled);
  boost::json::array xs(40, 0);
  boost::json::object data{{"xs", xs}};
  Scratch scratch(1 << 20);
  auto result = compiled->evaluate(data, scratch);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::limit);
  EXPECT_EQ(result.error().where, "/reduce/1");
  // The same scratch works again afterwards.
  auto again = engine.compile_text(R"({"cat": ["o", "k"]})")->evaluate(data, scratch);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->as_string(), "ok");
}

TEST(EvaluateTest, RuleSetSharesLookupsAcrossRules) {
  Engine engine;
  auto set = engine.compile_set(boost::json::parse(
      R"([{"var": "a"}, {"+": [{"var": "a"}, {"var": "b.c"}]}, {"missing": ["a", "z"]}, {"var": ["q", "d"]}])"));
  ASSERT_TRUE(set);
  EXPECT_EQ(set->size(), 4u);
  Scratch scratch;
  std::vector<Value> out;
  auto data = boost::json::parse(R"({"a": 2, "b": {"c": 3}})");
  ASSERT_TRUE(set->evaluate_all(data, scratch, out));
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(to_json_text(out[0]), "2");
  EXPECT_EQ(to_json_text(out[1]), "5");
  EXPECT_EQ(to_json_text(out[2]), R"(["z"])");
  EXPECT_EQ(to_json_text(out[3]), R"("d")");
}

TEST(EvaluateTest, CompiledRuleOutlivesEngineAndIsReusable) {
  std::optional<Rule> rule;
  {
    Engine engine;
    auto r = engine.compile_text(R"({"in": [{"var": "p"}, ["gut_symptoms", "heavy_training"]]})");
    ASSERT_TRUE(r);
    rule = *r;
  }
  Scratch scratch;
  for (int i = 0; i < 3; ++i) {
    auto yes = rule->evaluate(boost::json::parse(R"({"p": "gut_symptoms"})"));
    ASSERT_TRUE(yes);
    EXPECT_EQ(*yes, boost::json::value(true));
    auto no = rule->evaluate(boost::json::parse(R"({"p": "fewer_colds"})"), scratch);
    ASSERT_TRUE(no);
    EXPECT_FALSE(no->as_bool());
  }
}

TEST(EvaluateTest, LogPassesItsValueToTheSink) {
  Engine engine;
  std::string seen;
  engine.set_log_sink([&](std::string_view text) { seen += text; });
  auto rule = engine.compile_text(R"({"log": {"+": [1, 2]}})");
  ASSERT_TRUE(rule);
  auto result = rule->evaluate(boost::json::value());
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, boost::json::value(3));
  EXPECT_EQ(seen, "3");
}

TEST(EvaluateTest, OwnedResultsUseIntegersWhereJavaScriptWould) {
  Engine engine;
  auto rule = engine.compile_text(R"([{"/": [6, 3]}, {"/": [1, 4]}, {"/": [1, 0]}])");
  ASSERT_TRUE(rule);
  auto result = rule->evaluate(boost::json::value());
  ASSERT_TRUE(result);
  const auto& a = result->get_array();
  EXPECT_TRUE(a[0].is_int64());
  EXPECT_EQ(a[0].get_int64(), 2);
  EXPECT_DOUBLE_EQ(a[1].get_double(), 0.25);
  EXPECT_TRUE(a[2].is_null()) << "Infinity becomes null, as in JSON.stringify";
}

}  // namespace
}  // namespace trialwise::rules

namespace trialwise::rules {
namespace {

TEST(EvaluateTest, MissingWithKeysWrittenOutWorksInEveryScope) {
  // Top level (slots), inside map (paths per element), with "" (the datum).
  EXPECT_EQ(eval_text(R"({"missing": ["a", "b.c", ""]})", R"({"a": "", "b": {"c": 0}})"), R"(["a"])");
  EXPECT_EQ(eval_text(R"({"map": [{"var": "xs"}, {"missing": ["k", "j"]}]})",
                      R"({"xs": [{"k": 1}, {"j": null}, {"k": 1, "j": 2}], "k": 5})"),
            R"([["j"],["k","j"],[]])");
  EXPECT_EQ(eval_text(R"({"missing": [["x", "y"], "z"]})", "{}"), R"(["x","y"])");
  EXPECT_EQ(eval_text(R"({"missing_some": [{"var": "need"}, ["a", "b", "c"]]})", R"({"need": 2, "a": 1})"),
            R"(["b","c"])");
  EXPECT_EQ(eval_text(R"({"missing_some": [{"var": "need"}, ["a", "b", "c"]]})", R"({"need": 1, "a": 1})"), "[]");
  EXPECT_EQ(eval_text(R"({"missing_some": [1, [0, 2]]})", R"(["x", "y"])"), "[]");
  EXPECT_EQ(eval_text(R"({"missing_some": [2, [0, 1, 2]]})", R"(["x", null])"), "[1,2]");
}

}  // namespace
}  // namespace trialwise::rules

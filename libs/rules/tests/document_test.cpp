#include "trialwise/rules/document.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "suite_loader.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

namespace trialwise::rules {
namespace {

TEST(DocumentTest, ReadsEveryKindOfValue) {
  DocumentParser parser;
  Document doc;
  ASSERT_TRUE(parser.parse(R"({"a": [1, 2.5, "x\ny", null, true, {}], "b": {"c": -0.0}, "": ""})", doc));
  EXPECT_EQ(to_json_text(doc.root()), R"({"a":[1,2.5,"x\ny",null,true,{}],"b":{"c":0},"":""})");
  EXPECT_GT(doc.bytes_used(), 0u);
}

TEST(DocumentTest, RepeatedKeyKeepsFirstPositionAndLastValue) {
  DocumentParser parser;
  Document doc;
  ASSERT_TRUE(parser.parse(R"({"a": 1, "b": 2, "a": 3})", doc));
  EXPECT_EQ(to_json_text(doc.root()), R"({"a":3,"b":2})");  // as JSON.parse
  std::string big = "{";
  for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i % 50) + "\":" + std::to_string(i) + ",";
  big.back() = '}';
  ASSERT_TRUE(parser.parse(big, doc));
  EXPECT_EQ(doc.root().size(), 50u);
  EXPECT_EQ(to_json_text(*doc.root().find("k7")), "57");
}

TEST(DocumentTest, ErrorsNameThePositionAndLeaveNull) {
  DocumentParser parser;
  Document doc;
  ASSERT_TRUE(parser.parse("[1]", doc));
  auto bad = parser.parse("{\"a\": [1,\n 2,, 3]}", doc);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::invalid_input);
  EXPECT_EQ(bad.error().where, "line 2, column 4");
  EXPECT_TRUE(doc.root().is_null());
  auto deep = parser.parse(std::string(2000, '[') + std::string(2000, ']'), doc);
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, Errc::limit);
}

TEST(DocumentTest, RefusesJsonOverItsMemoryLimit) {
  DocumentParser parser;
  Document small(4096);
  std::string text = "[";
  for (int i = 0; i < 1000; ++i) text += "\"some text that takes room\",";
  text += "0]";
  auto r = parser.parse(text, small);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::limit);
  ASSERT_TRUE(parser.parse("[1, 2]", small)) << "the document is usable again";
  EXPECT_EQ(to_json_text(small.root()), "[1,2]");
}

TEST(DocumentTest, StringsAndKeysSplitByEscapesArriveWhole) {
  DocumentParser parser;
  Document doc;
  ASSERT_TRUE(parser.parse(R"({"k\u00e9y": "\u00e9t\u00e9 \ud83d\ude00", "n": 123456789012345680000})", doc));
  EXPECT_EQ(to_json_text(doc.root()), "{\"kéy\":\"été 😀\",\"n\":123456789012345680000}");
}

// Every conformance case gives the same answer on a Document as on a
// boost::json value: the two ways in are interchangeable.
TEST(DocumentTest, EvaluatesLikeBoostJsonOnTheSharedSuite) {
  std::string error;
  const auto cases = testing::load_suite(TRIALWISE_CONFORMANCE_SUITE, error);
  ASSERT_TRUE(error.empty()) << error;
  Engine engine;
  DocumentParser parser;
  Document doc;
  Scratch scratch;
  for (const auto& c : cases) {
    auto rule = engine.compile(c.rule);
    ASSERT_TRUE(rule);
    ASSERT_TRUE(parser.parse(json::to_text(c.data), doc));
    auto on_doc = rule->evaluate(doc.root(), scratch);
    ASSERT_TRUE(on_doc);
    const std::string doc_text = to_json_text(*on_doc);
    auto on_json = rule->evaluate(c.data);
    ASSERT_TRUE(on_json);
    EXPECT_EQ(doc_text, json::to_text(*on_json)) << json::to_text(c.rule);
  }
}

TEST(DocumentTest, LookupCacheCopesWithChangingKeyOrder) {
  Engine engine;
  auto set = engine.compile_set(boost::json::parse(R"([{"var":"b"}, {"map":[{"var":"xs"},{"var":"k"}]}])"));
  ASSERT_TRUE(set);
  DocumentParser parser;
  Document doc;
  Scratch scratch;
  std::vector<Value> out;
  const char* lines[] = {R"({"a":1,"b":2,"xs":[{"k":1,"j":0},{"j":0,"k":2},{"k":3}]})",
                         R"({"b":5,"a":1,"xs":[{"j":0},{"k":"x"}]})", R"({"a":1,"xs":[]})"};
  const char* expected[] = {R"(2 [1,2,3])", R"(5 [null,"x"])", R"(null [])"};
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(parser.parse(lines[i], doc));
    ASSERT_TRUE(set->evaluate_all(doc.root(), scratch, out));
    EXPECT_EQ(to_json_text(out[0]) + " " + to_json_text(out[1]), expected[i]);
  }
}

}  // namespace
}  // namespace trialwise::rules

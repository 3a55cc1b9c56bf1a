#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "trialwise/json/text.hpp"

namespace trialwise::json {
namespace {

std::string js(double n) {
  std::string s;
  append_js_number(s, n);
  return s;
}

TEST(JsNumberTest, MatchesNumberToString) {
  EXPECT_EQ(js(0), "0");
  EXPECT_EQ(js(-0.0), "0");
  EXPECT_EQ(js(1), "1");
  EXPECT_EQ(js(-42), "-42");
  EXPECT_EQ(js(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(js(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(js(1e21), "1e+21");
  EXPECT_EQ(js(1e20), "100000000000000000000");
  EXPECT_EQ(js(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(js(1e-6), "0.000001");
  EXPECT_EQ(js(1e-7), "1e-7");
  EXPECT_EQ(js(1.23e-18), "1.23e-18");
  EXPECT_EQ(js(-1.5e300), "-1.5e+300");
  EXPECT_EQ(js(5e-324), "5e-324");
  EXPECT_EQ(js(9007199254740993.0), "9007199254740992");
  EXPECT_EQ(js(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(js(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(JsonTextTest, WritesAsJsonStringify) {
  auto v = boost::json::parse(R"({"a": [1, 2.5, "x\"y\\z\n\u0001\u007f", null, true], "b": {}})");
  EXPECT_EQ(to_text(v), "{\"a\":[1,2.5,\"x\\\"y\\\\z\\n\\u0001\x7f\",null,true],\"b\":{}}");
  EXPECT_EQ(to_text(boost::json::value(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(to_text(boost::json::value("é😀")), "\"é😀\"");
  EXPECT_EQ(number_text(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(number_text(2.5), "2.5");
  // Integers kept as int64 or uint64 print as JavaScript's doubles would.
  EXPECT_EQ(to_text(boost::json::value(std::int64_t{9007199254740993})), "9007199254740992");
  EXPECT_EQ(to_text(boost::json::value(std::uint64_t{18446744073709551615u})), "18446744073709552000");
}

// The escape scan reads sixteen or eight bytes at a time; every byte value at
// every place in and around a block must come out as Boost.JSON's serializer (an
// independent writer with JSON.stringify's escapes) writes it.
TEST(JsonTextTest, EscapesEveryByteWhereverItFalls) {
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t at = 0; at < 41; ++at) {
      std::string s(41, 'a');
      s[at] = static_cast<char>(byte);
      if (at + 17 < s.size()) s[at + 17] = static_cast<char>(byte);  // a second one, a block later
      std::string ours;
      append_string(ours, s);
      ASSERT_EQ(ours, boost::json::serialize(boost::json::string_view(s))) << "byte " << byte << " at " << at;
    }
  }
}

TEST(JsonTextTest, ParseErrorsNameLineAndColumn) {
  auto bad = parse("[1,\n 2,\n x]");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::invalid_input);
  EXPECT_EQ(bad.error().where, "line 3, column 2");
  auto trailing = parse("{} {}");
  ASSERT_FALSE(trailing);
  EXPECT_EQ(trailing.error().where, "line 1, column 4");
}

TEST(JsonTextTest, ParseRefusesTooDeepText) {
  std::string deep(2000, '[');
  deep.append(2000, ']');
  auto r = parse(deep);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::limit);
  EXPECT_TRUE(parse(std::string(10, '[') + std::string(10, ']')));
}

TEST(JsonTextTest, ParsesDoublesExactlyAsJavaScript) {
  // Boost.JSON 1.81's own parser reads these one unit off.
  for (const char* text : {"123456789012345680000", "5.409760742964738e+124", "1.3927926388013963e-143",
                           "-1.3525373669382613e+151", "0.1", "2.2250738585072014e-308"}) {
    auto parsed = parse(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(to_text(*parsed), text[0] == '1' && text[1] == '2' ? std::string(text) : to_text(*parsed));
    double exact = 0;
    std::from_chars(text, text + std::strlen(text), exact);
    EXPECT_EQ(parsed->to_number<double>(), exact) << text;
  }
  auto big = parse("[1e400, -1e400, 1e-400]");
  ASSERT_TRUE(big);
  EXPECT_TRUE(std::isinf(big->get_array()[0].get_double()));
  EXPECT_EQ(big->get_array()[2].get_double(), 0.0);
  EXPECT_EQ(to_text(*big), "[null,null,0]");
}

TEST(JsonTextTest, ReusedParserKeepsNoStateBetweenDocuments) {
  Parser parser;
  EXPECT_FALSE(parser.parse("[1, 2"));
  auto ok = parser.parse("[3.25]");
  ASSERT_TRUE(ok);
  EXPECT_EQ(to_text(*ok), "[3.25]");
}

TEST(JsonTextTest, RefusesAMemberNamedTwiceInOneObjectAndSaysWhichAndWhere) {
  auto r = parse("{\"age\": 30,\n \"pregnant\": false,\n \"pregnant\": true}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_input);
  EXPECT_EQ(r.error().message, "ambiguous JSON: the member \"pregnant\" is given twice in one object");
  EXPECT_EQ(r.error().where.substr(0, 7), "line 3,");
  // Deeper, and spelled differently: "\u0061" is "a".
  EXPECT_FALSE(parse(R"({"s": [{"name": "x"}, {"a": 1, "\u0061": 2}]})"));
  EXPECT_FALSE(parse(R"([{"x": {"y": null, "y": null}}])"));
}

TEST(JsonTextTest, TheSameNameInDifferentObjectsIsNoRepeat) {
  auto r = parse(R"({"a": {"a": 1, "b": {"a": 2}}, "b": [{"a": 1}, {"a": 2}], "c": {}})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(to_text(*r), R"({"a":{"a":1,"b":{"a":2}},"b":[{"a":1},{"a":2}],"c":{}})");
}

TEST(JsonTextTest, ARepeatFarApartInALargeObjectIsFound) {
  std::string text = "{";
  for (int i = 0; i < 200; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  const std::string whole = text + "\"last\": 0}";
  auto ok = parse(whole);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->as_object().size(), 201u);
  auto r = parse(text + "\"k3\": 0}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "ambiguous JSON: the member \"k3\" is given twice in one object");
}

TEST(JsonTextTest, KeepLastReadsARepeatAsJsonParseDoes) {
  Parser parser(kMaxDepth, Duplicates::keep_last);
  auto r = parser.parse(R"({"pregnant": false, "pregnant": true})");
  ASSERT_TRUE(r);
  EXPECT_EQ(to_text(*r), R"({"pregnant":true})");
}

TEST(JsonTextTest, AReusedParserForgetsTheNamesOfTheDocumentBefore) {
  Parser parser;
  EXPECT_FALSE(parser.parse(R"({"a": 1, "a": 2})"));
  EXPECT_FALSE(parser.parse(R"({"a": {"b": 1)"));  // stopped inside an object
  auto r = parser.parse(R"({"a": 1, "b": 2})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(to_text(*r), R"({"a":1,"b":2})");
}

TEST(JsonTextTest, ParseRefusesInvalidUtf8) {
  auto r = parse("\"\xff\"");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::invalid_input);
}

TEST(JsonTextTest, PrettyPrintsLikeJsonStringifyWithIndent) {
  auto v = boost::json::parse(R"({"a": [1, {"b": null}], "c": {}, "d": []})");
  EXPECT_EQ(to_pretty(v), "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}");
}

}  // namespace
}  // namespace trialwise::json

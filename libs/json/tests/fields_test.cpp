#include <gtest/gtest.h>

#include "trialwise/json/fields.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::json {
namespace {

boost::json::value doc(std::string_view text) {
  auto v = parse(text);
  EXPECT_TRUE(v) << text;
  return v ? *v : boost::json::value();
}

// "where: message" of every problem, in order.
std::vector<std::string> listed(const FieldReader& r) {
  std::vector<std::string> out;
  for (const auto& e : r.problems()) out.push_back(to_string(e));
  return out;
}

TEST(FieldsTest, ReadsGoodFieldsWithoutProblems) {
  const auto v = doc(R"({"name":"x","n":2.5,"k":3,"ok":true,"on":"2026-03-01","tags":["a"],"scores":{"a":1}})");
  FieldReader r;
  Fields f(v, "", r);
  EXPECT_EQ(f.string("name", Need::required), "x");
  EXPECT_EQ(f.number("n", Need::required, 0, 3), 2.5);
  EXPECT_EQ(f.integer("k", Need::required, 0, 3), 3);
  EXPECT_EQ(f.boolean("ok"), true);
  EXPECT_EQ(f.date("on")->to_string(), "2026-03-01");
  EXPECT_EQ(f.strings("tags")->size(), 1u);
  EXPECT_EQ(f.integers("scores", 0, 10)->at("a"), 1);
  f.finish();
  EXPECT_TRUE(r.ok()) << testing::PrintToString(listed(r));
}

// A whole document that is a list or a map (a stored column) reads as a member would.
TEST(FieldsTest, ReadsAListOrAMapThatIsTheWholeDocument) {
  FieldReader r;
  EXPECT_EQ(r.strings_of(doc(R"(["a","b"])"), "", "the list", Need::optional)->size(), 2u);
  EXPECT_EQ(r.integers_of(doc(R"({"a":0,"b":10})"), "", 0, 10)->at("b"), 10);
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(r.strings_of(doc(R"(["a",1])"), "", "the list", Need::optional));
  EXPECT_FALSE(r.integers_of(doc(R"({"a":11})"), "", 0, 10));
  EXPECT_FALSE(r.integers_of(doc(R"([1])"), "", 0, 10));
  EXPECT_EQ(listed(r), (std::vector<std::string>{"/1: must be a string, not a number",
                                                 "/a: \"a\" is 11; it must be between 0 and 10",
                                                 "must be a JSON object, not an array"}))
      << testing::PrintToString(listed(r));
}

TEST(FieldsTest, NamesEveryProblemByPointerAtOnce) {
  const auto v = doc(R"({"n":"2","k":2.5,"big":11,"ok":1,"on":"March","tags":["a",3],"extra~/":0})");
  FieldReader r("file.json#");
  Fields f(v, "/body", r);
  EXPECT_FALSE(f.number("n"));
  EXPECT_FALSE(f.integer("k"));
  EXPECT_FALSE(f.integer("big", Need::optional, 0, 10));
  EXPECT_FALSE(f.boolean("ok"));
  EXPECT_FALSE(f.date("on"));
  EXPECT_FALSE(f.strings("tags"));
  EXPECT_FALSE(f.string("name", Need::required));
  f.finish();
  const auto got = listed(r);
  const std::vector<std::string> want = {"file.json#/body/n: \"n\" must be a number, not a string",
                                         "file.json#/body/k: \"k\" must be a whole number, not 2.5",
                                         "file.json#/body/big: \"big\" is 11; it must be between 0 and 10",
                                         "file.json#/body/ok: \"ok\" must be true or false, not a number",
                                         got.at(4),  // the date's own message, checked below
                                         "file.json#/body/tags/1: must be a string, not a number",
                                         "file.json#/body/name: missing \"name\"",
                                         "file.json#/body/extra~0~1: unknown field \"extra~/\""};
  EXPECT_EQ(got, want);
  EXPECT_EQ(got.at(4).rfind("file.json#/body/on: ", 0), 0u) << got.at(4);
}

TEST(FieldsTest, NullIsAbsentOnlyWhenAsked) {
  const auto v = doc(R"({"n":null})");
  FieldReader strict;
  EXPECT_FALSE(Fields(v, "", strict).number("n"));
  EXPECT_EQ(listed(strict), std::vector<std::string>{"/n: \"n\" must be a number, not null"});
  FieldReader lenient("", {.null_is_absent = true});
  Fields f(v, "", lenient);
  EXPECT_FALSE(f.number("n"));
  EXPECT_FALSE(f.number("m", Need::required));
  f.finish();
  EXPECT_EQ(listed(lenient), std::vector<std::string>{"/m: missing \"m\""});
}

TEST(FieldsTest, RequiredTextAndListsMustNotBeEmpty) {
  const auto v = doc(R"({"a":"","b":[],"c":"","d":[]})");
  FieldReader r;
  Fields f(v, "", r);
  EXPECT_FALSE(f.string("a", Need::required));
  EXPECT_FALSE(f.strings("b", Need::required));
  EXPECT_EQ(f.string("c"), "");
  EXPECT_EQ(f.strings("d")->size(), 0u);
  EXPECT_EQ(r.problem_count(), 2u);
}

TEST(FieldsTest, LimitsLengthsAndCounts) {
  const auto v = doc(R"({"s":"abcd","l":["a","b","c"]})");
  FieldReader r;
  Fields f(v, "", r);
  EXPECT_FALSE(f.string("s", Need::optional, 3));
  EXPECT_FALSE(f.strings("l", Need::optional, 2));
  EXPECT_EQ(listed(r),
            (std::vector<std::string>{"/s: \"s\" is longer than 3 characters", "/l: \"l\" has more than 2 items"}));
}

TEST(FieldsTest, NotAnObjectIsOneProblemAndReadsNothing) {
  const auto v = doc("[1]");
  FieldReader r;
  Fields f(v, "/x", r);
  EXPECT_FALSE(f.is_object());
  EXPECT_FALSE(f.number("n", Need::required));
  f.finish();
  EXPECT_EQ(listed(r), std::vector<std::string>{"/x: must be a JSON object, not an array"});
}

TEST(FieldsTest, EachVisitsObjectsAndFlagsOtherItems) {
  const auto v = doc(R"({"items":[{"id":"a"},2,{"id":"b"}],"one":{}})");
  FieldReader r;
  std::vector<std::string> seen;
  r.each(v.get_object(), "", "items", Need::required, [&](const boost::json::object& o, const std::string& p) {
    seen.push_back(p + "=" + *r.string(o, p, "id", Need::required));
  });
  r.each(v.get_object(), "", "one", Need::required, [&](const boost::json::object&, const std::string&) {});
  r.each(v.get_object(), "", "none", Need::optional, [&](const boost::json::object&, const std::string&) {});
  EXPECT_EQ(seen, (std::vector<std::string>{"/items/0=a", "/items/2=b"}));
  EXPECT_EQ(listed(r), (std::vector<std::string>{"/items/1: must be a JSON object, not a number",
                                                 "/one: \"one\" must be an array, not an object"}));
}

}  // namespace
}  // namespace trialwise::json

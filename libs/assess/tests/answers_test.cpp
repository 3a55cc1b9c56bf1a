#include "trialwise/assess/answers.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace trialwise::assess {
namespace {

using namespace testing;

AnswerProblems problems(const boost::json::value& answers) {
  auto r = check_answers(shipped_pack(), answers);
  return r ? AnswerProblems{} : r.error();
}

bool named(const AnswerProblems& ps, const std::string& where, const std::string& words) {
  for (const auto& p : ps)
    if (p.where == where && p.message.find(words) != std::string::npos && p.code == Errc::invalid_input) return true;
  return false;
}

std::string list(const AnswerProblems& ps) {
  std::string out;
  for (const auto& p : ps) out += "\n  " + p.where + ": " + p.message;
  return out;
}

TEST(AnswersTest, CleanAnswersPassAndGainDefaults) {
  auto a = clean_answers();
  a["supplements"] = boost::json::array{boost::json::object{{"name", "Whey"},
                                                            {"contains_glutamine", "amount_given"},
                                                            {"glutamine_g_per_serving", 2},
                                                            {"servings_per_day", 1}}};
  auto r = check_answers(shipped_pack(), a);
  ASSERT_TRUE(r) << list(r.error());
  EXPECT_EQ(r->object().at("supplements").at(0).at("third_party_tested"), boost::json::value(false));
}

TEST(AnswersTest, NamesEachMissingRequiredItem) {
  auto a = clean_answers();
  a.erase("age");
  a.erase("pregnant");
  auto ps = problems(a);
  EXPECT_TRUE(named(ps, "/age", "missing \"age\" (How old are you?)")) << list(ps);
  EXPECT_TRUE(named(ps, "/pregnant", "missing \"pregnant\"")) << list(ps);
  EXPECT_EQ(ps.size(), 2u) << list(ps);
}

TEST(AnswersTest, NullCountsAsMissing) {
  auto a = clean_answers();
  a["sleep_hours"] = nullptr;
  EXPECT_TRUE(named(problems(a), "/sleep_hours", "missing"));
}

TEST(AnswersTest, NamesWrongTypes) {
  auto a = clean_answers();
  a["pregnant"] = "no";
  a["age"] = "35";
  a["supplements"] = "none";
  auto ps = problems(a);
  EXPECT_TRUE(named(ps, "/pregnant", "\"pregnant\" must be true or false")) << list(ps);
  EXPECT_TRUE(named(ps, "/age", "\"age\" must be a number")) << list(ps);
  EXPECT_TRUE(named(ps, "/supplements", "must be a list")) << list(ps);
}

TEST(AnswersTest, NamesValuesOutOfRangeOnBothSides) {
  auto a = clean_answers();
  a["age"] = 121;
  a["sleep_hours"] = -1;
  a["prescription_count"] = 2.5;
  auto ps = problems(a);
  EXPECT_TRUE(named(ps, "/age", "\"age\" is 121; it must be between 0 and 120 years")) << list(ps);
  EXPECT_TRUE(named(ps, "/sleep_hours", "is -1")) << list(ps);
  EXPECT_TRUE(named(ps, "/prescription_count", "whole number")) << list(ps);
  a = clean_answers();
  a["age"] = 120;
  a["sleep_hours"] = 0;
  EXPECT_TRUE(problems(a).empty()) << "the bounds themselves are allowed";
}

TEST(AnswersTest, NamesValuesNotAllowed) {
  auto a = clean_answers();
  a["liver_disease"] = "moderate";
  auto ps = problems(a);
  EXPECT_TRUE(named(ps, "/liver_disease", "\"moderate\", which is not allowed; use one of: none, mild, advanced"))
      << list(ps);
}

TEST(AnswersTest, RefusesUnknownItemsSoTyposCannotHide) {
  auto a = clean_answers();
  a.erase("pregnant");
  a["pregnnat"] = true;
  auto ps = problems(a);
  EXPECT_TRUE(named(ps, "/pregnnat", "unknown item \"pregnnat\"")) << list(ps);
  EXPECT_TRUE(named(ps, "/pregnant", "missing")) << list(ps);
}

TEST(AnswersTest, ChecksEachSupplementField) {
  auto a = clean_answers();
  a["supplements"] = boost::json::parse(R"([
    {"name": "Ok", "contains_glutamine": "amount_given", "glutamine_g_per_serving": 5, "servings_per_day": 1},
    {"name": "", "contains_glutamine": "amount_given", "glutamine_g_per_serving": -1, "servings_per_day": 1, "colour": "red"},
    {"contains_glutamine": "amount_given", "glutamine_g_per_serving": 5, "servings_per_day": "two"},
    7])");
  auto ps = problems(a);
  EXPECT_TRUE(named(ps, "/supplements/1/name", "must not be empty")) << list(ps);
  EXPECT_TRUE(named(ps, "/supplements/1/glutamine_g_per_serving", "is -1")) << list(ps);
  EXPECT_TRUE(named(ps, "/supplements/1/colour", "unknown item")) << list(ps);
  EXPECT_TRUE(named(ps, "/supplements/2/name", "missing")) << list(ps);
  EXPECT_TRUE(named(ps, "/supplements/2/servings_per_day", "must be a number")) << list(ps);
  EXPECT_TRUE(named(ps, "/supplements/3", "must be an object")) << list(ps);
}

// Contract v2: whether a label lists the supplement is asked of every entry;
// the amount only when one is given, and never beside an answer of "no".
TEST(AnswersTest, TheAmountIsAskedOnlyWhenTheLabelGivesOne) {
  auto a = clean_answers();
  a["supplements"] = boost::json::parse(R"([
    {"name": "Blend", "contains_glutamine": "no_amount", "servings_per_day": 1},
    {"name": "Pure", "contains_glutamine": "amount_given", "servings_per_day": 1},
    {"name": "Oil", "contains_glutamine": "no", "glutamine_g_per_serving": 0, "servings_per_day": 1},
    {"name": "Old", "glutamine_g_per_serving": 0, "servings_per_day": 1}])");
  auto ps = problems(a);
  EXPECT_FALSE(named(ps, "/supplements/0/glutamine_g_per_serving", "")) << list(ps);
  EXPECT_TRUE(named(ps, "/supplements/1/glutamine_g_per_serving", "missing")) << list(ps);
  EXPECT_TRUE(named(ps, "/supplements/2/glutamine_g_per_serving", "does not apply")) << list(ps);
  EXPECT_TRUE(named(ps, "/supplements/3/contains_glutamine", "missing")) << list(ps);
  EXPECT_FALSE(named(ps, "/supplements/3/glutamine_g_per_serving", "")) << "said once: the missing answer";
}

// A v1 answer set lacks the v2 safety items: refused, naming each, so that a
// missing safety answer is never read as "no".
TEST(AnswersTest, AVersionOneAnswerSetIsRefusedNamingEveryNewItem) {
  auto a = clean_answers();
  for (const char* item : {"organ_failure_other", "complex_condition", "cancer_diagnosis",
                           "major_surgery_or_burns_recent", "nutrition_support"})
    a.erase(item);
  auto ps = problems(a);
  EXPECT_EQ(ps.size(), 5u) << list(ps);
  for (const char* item : {"/organ_failure_other", "/complex_condition", "/cancer_diagnosis",
                           "/major_surgery_or_burns_recent", "/nutrition_support"})
    EXPECT_TRUE(named(ps, item, "missing")) << item << list(ps);
}

TEST(AnswersTest, ItemsThatDoNotApplyAreNotRequired) {
  auto a = clean_answers();
  a["training_hours_per_week"] = 0;
  a.erase("rest_days_per_week");
  EXPECT_TRUE(problems(a).empty()) << list(problems(a));
  a["training_hours_per_week"] = 3;
  EXPECT_TRUE(named(problems(a), "/rest_days_per_week", "missing"));
}

TEST(AnswersTest, RefusesNonObjects) {
  auto ps = problems(boost::json::parse("[1, 2]"));
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].where, "");
}

}  // namespace
}  // namespace trialwise::assess

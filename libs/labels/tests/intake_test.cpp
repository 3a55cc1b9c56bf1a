// Imported products into the answers' list of products taken, and through
// check_answers, assess and make_plan into existing_g_per_day.

#include <cmath>
#include <fstream>
#include <iterator>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "trialwise/test_support/answers.hpp"
#include "trialwise/assess/assessment.hpp"
#include "trialwise/assess/plan.hpp"
#include "trialwise/labels/intake.hpp"
#include "trialwise/labels/label.hpp"

namespace trialwise::labels {
namespace {

const pack::Pack& shipped_pack() { return test_support::shipped(); }

const pack::Pack& intake() { return shipped_pack(); }

model::ImportedProduct imported(const std::string& file, std::optional<double> servings_per_day, std::int64_t id = 1) {
  std::ifstream in(std::string(TRIALWISE_LABELS_DATA) + "/" + file, std::ios::binary);
  const std::string text(std::istreambuf_iterator<char>(in), {});
  auto p = parse_label(shipped_pack().ingredient, text, file);
  EXPECT_TRUE(p) << to_string(p.error());
  model::ImportedProduct out;
  out.id = id;
  if (p) out.product = *p;
  out.servings_per_day = servings_per_day;
  out.source = file;
  return out;
}

boost::json::value clean_answers() { return test_support::gut_answers(); }

std::vector<std::string> note_ids(const std::vector<IntakeNote>& notes) {
  std::vector<std::string> ids;
  for (const auto& n : notes) ids.push_back(n.id);
  return ids;
}

using Ids = std::vector<std::string>;

TEST(IntakeTest, EntriesCarryThePackKeysAndTheLabelFigures) {
  auto powder = imported("powder_5g.json", 2, 1);
  powder.third_party_tested = true;
  const auto out = to_supplement_entries({powder, imported("capsules_mg.json", 3, 2)}, intake());
  ASSERT_EQ(out.entries.size(), 2u);
  EXPECT_EQ(
      out.entries[0],
      boost::json::parse(
          R"j({"name": "Pure L-Glutamine Powder", "contains_glutamine": "amount_given", "glutamine_g_per_serving": 5.0,
                                                   "servings_per_day": 2.0, "third_party_tested": true})j"));
  EXPECT_EQ(
      out.entries[1],
      boost::json::parse(
          R"j({"name": "L-Glutamine 500 mg Capsules", "contains_glutamine": "amount_given", "glutamine_g_per_serving": 1.0,
                                                   "servings_per_day": 3.0, "third_party_tested": false})j"));
  EXPECT_TRUE(out.notes.empty());
}

// A blend that lists it without an amount contains it: never a silent 0 g.
TEST(IntakeTest, BlendWithoutAmountContainsItWithNoAmountAndLeavesANote) {
  const auto out = to_supplement_entries({imported("blend_no_amount.json", 1, 9)}, intake());
  ASSERT_EQ(out.entries.size(), 1u);
  EXPECT_EQ(out.entries[0].at("contains_glutamine"), "no_amount");
  EXPECT_FALSE(out.entries[0].as_object().contains("glutamine_g_per_serving"));
  ASSERT_EQ(note_ids(out.notes), Ids{"blend_without_amount"});
  EXPECT_EQ(out.notes[0].product_id, 9);
  EXPECT_EQ(out.notes[0].section, "pack default");
  EXPECT_EQ(out.notes[0].text.rfind("Recovery Matrix: \"L-Glutamine\" is listed in", 0), 0u) << out.notes[0].text;
}

TEST(IntakeTest, OnlyFlagsThatTouchTheTotalBecomeNotes) {
  const auto out = to_supplement_entries(
      {imported("multiple_servings.json", 1), imported("protein_glutamic_acid.json", 1), imported("odd_units.json", 1)},
      intake());
  EXPECT_EQ(note_ids(out.notes), (Ids{"may_contain", "unrecognised_unit", "unrecognised_unit"}));
  EXPECT_EQ(out.entries[1].at("contains_glutamine"), "not_sure") << "protein only: it may contain some";
}

TEST(IntakeTest, ServingsNotGivenCountOneWithANote) {
  const auto out = to_supplement_entries({imported("powder_5g.json", std::nullopt)}, intake());
  EXPECT_EQ(out.entries[0].at("servings_per_day").as_double(), 1.0);
  ASSERT_EQ(note_ids(out.notes), Ids{"servings_per_day_not_given"});
  EXPECT_EQ(out.notes[0].text,
            "Pure L-Glutamine Powder: servings a day were not given, so one serving a day (5 g of glutamine) is "
            "counted; give the servings you take to count them exactly.");
}

TEST(IntakeTest, MergeAppendsAndKeepsWhatThePersonListed) {
  auto answers = clean_answers();
  answers.as_object()["supplements"] = boost::json::parse(
      R"j([{"name": "pure l-glutamine powder ", "contains_glutamine": "amount_given", "glutamine_g_per_serving": 5,
           "servings_per_day": 1}])j");
  const auto notes =
      merge_into_answers(answers, {imported("powder_5g.json", 2, 1), imported("capsules_mg.json", 1, 2)}, intake());
  const auto& list = answers.at("supplements").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("servings_per_day").as_int64(), 1) << "the person's own entry stands";
  EXPECT_EQ(list[1].at("name").as_string(), "L-Glutamine 500 mg Capsules");
  ASSERT_EQ(note_ids(notes), Ids{"already_in_answers"});
  EXPECT_EQ(notes[0].product_id, 1);
}

TEST(IntakeTest, MergeCreatesTheListOrLeavesBadShapesToTheChecker) {
  boost::json::value no_list = boost::json::parse(R"j({"age": 30})j");
  EXPECT_TRUE(merge_into_answers(no_list, {imported("capsules_mg.json", 1)}, intake()).empty());
  EXPECT_EQ(no_list.at("supplements").as_array().size(), 1u);

  boost::json::value not_array = boost::json::parse(R"j({"supplements": "none"})j");
  merge_into_answers(not_array, {imported("capsules_mg.json", 1)}, intake());
  EXPECT_EQ(not_array.at("supplements").as_string(), "none");

  boost::json::value not_object = boost::json::parse("[1]");
  merge_into_answers(not_object, {imported("capsules_mg.json", 1)}, intake());
  EXPECT_EQ(not_object, boost::json::parse("[1]"));
}

TEST(IntakeTest, ServingsADayAreCheckedAgainstThePacksRange) {
  EXPECT_TRUE(check_servings_per_day(shipped_pack(), 0, "--servings-per-day"));
  EXPECT_TRUE(check_servings_per_day(shipped_pack(), 2.5, "--servings-per-day"));
  EXPECT_TRUE(check_servings_per_day(shipped_pack(), 20, "--servings-per-day"));
  auto high = check_servings_per_day(shipped_pack(), 21, "--servings-per-day");
  ASSERT_FALSE(high);
  EXPECT_EQ(high.error().code, Errc::invalid_input);
  EXPECT_EQ(high.error().where, "--servings-per-day");
  EXPECT_EQ(high.error().message, "servings a day must be a number from 0 to 20, not 21");
  EXPECT_FALSE(check_servings_per_day(shipped_pack(), -1, "--servings-per-day"));
  EXPECT_FALSE(check_servings_per_day(shipped_pack(), std::nan(""), "--servings-per-day"));
}

TEST(IntakeTest, ThePlanCountsImportedProductsInItsExistingIntake) {
  auto answers = clean_answers();
  const std::vector<model::ImportedProduct> products = {imported("powder_5g.json", 1, 1),
                                                        imported("alanyl_glutamine.json", 2, 2),
                                                        imported("blend_no_amount.json", 1, 3)};
  const auto notes = merge_into_answers(answers, products, intake());
  auto checked = assess::check_answers(shipped_pack(), answers);
  ASSERT_TRUE(checked) << checked.error().front().where << ": " << checked.error().front().message;
  auto assessment = assess::assess(shipped_pack(), *checked);
  ASSERT_TRUE(assessment) << assessment.error().message;
  assess::PlanChoices choices;
  choices.start = *Date::parse("2026-12-07", "test");
  auto plan = assess::make_plan(shipped_pack(), *checked, *assessment, choices);
  ASSERT_TRUE(plan) << to_string(plan.error());
  // 5 g x 1 + 0.6728 g x 2 + 0 g (blend, unknown) = 6.3456, rounded by the plan to 6.35.
  EXPECT_EQ(plan->existing_g_per_day, 6.35);

  // What a front end does with the notes: show them as plan warnings.
  for (const auto& n : notes) plan->warnings.push_back({n.id, n.text, n.section});
  const auto has = [&](const std::string& id) {
    return std::any_of(plan->warnings.begin(), plan->warnings.end(), [&](const auto& w) { return w.id == id; });
  };
  EXPECT_TRUE(has("blend_without_amount"));
}

}  // namespace
}  // namespace trialwise::labels

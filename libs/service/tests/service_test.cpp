#include "trialwise/service/service.hpp"

#include "fixtures.hpp"

namespace trialwise::service {
namespace {

using testing::day;
using testing::example_answers;

const std::shared_ptr<const pack::Pack>& shared_builtin() { return test_support::shared_shipped(); }

// A powder the person imported: 5 g a serving, once a day.
model::ImportedProduct powder() {
  model::ImportedProduct p;
  p.product.name = "Pure L-Glutamine Powder";
  p.product.amount_g_per_serving = 5;
  p.servings_per_day = 1;
  return p;
}

assess::PlanChoices choices() {
  assess::PlanChoices c;
  c.start = day("2026-12-07");
  c.product_name = "Mine";
  c.g_per_serving = 5;
  return c;
}

class ServiceTest : public ::testing::Test {
 protected:
  TrialPacks packs_{shared_builtin()};
  std::unique_ptr<store::TrialRepository> trials_ = store::make_memory_repository();
  std::unique_ptr<store::ProductRepository> products_ = store::make_memory_product_repository();
};

TEST_F(ServiceTest, ImportedProductsCountInThePlanWhenAStoreHoldsThem) {
  ASSERT_TRUE(products_->save_product(model::kLocalProfile, powder()));
  const Service with(packs_, shared_builtin(), nullptr, products_.get(), model::kLocalProfile);
  const Service without(packs_, shared_builtin(), nullptr, nullptr, model::kLocalProfile);
  auto counted = with.plan(example_answers("runner_in_heat"), choices());
  auto bare = without.plan(example_answers("runner_in_heat"), choices());
  ASSERT_TRUE(counted);
  ASSERT_TRUE(bare);
  EXPECT_EQ(counted->plan.existing_g_per_day, 5);
  EXPECT_EQ(bare->plan.existing_g_per_day, 0);
  ASSERT_EQ(counted->plan.other_products.size(), 1u);
  EXPECT_EQ(counted->plan.other_products[0].name, "Pure L-Glutamine Powder");
}

TEST_F(ServiceTest, AnotherProfilesProductsDoNotCount) {
  ASSERT_TRUE(products_->save_product("someone-else", powder()));
  const Service service(packs_, shared_builtin(), nullptr, products_.get(), model::kLocalProfile);
  auto planned = service.plan(example_answers("runner_in_heat"), choices());
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->plan.existing_g_per_day, 0);
}

TEST_F(ServiceTest, AnswerProblemsChoiceErrorsAndRefusalsAreToldApart) {
  const Service service(packs_, shared_builtin(), nullptr, nullptr, model::kLocalProfile);
  auto bad_answers = service.plan(boost::json::object{{"age", 150}}, choices());
  ASSERT_FALSE(bad_answers);
  EXPECT_TRUE(bad_answers.error().in_answers);
  EXPECT_FALSE(bad_answers.error().refused());
  EXPECT_GT(bad_answers.error().problems.size(), 1u);

  auto c = choices();
  c.protocol_id = "no_such_protocol";
  auto bad_choice = service.plan(example_answers("runner_in_heat"), c);
  ASSERT_FALSE(bad_choice);
  EXPECT_FALSE(bad_choice.error().in_answers);
  EXPECT_FALSE(bad_choice.error().refused());

  auto refused = service.plan(example_answers("pregnant_gut_trouble"), choices());
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().refused());
  ASSERT_TRUE(refused.error().screening);  // its reasons can be shown
  EXPECT_FALSE(refused.error().screening->assessment.reasons.empty());
}

TEST_F(ServiceTest, StartsReviewsAndRecordsThroughOneObject) {
  Service service(packs_, shared_builtin(), trials_.get(), nullptr, model::kLocalProfile);
  auto planned = service.plan(example_answers("runner_in_heat"), choices());
  ASSERT_TRUE(planned);
  auto t = service.start(*planned);
  ASSERT_TRUE(t) << to_string(t.error());
  EXPECT_EQ(service.start(*planned).error().code, Errc::conflict);  // one trial at a time
  auto reviewed = service.review(*t, t->review_date);
  ASSERT_TRUE(reviewed) << to_string(reviewed.error());
  EXPECT_EQ(reviewed->review.verdict, review::Verdict::inconclusive);  // nothing logged
  EXPECT_EQ(reviewed->record.trial.id, t->id);
  auto recorded = service.record(*reviewed);
  ASSERT_TRUE(recorded) << to_string(recorded.error());
  EXPECT_FALSE(trials_->get_trial(model::kLocalProfile, t->id)->ended_on);  // inconclusive saves nothing
}

TEST_F(ServiceTest, WithoutATrialStoreNothingCanBeStarted) {
  Service checker(packs_, shared_builtin(), nullptr, nullptr, model::kLocalProfile);
  auto planned = checker.plan(example_answers("runner_in_heat"), choices());
  ASSERT_TRUE(planned);
  EXPECT_EQ(checker.start(*planned).error().code, Errc::internal);
}

// The trial's whole life through the one object: log, status, amend, the
// day's versions, a CSV import and an export, each by the trial's pack.
TEST_F(ServiceTest, LogsAmendsImportsAndExportsThroughOneObject) {
  Service service(packs_, shared_builtin(), trials_.get(), nullptr, model::kLocalProfile);
  auto planned = service.plan(example_answers("runner_in_heat"), choices());
  ASSERT_TRUE(planned);
  auto t = service.start(*planned);
  ASSERT_TRUE(t);
  ASSERT_EQ(service.running()->id, t->id);

  DayInput first{.date = t->start, .outcome = 4};
  ASSERT_TRUE(service.log(*t, first, t->start));
  first.outcome = 5;
  auto again = service.log(*t, first, t->start);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->entry.version, 2);
  auto versions = service.day_versions(*t, t->start);
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->back().outcome, 5);

  DayInput off_scale{.date = t->start.plus_days(1), .outcome = 11};
  auto refused = service.log(*t, off_scale, t->start.plus_days(1));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where, "/outcome");

  AmendInput change{"a later review"};
  change.review_date = t->review_date.plus_days(7);
  auto amended = service.amend(*t, change, t->start.plus_days(1));
  ASSERT_TRUE(amended) << to_string(amended.error());
  auto status = service.status(*t, t->start.plus_days(1));
  ASSERT_TRUE(status);
  EXPECT_EQ(status->amendments.size(), 1u);

  // The export's own columns: its row for the first day, moved to the next with another outcome.
  auto exported = service.export_trial(*t, ExportFormat::csv, t->start.plus_days(1), {});
  ASSERT_TRUE(exported);
  const std::string& text = exported->text;
  const auto header_end = text.find('\n') + 1;
  const std::string row = text.substr(header_end);
  ASSERT_EQ(row.rfind(t->start.to_string() + ",5,", 0), 0u) << row;
  const auto rest = row.substr(t->start.to_string().size() + 2);
  const std::string csv = text.substr(0, header_end) + t->start.plus_days(1).to_string() + ",6" + rest;
  auto imported = service.import_days(*t, csv, t->start.plus_days(2));
  ASSERT_TRUE(imported) << to_string(imported.error().front());
  EXPECT_EQ(*imported, 1u);
  auto entries = service.entries(*t, std::nullopt, std::nullopt);
  ASSERT_TRUE(entries);
  EXPECT_EQ(entries->size(), 2u);

  // A day after `today` is refused, and nothing from the file is kept.
  const std::string late =
      "date,outcome\n" + t->start.plus_days(2).to_string() + ",6\n" + t->start.plus_days(9).to_string() + ",6\n";
  auto bad = service.import_days(*t, late, t->start.plus_days(2));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().front().code, Errc::invalid_input);
  EXPECT_EQ(service.entries(*t, std::nullopt, std::nullopt)->size(), 2u);

  auto file = service.export_trial(*t, ExportFormat::csv, t->start.plus_days(2), {});
  ASSERT_TRUE(file);
  EXPECT_NE(file->text.find(t->start.plus_days(1).to_string() + ",6"), std::string::npos);
}

// What a profile may not see does not exist for it.
TEST_F(ServiceTest, AnotherProfilesTrialIsNotFound) {
  Service mine(packs_, shared_builtin(), trials_.get(), nullptr, model::kLocalProfile);
  Service theirs(packs_, shared_builtin(), trials_.get(), nullptr, "someone-else");
  auto planned = mine.plan(example_answers("runner_in_heat"), choices());
  ASSERT_TRUE(planned);
  auto t = mine.start(*planned);
  ASSERT_TRUE(t);
  EXPECT_EQ(theirs.trial(t->id).error().code, Errc::not_found);
  EXPECT_EQ(theirs.running().error().code, Errc::not_found);
  EXPECT_TRUE(theirs.trials()->empty());
  EXPECT_EQ(theirs.entries(*t, std::nullopt, std::nullopt).error().code, Errc::not_found);
  EXPECT_EQ(theirs.log(*t, DayInput{.date = t->start, .outcome = 3}, t->start).error().code, Errc::not_found);
  EXPECT_TRUE(mine.entries(*t, std::nullopt, std::nullopt)->empty());
}

}  // namespace
}  // namespace trialwise::service

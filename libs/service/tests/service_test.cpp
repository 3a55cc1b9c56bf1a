#include "trialwise/service/service.hpp"

#include "fixtures.hpp"

namespace trialwise::service {
namespace {

using testing::day;
using testing::example_answers;

std::shared_ptr<const pack::Pack> shared_builtin() {
  static const auto p = std::make_shared<const pack::Pack>(testing::builtin_pack());
  return p;
}

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

}  // namespace
}  // namespace trialwise::service

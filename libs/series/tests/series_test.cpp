// The series: which trials are pooled and which are listed apart, the
// thresholds for a pooled estimate and for the baseline analysis (both sides
// of each), the words, the JSON and the forest plot.

#include "trialwise/series/series.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "trialwise/test_support/trial_maker.hpp"

namespace trialwise::series {
namespace {

using test_support::day;
using test_support::generate;
using test_support::gut_trial;
using test_support::kReviewDate;
using test_support::shipped;
using test_support::Spec;

// Person i of a series: a gut trial reviewed at its review date, improving
// by about `effect` (plus i's own deviation), from a baseline of 5 to 7.
ReviewedTrial person(int i, double effect, std::string label = {}) {
  auto t = gut_trial();
  t.id = 100 + i;
  const Spec spec{.level = 5 + (i % 5) * 0.5,
                  .effect = effect + 0.3 * ((i % 3) - 1),
                  .noise = 0.8,
                  .seed = static_cast<std::uint64_t>(i + 1)};
  ReviewedTrial r;
  r.label = label.empty() ? "client" + std::to_string(i) + "@example.org" : label;
  r.trial = t.id;
  r.start = t.start;
  r.reviewed_on = kReviewDate;
  r.review = review::review_trial(shipped(), t, generate(t, spec), kReviewDate);
  return r;
}

std::vector<ReviewedTrial> people(int n, double effect = 2) {
  std::vector<ReviewedTrial> v;
  for (int i = 0; i < n; ++i) v.push_back(person(i, effect));
  return v;
}

Result<Series> pooled(std::vector<ReviewedTrial> trials, Options options = {}) {
  return pool(shipped(), "gut_focused_trial", "gut_symptoms", std::move(trials), day("2027-02-01"), options);
}

TEST(SeriesTest, TwelveClientsWhoImproveArePooledAndSaidInWords) {
  auto s = pooled(people(12, 2.0));
  ASSERT_TRUE(s) << to_string(s.error());
  ASSERT_EQ(s->people.size(), 12U);
  ASSERT_TRUE(s->pooled);
  EXPECT_NEAR(s->pooled->fit.coef[0], 2.0, 0.6);
  EXPECT_GT(s->pooled->p_new_meaningful, 0.5);
  double weights = 0;
  for (const auto& p : s->people) {
    weights += p.weight;
    EXPECT_TRUE(p.shrunken);
  }
  EXPECT_NEAR(weights, 100, 1e-9);
  ASSERT_FALSE(s->words.empty());
  EXPECT_NE(s->words[0].find("In 12 clients whose Gut-focused trial reached its review, Gut symptoms improved by"),
            std::string::npos)
      << s->words[0];
  EXPECT_NE(s->words[0].find("for a new client, the likely range is"), std::string::npos);
  EXPECT_NE(s->words[1].find("at least 1.0 point"), std::string::npos) << s->words[1];
  bool open_label = false, chose = false;
  for (const auto& c : s->caveats) {
    open_label |= c.find("open-label") != std::string::npos;
    chose |= c.find("chose to run") != std::string::npos;
  }
  EXPECT_TRUE(open_label && chose) << "the caveats are always there";
}

TEST(SeriesTest, APooledEstimateNeedsThreePeople) {
  auto two = pooled(people(2));
  ASSERT_TRUE(two);
  EXPECT_FALSE(two->pooled);
  EXPECT_EQ(two->people.size(), 2U) << "each is still listed with its own result";
  EXPECT_EQ(two->people[0].weight, 0);
  EXPECT_NE(two->words[0].find("Only 2 clients reached a review"), std::string::npos) << two->words[0];
  auto three = pooled(people(3));
  ASSERT_TRUE(three);
  EXPECT_TRUE(three->pooled);
  auto none = pooled({});
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->pooled);
  EXPECT_NE(none->words[0].find("No client's"), std::string::npos);
}

TEST(SeriesTest, TheBaselineAnalysisNeedsTenPeople) {
  auto nine = pooled(people(9));
  ASSERT_TRUE(nine);
  EXPECT_FALSE(nine->moderator);
  EXPECT_NE(nine->moderator_note.find("at least 10"), std::string::npos);
  auto ten = pooled(people(10));
  ASSERT_TRUE(ten);
  ASSERT_TRUE(ten->moderator);
  EXPECT_EQ(ten->moderator->fit.coef.size(), 2U);
  EXPECT_TRUE(ten->moderator_note.empty());
  bool regression_to_mean = false;
  for (const auto& c : ten->caveats) regression_to_mean |= c.find("regression to the mean") != std::string::npos;
  EXPECT_TRUE(regression_to_mean);
}

TEST(SeriesTest, TrialsThatCannotBePooledAreListedApartWithTheirReason) {
  auto v = people(4);
  auto not_yet = person(10, 2);
  not_yet.reviewed_on.reset();
  auto t = gut_trial();
  t.id = 200;
  Spec few{.level = 6, .effect = 2};
  for (int d = 10; d < 35; ++d) few.skipped.insert(d);  // active days mostly not logged
  ReviewedTrial inconclusive{"sparse@example.org", t.id, t.start, kReviewDate,
                             review::review_trial(shipped(), t, generate(t, few), kReviewDate)};
  ASSERT_EQ(inconclusive.review.verdict, review::Verdict::inconclusive);
  v.push_back(not_yet);
  v.push_back(inconclusive);
  auto s = pooled(v);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->people.size(), 4U);
  ASSERT_EQ(s->apart.size(), 2U);
  EXPECT_EQ(s->apart[0].why, Apart::not_reviewed_yet);
  EXPECT_FALSE(s->apart[0].verdict);
  EXPECT_EQ(s->apart[1].why, Apart::inconclusive);
  EXPECT_EQ(s->apart[1].label, "sparse@example.org");
  EXPECT_FALSE(s->apart[1].detail.empty()) << "what was missing is said";
  EXPECT_EQ(s->pooled->fit.k, 4U);
}

TEST(SeriesTest, OnePersonCountsOnceByTheirLatestReviewedTrial) {
  auto v = people(3);
  auto again = person(7, 1.0, v[0].label);
  again.reviewed_on = day("2027-03-01");
  again.start = day("2027-02-01");
  v.push_back(again);
  for (bool reversed : {false, true}) {
    auto input = v;
    if (reversed) std::reverse(input.begin(), input.end());
    auto s = pooled(input);
    ASSERT_TRUE(s);
    ASSERT_EQ(s->people.size(), 3U);
    ASSERT_EQ(s->apart.size(), 1U);
    EXPECT_EQ(s->apart[0].why, Apart::earlier_trial);
    EXPECT_EQ(s->apart[0].trial, v[0].trial) << "the earlier trial is the one set apart, whatever the order";
  }
}

TEST(SeriesTest, UnlabelledTrialsAreEachTheirOwnPerson) {
  auto v = people(3);
  for (auto& t : v) t.label.clear();
  auto s = pooled(v);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->people.size(), 3U);
  EXPECT_EQ(s->people[0].label, "trial 100");
}

TEST(SeriesTest, AnUnknownProtocolOrOutcomeIsNamed) {
  auto p = pool(shipped(), "nope", "gut_symptoms", {}, day("2027-02-01"), {});
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::invalid_input);
  EXPECT_EQ(p.error().where, "protocol");
  auto o = pool(shipped(), "gut_focused_trial", "nope", {}, day("2027-02-01"), {});
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().where, "outcome");
}

TEST(SeriesTest, JsonCarriesTheFiguresAndTheOptions) {
  auto s = pooled(people(5), {stats::Tau2Method::dl, true});
  ASSERT_TRUE(s);
  const auto j = to_json(*s);
  EXPECT_EQ(j.at("format").as_string(), "trialwise-series/1");
  EXPECT_EQ(j.at("method").as_string(), "dl");
  EXPECT_EQ(j.at("test").as_string(), "knha");
  const auto& pooled_json = j.at("pooled").as_object();
  EXPECT_EQ(pooled_json.at("estimate").as_double(), s->pooled->fit.coef[0]);
  EXPECT_EQ(pooled_json.at("df").as_int64(), 4);
  EXPECT_EQ(pooled_json.at("k").as_int64(), 5);
  EXPECT_EQ(pooled_json.at("pi_low").as_double(), s->pooled->prediction.pi_low);
  EXPECT_EQ(j.at("people").as_array().size(), 5U);
  EXPECT_TRUE(j.at("moderator").is_null());
  EXPECT_TRUE(j.at("moderator_note").is_string());
  EXPECT_EQ(j.at("people").as_array()[0].at("label").as_string(), "client0@example.org");
}

TEST(SeriesTest, TheForestPlotEscapesLabelsAndDrawsTheDiamondAndTheRange) {
  auto v = people(4);
  v[1].label = "<script>alert(1)</script>\"&";
  auto s = pooled(v);
  ASSERT_TRUE(s);
  const auto svg = forest_svg(*s);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;"), std::string::npos);
  EXPECT_NE(svg.find("<polygon"), std::string::npos) << "the pooled diamond";
  EXPECT_NE(svg.find("Likely range for a new client"), std::string::npos);
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = svg.find("fill=\"#1565c0\"", at)) != std::string::npos; ++at) ++rows;
  EXPECT_EQ(rows, 4U) << "one square per person";
  auto two = pooled(people(2));
  const auto svg2 = forest_svg(*two);
  EXPECT_EQ(svg2.find("<polygon"), std::string::npos) << "no diamond without a pooled estimate";
}

}  // namespace
}  // namespace trialwise::series

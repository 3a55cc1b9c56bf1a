#include "trialwise/review/report.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include <boost/json/serialize.hpp>

#include "trialwise/test_support/trial_maker.hpp"

namespace trialwise::review {
namespace {

using namespace test_support;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

TEST(ReportTest, JsonCarriesTheContractsFields) {
  const auto t = gut_trial();
  const auto r = review_trial(shipped(), t, generate(t, {.effect = 3}), kReviewDate);
  const auto j = to_json(r);
  EXPECT_EQ(j.at("outcome"), "continue");
  for (const char* key : {"estimate", "se", "ci_low", "ci_high", "p_meaningful"})
    EXPECT_TRUE(j.at("effect").as_object().contains(key)) << key;
  EXPECT_DOUBLE_EQ(j.at("effect").at("estimate").as_double(), r.effect->estimate);
  EXPECT_EQ(j.at("days").at("active"), 28);
  EXPECT_EQ(j.at("days").at("baseline"), 7);
  EXPECT_EQ(j.at("adherence").as_double(), 1.0);
  EXPECT_EQ(j.at("next_review_date"), "2027-02-08");
  EXPECT_FALSE(j.at("reasons").as_array().empty());
  EXPECT_TRUE(j.at("side_effects").is_array());
  EXPECT_FALSE(j.contains("series"));
  EXPECT_EQ(to_json(r, true).at("series").as_array().size(), 35u);
}

TEST(ReportTest, AnInconclusiveReviewHasNoNextDateAndListsWhatIsMissing) {
  const auto t = gut_trial();
  const auto r = review_trial(shipped(), t, {}, kReviewDate);
  const auto j = to_json(r);
  EXPECT_EQ(j.at("outcome"), "inconclusive");
  EXPECT_TRUE(j.at("effect").is_null());
  EXPECT_TRUE(j.at("next_review_date").is_null());
  EXPECT_EQ(j.at("missing").as_array().size(), 2u);  // baseline days, active days
}

TEST(ReportTest, WordsPutTheVerdictFirstAndTheCaveatsLast) {
  const auto t = gut_trial();
  const auto r = review_trial(shipped(), t, generate(t, {.effect = 0}), kReviewDate);
  std::ostringstream out;
  describe(r, out);
  const auto text = out.str();
  EXPECT_EQ(text.rfind("Review on 2027-01-11: Stop: no clear benefit.", 0), 0u) << text;
  EXPECT_LT(text.find("The figures:"), text.find("What this trial cannot rule out:"));
  EXPECT_NE(text.find("Adherence: 100%"), std::string::npos);
  EXPECT_EQ(text.find("immune"), std::string::npos);
}

TEST(ReportTest, TheTextChartHasAMarkADayAndAMeanPerPhase) {
  const auto t = gut_trial();
  const auto r = review_trial(shipped(), t, generate(t, {.effect = 3, .skipped = {2, 20}}), kReviewDate);
  const auto chart = chart_text(r, t);
  EXPECT_EQ(count(chart, "\n"), 3u) << chart;      // title, baseline, active
  EXPECT_EQ(count(chart, "·"), 2u + 1u) << chart;  // two missing days, plus the title's legend
  EXPECT_EQ(count(chart, "mean "), 2u);
  EXPECT_NE(chart.find("  baseline"), std::string::npos);
}

TEST(ReportTest, TheSvgChartIsSelfContainedWithAPointADay) {
  const auto t = gut_trial();
  const auto r = review_trial(shipped(), t, generate(t, {.effect = 3}), kReviewDate);
  const auto svg = chart_svg(r, t);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(count(svg, "<circle"), 35u);
  EXPECT_EQ(count(svg, "<rect"), 2u);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("http://", 10), svg.find("http://www.w3.org/2000/svg\""));  // no external reference
}

}  // namespace
}  // namespace trialwise::review

#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "trialwise/export/report_html.hpp"

namespace trialwise::interop {
namespace {

bool has(const std::string& html, std::string_view part) { return html.find(part) != std::string::npos; }

class ClinicianReportTest : public ::testing::Test {
 protected:
  testing::Sample open_ = testing::open_sample();
  const pack::Pack& pack_ = testing::shipped();
  std::string html_ = clinician_report_html(pack_, open_.record, open_.review, {.made_on = testing::day("2027-01-12")});
};

TEST_F(ClinicianReportTest, HasEveryPartInOrder) {
  std::size_t last = 0;
  for (const char* id :
       {"id=\"summary\"", "id=\"who\"", "id=\"screening\"", "id=\"plan\"", "id=\"amendments\"", "id=\"outcome\"",
        "id=\"adherence\"", "id=\"side-effects\"", "id=\"verdict\"", "id=\"sources\"", "id=\"disclaimer\""}) {
    const auto at = html_.find(id);
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_GT(at, last) << id;
    last = at;
  }
  EXPECT_TRUE(html_.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(has(html_, "data-verdict=\"continue\""));
  EXPECT_TRUE(has(html_, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(has(html_, "report made 2027-01-12"));
}

TEST_F(ClinicianReportTest, IsSelfContainedWithoutScript) {
  EXPECT_FALSE(has(html_, "<script"));
  EXPECT_FALSE(has(html_, "<link"));
  EXPECT_FALSE(has(html_, "src="));
  EXPECT_FALSE(has(html_, "@import"));
  EXPECT_FALSE(has(html_, "url("));
  EXPECT_TRUE(has(html_, "@page"));
  EXPECT_TRUE(has(html_, "page-break-inside: avoid"));
}

TEST_F(ClinicianReportTest, EscapesEveryText) {
  EXPECT_FALSE(has(html_, "<b>& Co</b>"));
  EXPECT_TRUE(has(html_, "Pure &quot;Glut&quot; &lt;b&gt;&amp; Co&lt;/b&gt;; caps, naïve \\ 🙂"));
  EXPECT_TRUE(has(html_, "Pharmacy ran out;\nswitched brand"));
}

TEST_F(ClinicianReportTest, ShowsAnAgeBandNotTheAge) {
  EXPECT_TRUE(has(html_, "<td>Age band</td><td>30-39 years</td>"));
  EXPECT_TRUE(has(html_, "<td>How old are you?</td><td>30-39 years</td>"));
  EXPECT_FALSE(has(html_, ">35 years<"));
}

TEST_F(ClinicianReportTest, ShowsFindingsPlanSideEffectsAndSources) {
  EXPECT_TRUE(has(html_, "<td>trial_ok</td>"));
  EXPECT_TRUE(has(html_,
                  "<td>2</td><td class=\"date\">2026-12-21</td><td class=\"num\">10 g</td><td class=\"num\">2</td><td "
                  "class=\"num\">20 g</td><td>if tolerated: each of the last 3 days"));
  EXPECT_TRUE(has(html_, "<th class=\"num\">Step 2</th>"));
  EXPECT_TRUE(has(html_, "<td>Bloating</td>"));
  EXPECT_TRUE(has(html_, "<li>Dosage, Forms, and Timing</li>"));
  EXPECT_TRUE(has(html_, "<li>How to Decide if It Fits</li>"));
  EXPECT_TRUE(has(html_, pack_.disclaimer.text.substr(0, 60)));
  EXPECT_TRUE(has(html_, "Knowledge pack <b>glutamine 2.1.0</b>"));
  for (const auto& c : open_.review.caveats) {
    std::string escaped;
    for (char ch : c)
      escaped += ch == '"' ? std::string("&quot;") : ch == '\'' ? std::string("&#39;") : std::string(1, ch);
    EXPECT_TRUE(has(html_, escaped)) << c;
  }
}

TEST_F(ClinicianReportTest, ShowsBlocksAndAnInconclusiveReview) {
  const auto s = testing::blocks_sample();
  auto early = review::review_trial(pack_, s.record.trial, s.record.entries, testing::day("2026-12-20"));
  const auto html = clinician_report_html(pack_, s.record, early);
  EXPECT_TRUE(has(html, "data-verdict=\"inconclusive\""));
  EXPECT_TRUE(has(html, "<h3>Randomized blocks</h3>"));
  EXPECT_TRUE(has(html, "has not come yet"));
  EXPECT_TRUE(has(html, "None: the trial ran as pre-registered."));
}

TEST_F(ClinicianReportTest, PutsARedFlagAndItsActionFirst) {
  auto s = testing::open_sample();
  s.record.entries[12].red_flags = {"new_neuro_symptoms"};
  s.review = review::review_trial(pack_, s.record.trial, s.record.entries, testing::day("2027-01-11"));
  const auto html = clinician_report_html(pack_, s.record, s.review);
  const auto flag = html.find("<p><b>Red flag logged: New confusion");
  ASSERT_NE(flag, std::string::npos);
  EXPECT_LT(flag, html.find("id=\"who\""));
  EXPECT_TRUE(has(html, "data-verdict=\"see_clinician\""));
  EXPECT_TRUE(has(html, "Stop glutamine and see a clinician promptly."));
}

TEST(ClinicianReportStoredPlanTest, AnOldPlanWithoutAssessmentStillRenders) {
  auto s = testing::open_sample();
  s.record.trial.plan = boost::json::object{};
  const auto html = clinician_report_html(testing::shipped(), s.record, s.review);
  EXPECT_TRUE(has(html, "holds no assessment"));
  EXPECT_TRUE(has(html, "<td>Age band</td><td>not recorded</td>"));
}

}  // namespace
}  // namespace trialwise::interop

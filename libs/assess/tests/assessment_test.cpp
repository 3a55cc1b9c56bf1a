// Personas from the article, as golden tests of assessment.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fixtures.hpp"
#include "trialwise/assess/report.hpp"

namespace trialwise::assess {
namespace {

using namespace testing;

boost::json::object example(const std::string& name) {
  std::ifstream in(std::string(TRIALWISE_EXAMPLES_DIR) + "/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return boost::json::parse(s.str()).as_object();
}

struct Persona {
  const char* file;
  Decision decision;
  Safety safety;
  const char* group;
  Fit fit;
  std::vector<std::string> reasons;
  std::vector<std::string> basics;
};

const Persona kPersonas[] = {
    {"runner_in_heat.json", Decision::trial_ok, Safety::ok, "gut_recovery", Fit::good, {}, {}},
    {"fewer_colds_short_sleep.json",
     Decision::fix_basics_first,
     Safety::ok,
     "general_immunity",
     Fit::poor,
     {},
     {"sleep", "protein"}},
    {"chemo_mouth_sores.json",
     Decision::see_clinician,
     Safety::clinician_first,
     "medical_recovery",
     Fit::good,
     {"active_cancer_treatment", "cancer_diagnosis", "medically_intense_recovery"},
     {}},
    {"liver_encephalopathy_history.json",
     Decision::do_not_start,
     Safety::avoid,
     "general_immunity",
     Fit::poor,
     {"advanced_liver_disease", "hepatic_encephalopathy"},
     {}},
    {"surgery_after_icu.json",
     Decision::see_clinician,
     Safety::clinician_first,
     "medical_recovery",
     Fit::good,
     {"recent_major_surgery_or_burns", "recent_icu", "medically_intense_recovery"},
     {}},
    {"athlete_no_rest_days.json", Decision::fix_basics_first, Safety::ok, "training_recovery", Fit::poor, {}, {"rest"}},
    {"pregnant_gut_trouble.json",
     Decision::see_clinician,
     Safety::clinician_first,
     "gut_recovery",
     Fit::good,
     {"pregnancy"},
     {}},
    {"recovery_powder_user.json",
     Decision::trial_ok,
     Safety::caution,
     "training_recovery",
     Fit::possible,
     {"other_glutamine_products", "untested_glutamine_product"},
     {}},
    // Contract v2: none of these may get a dose.
    {"surgery_gut_trouble.json",
     Decision::see_clinician,
     Safety::clinician_first,
     "gut_recovery",
     Fit::good,
     {"recent_major_surgery_or_burns"},
     {}},
    {"cancer_untreated.json",
     Decision::see_clinician,
     Safety::clinician_first,
     "gut_recovery",
     Fit::good,
     {"cancer_diagnosis"},
     {}},
    {"heart_failure.json",
     Decision::do_not_start,
     Safety::avoid,
     "gut_recovery",
     Fit::good,
     {"other_organ_failure"},
     {}},
    {"tube_feeding.json",
     Decision::see_clinician,
     Safety::clinician_first,
     "gut_recovery",
     Fit::good,
     {"nutrition_support"},
     {}},
    {"kidney_unmonitored.json",
     Decision::see_clinician,
     Safety::clinician_first,
     "gut_recovery",
     Fit::good,
     {"unmonitored_kidney_disease", "other_glutamine_products", "untested_glutamine_product"},
     {}},
};

TEST(AssessmentTest, PersonasFromTheArticle) {
  for (const auto& p : kPersonas) {
    SCOPED_TRACE(p.file);
    const Assessment a = assess_answers(example(p.file));
    EXPECT_EQ(a.decision, p.decision);
    EXPECT_EQ(a.safety, p.safety);
    EXPECT_EQ(a.group, p.group);
    EXPECT_EQ(a.fit, p.fit);
    std::vector<std::string> reasons, basics;
    for (const auto& r : a.reasons) reasons.push_back(r.rule);
    for (const auto& b : a.basics_to_fix) basics.push_back(b.id);
    EXPECT_EQ(reasons, p.reasons);
    EXPECT_EQ(basics, p.basics);
    if (blocks_plan(p.decision)) {
      EXPECT_FALSE(a.plan_allowed);
    }
    EXPECT_FALSE(a.evidence.empty()) << "the evidence for the group is always shown";
  }
}

TEST(AssessmentTest, JsonCarriesContractFieldsAnswersAndPack) {
  const auto answers = *check_answers(shipped_pack(), example("chemo_mouth_sores.json"));
  const auto a = *assess(shipped_pack(), answers);
  const auto json = to_json(shipped_pack(), answers, a);
  for (const char* key :
       {"safety", "group", "fit", "basics_to_fix", "decision", "reasons", "pack", "answers", "evidence", "basics"})
    EXPECT_TRUE(json.contains(key)) << key;
  const auto contract = to_json(shipped_pack(), answers, a, Detail::contract);
  EXPECT_FALSE(contract.contains("evidence"));
  EXPECT_TRUE(contract.contains("answers"));
  EXPECT_FALSE(contract.at("reasons").at(0).as_object().contains("bring"));
  EXPECT_EQ(json.at("decision"), "see_clinician");
  EXPECT_EQ(json.at("pack").at("id"), "glutamine");
  EXPECT_EQ(json.at("answers").at("age"), 58);
  const auto& reason = json.at("reasons").at(0).as_object();
  EXPECT_TRUE(reason.contains("rule") && reason.contains("text") && reason.contains("section"));
}

TEST(AssessmentTest, RefusalShowsReasonsAndWhatToBringButNoDose) {
  const auto answers = *check_answers(shipped_pack(), example("liver_encephalopathy_history.json"));
  const auto a = *assess(shipped_pack(), answers);
  const Error why{Errc::refused, "no plan", ""};
  const std::string text = describe_refusal(shipped_pack(), a, why);
  EXPECT_NE(text.find("Do not start L-glutamine"), std::string::npos);
  EXPECT_NE(text.find("What to bring to a clinician"), std::string::npos);
  EXPECT_EQ(text.find(" g "), std::string::npos) << "no dose anywhere";
  const auto json = refusal_to_json(shipped_pack(), answers, a, why);
  EXPECT_EQ(json.at("bring_to_clinician").as_array().size(), 2u);
  EXPECT_FALSE(json.contains("steps"));
}

}  // namespace
}  // namespace trialwise::assess

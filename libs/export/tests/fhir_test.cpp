#include <set>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "fhir_parts.hpp"
#include "fixtures.hpp"
#include "trialwise/export/fhir.hpp"

namespace trialwise::interop {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

FhirOptions with_pack_text() { return {.pack_text = pack::builtin_pack_text()}; }

// Every "reference" string anywhere under `v`.
void collect_references(const value& v, std::vector<std::string>& out) {
  if (const auto* o = v.if_object()) {
    for (const auto& [k, child] : *o) {
      if (k == "reference" && child.is_string()) out.emplace_back(child.get_string());
      collect_references(child, out);
    }
  } else if (const auto* a = v.if_array()) {
    for (const auto& child : *a) collect_references(child, out);
  }
}

// Every coding ({system, code}) anywhere under `v`.
void collect_codings(const value& v, std::vector<std::pair<std::string, std::string>>& out) {
  if (const auto* o = v.if_object()) {
    const auto* system = o->if_contains("system");
    const auto* code = o->if_contains("code");
    if (system != nullptr && code != nullptr && system->is_string() && code->is_string())
      out.emplace_back(std::string(system->get_string()), std::string(code->get_string()));
    for (const auto& [k, child] : *o) collect_codings(child, out);
  } else if (const auto* a = v.if_array()) {
    for (const auto& child : *a) collect_codings(child, out);
  }
}

void collect_concepts(const array& concepts, std::set<std::string>& out) {
  for (const auto& c : concepts) {
    out.insert(std::string(c.at("code").as_string()));
    if (const auto* children = c.as_object().if_contains("concept")) collect_concepts(children->as_array(), out);
  }
}

std::vector<object> resources_of(const object& bundle, std::string_view type) {
  std::vector<object> out;
  for (const auto& e : bundle.at("entry").as_array()) {
    const auto& r = e.at("resource").as_object();
    if (r.at("resourceType").as_string() == type) out.push_back(r);
  }
  return out;
}

const object* item_with_link(const array& items, std::string_view link) {
  for (const auto& i : items)
    if (i.at("linkId").as_string() == link) return &i.as_object();
  return nullptr;
}

class FhirBundleTest : public ::testing::Test {
 protected:
  testing::Sample open_ = testing::open_sample();
  testing::Sample blocks_ = testing::blocks_sample();
  const pack::Pack& pack_ = testing::shipped();
};

TEST_F(FhirBundleTest, IsACollectionWhoseEveryReferenceResolvesInside) {
  for (const auto* s : {&open_, &blocks_}) {
    const auto bundle = fhir_bundle(pack_, s->record, s->review, with_pack_text());
    EXPECT_EQ(bundle.at("resourceType").as_string(), "Bundle");
    EXPECT_EQ(bundle.at("type").as_string(), "collection");
    std::set<std::string> full_urls;
    std::set<std::string> canonicals;
    for (const auto& e : bundle.at("entry").as_array()) {
      const std::string full_url(e.at("fullUrl").as_string());
      const auto& r = e.at("resource").as_object();
      EXPECT_EQ(full_url, "urn:uuid:" + std::string(r.at("id").as_string()));
      EXPECT_TRUE(full_urls.insert(full_url).second) << "duplicate " << full_url;
      if (const auto* url = r.if_contains("url"))
        canonicals.insert(std::string(url->as_string()) + "|" + std::string(r.at("version").as_string()));
    }
    std::vector<std::string> refs;
    collect_references(bundle, refs);
    EXPECT_GT(refs.size(), 50u);
    for (const auto& ref : refs) EXPECT_TRUE(full_urls.count(ref)) << "dangling reference " << ref;
    // The canonical reference of the answers to their questionnaire.
    const auto qr = resources_of(bundle, "QuestionnaireResponse").at(0);
    EXPECT_TRUE(canonicals.count(std::string(qr.at("questionnaire").as_string())));
  }
}

TEST_F(FhirBundleTest, IdsAndBytesAreStableAcrossExports) {
  const auto first = fhir_bundle_text(pack_, open_.record, open_.review, with_pack_text());
  const auto again = testing::open_sample();  // built afresh
  EXPECT_EQ(first, fhir_bundle_text(pack_, again.record, again.review, with_pack_text()));
  // Another trial shares only the definitions (code systems, questionnaire).
  const auto other = fhir_bundle(pack_, blocks_.record, blocks_.review, with_pack_text());
  const auto mine = boost::json::parse(first).as_object();
  std::set<std::string> ids;
  for (const auto& e : mine.at("entry").as_array()) ids.insert(std::string(e.at("fullUrl").as_string()));
  int shared = 0;
  for (const auto& e : other.at("entry").as_array())
    shared += static_cast<int>(ids.count(std::string(e.at("fullUrl").as_string())));
  EXPECT_EQ(shared, 3);
  // A timestamp, when asked for, is the only difference.
  using namespace std::chrono;
  const auto stamped =
      fhir_bundle(pack_, open_.record, open_.review,
                  {.pack_text = pack::builtin_pack_text(), .timestamp = sys_days{year{2027} / 1 / 12} + hours{9}});
  EXPECT_EQ(stamped.at("timestamp").as_string(), "2027-01-12T09:00:00Z");
  EXPECT_FALSE(mine.contains("timestamp"));
}

TEST_F(FhirBundleTest, RedFlagsAreObservationsWithTheirAction) {
  auto s = testing::open_sample();
  s.record.entries[10].red_flags = {"new_neuro_symptoms"};
  s.review = review::review_trial(pack_, s.record.trial, s.record.entries, testing::day("2027-01-11"));
  const auto bundle = fhir_bundle(pack_, s.record, s.review);
  int flags = 0;
  for (const auto& o : resources_of(bundle, "Observation")) {
    if (o.at("code").at("coding").at(0).at("code").as_string() != "red-flag.new_neuro_symptoms") continue;
    ++flags;
    EXPECT_TRUE(o.at("valueBoolean").as_bool());
    EXPECT_EQ(o.at("effectiveDateTime").as_string(), s.record.entries[10].date.to_string());
    EXPECT_EQ(o.at("note").at(0).at("text").as_string(), pack_.red_flags[0].action);
  }
  EXPECT_EQ(flags, 1);
}

TEST_F(FhirBundleTest, UsesOnlyItsOwnCodesAndRealStandardOnes) {
  const auto bundle = fhir_bundle(pack_, open_.record, open_.review, with_pack_text());
  std::map<std::string, std::set<std::string>> systems;
  for (const auto& cs : resources_of(bundle, "CodeSystem")) {
    auto& codes = systems[std::string(cs.at("url").as_string())];
    collect_concepts(cs.at("concept").as_array(), codes);
    EXPECT_EQ(cs.at("count").to_number<std::size_t>(), codes.size());
  }
  ASSERT_EQ(systems.size(), 2u);
  const std::set<std::string> standard{"http://unitsofmeasure.org",
                                       "http://terminology.hl7.org/CodeSystem/observation-category",
                                       "http://terminology.hl7.org/CodeSystem/medication-statement-category",
                                       "http://hl7.org/fhir/questionnaire-item-control", "urn:ietf:rfc:3986"};
  std::vector<std::pair<std::string, std::string>> codings;
  collect_codings(bundle, codings);
  for (const auto& [system, code] : codings) {
    if (standard.count(system)) continue;
    ASSERT_TRUE(systems.count(system)) << "unknown code system " << system << " (code " << code << ")";
    EXPECT_TRUE(systems[system].count(code)) << code << " is not in " << system;
  }
}

TEST_F(FhirBundleTest, QuestionnaireSaysWhenRestDaysAreAsked) {
  const auto bundle = fhir_bundle(pack_, open_.record, open_.review, with_pack_text());
  const auto q = resources_of(bundle, "Questionnaire").at(0);
  const auto& items = q.at("item").as_array();
  EXPECT_EQ(items.size(), pack_.questionnaire.size());
  const auto* rest = item_with_link(items, "rest_days_per_week");
  ASSERT_NE(rest, nullptr);
  const auto& when = rest->at("enableWhen").as_array();
  ASSERT_EQ(when.size(), 1u);
  EXPECT_EQ(when[0].at("question").as_string(), "training_hours_per_week");
  EXPECT_EQ(when[0].at("operator").as_string(), ">");
  EXPECT_EQ(when[0].at("answerDecimal").to_number<double>(), 0.0);
  EXPECT_FALSE(rest->contains("enableBehavior"));
  EXPECT_EQ(rest->at("extension").as_array().back().at("valueString").as_string(),
            R"({">":[{"var":"training_hours_per_week"},0]})");
  // Types: an enumeration is a choice with its options in the pack's code system.
  const auto* liver = item_with_link(items, "liver_disease");
  EXPECT_EQ(liver->at("type").as_string(), "choice");
  EXPECT_EQ(liver->at("answerOption").as_array().size(), 3u);
  EXPECT_EQ(liver->at("answerOption").as_array()[2].at("valueCoding").at("code").as_string(),
            "answer.liver_disease.advanced");
  const auto* supplements = item_with_link(items, "supplements");
  EXPECT_EQ(supplements->at("type").as_string(), "group");
  EXPECT_TRUE(supplements->at("repeats").as_bool());
  EXPECT_NE(item_with_link(supplements->at("item").as_array(), "supplements.glutamine_g_per_serving"), nullptr);
  EXPECT_EQ(item_with_link(items, "age")->at("type").as_string(), "integer");
  EXPECT_EQ(item_with_link(items, "sleep_hours")->at("type").as_string(), "decimal");
}

TEST_F(FhirBundleTest, ThePackKeepsEachConditionAsWrittenSoNoTextIsNeeded) {
  const auto bundle = fhir_bundle(pack_, open_.record, open_.review);
  const auto q = resources_of(bundle, "Questionnaire").at(0);
  const auto* rest = item_with_link(q.at("item").as_array(), "rest_days_per_week");
  ASSERT_TRUE(rest->contains("enableWhen"));
  EXPECT_EQ(rest->at("enableWhen").as_array().at(0).at("question").as_string(), "training_hours_per_week");
}

TEST_F(FhirBundleTest, WithoutAConditionsSourceItIsFlaggedNotGuessed) {
  auto bare = test_support::fresh_pack();
  for (auto& item : bare->questionnaire) item.applies_if_source = nullptr;
  const auto bundle = fhir_bundle(*bare, open_.record, open_.review);
  const auto q = resources_of(bundle, "Questionnaire").at(0);
  const auto* rest = item_with_link(q.at("item").as_array(), "rest_days_per_week");
  EXPECT_FALSE(rest->contains("enableWhen"));
  EXPECT_EQ(rest->at("extension").as_array().back().at("url").as_string(), kAppliesIfExtension);
  EXPECT_EQ(rest->at("extension").as_array().back().at("valueString").as_string(), "(condition not exported)");
  // Nor from another pack's text.
  std::string other(pack::builtin_pack_text());
  other.replace(other.find("\"2.1.0\""), 7, "\"9.9.9\"");
  const auto b2 = fhir_bundle(*bare, open_.record, open_.review, {.pack_text = other});
  const auto q2 = resources_of(b2, "Questionnaire").at(0);
  EXPECT_FALSE(item_with_link(q2.at("item").as_array(), "rest_days_per_week")->contains("enableWhen"));
}

std::optional<detail::EnableWhen> map_rule(std::string_view json) {
  return detail::to_enable_when(boost::json::parse(json), testing::shipped(), "S");
}

TEST(EnableWhenTest, MapsSimpleComparisonsExactly) {
  auto w = map_rule(R"({"==": [{"var": "liver_disease"}, "advanced"]})");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->conditions[0].at("operator").as_string(), "=");
  EXPECT_EQ(w->conditions[0].at("answerCoding").at("code").as_string(), "answer.liver_disease.advanced");
  w = map_rule(R"({"<": [0, {"var": "training_hours_per_week"}]})");  // item on the right: the operator turns
  ASSERT_TRUE(w);
  EXPECT_EQ(w->conditions[0].at("operator").as_string(), ">");
  w = map_rule(R"({"!": {"var": "pregnant"}})");
  ASSERT_TRUE(w);
  EXPECT_FALSE(w->conditions[0].at("answerBoolean").as_bool());
  w = map_rule(R"({"var": ["icu_recent"]})");
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->conditions[0].at("answerBoolean").as_bool());
  w = map_rule(R"({"and": [{">=": [{"var": "age"}, 18]}, {"!==": [{"var": "kidney_disease"}, "none"]}]})");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->behavior, "all");
  EXPECT_EQ(w->conditions[0].at("answerInteger").as_int64(), 18);
  EXPECT_EQ(w->conditions[1].at("operator").as_string(), "!=");
  w = map_rule(R"({"in": [{"var": "problem"}, ["gut_symptoms", "heavy_training"]]})");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->behavior, "any");
  EXPECT_EQ(w->conditions.size(), 2u);
}

TEST(EnableWhenTest, RefusesWhatFhirCannotSayExactly) {
  EXPECT_FALSE(map_rule(R"({"<": [18, {"var": "age"}, 65]})"));                  // between
  EXPECT_FALSE(map_rule(R"({">": [{"var": "age"}, 17.5]})"));                    // fractional bound on an integer
  EXPECT_FALSE(map_rule(R"({">": [{"var": "rest_days_per_week"}, 0]})"));        // a conditional item may be unanswered
  EXPECT_FALSE(map_rule(R"({"var": ["pregnant", true]})"));                      // a default changes a missing answer
  EXPECT_FALSE(map_rule(R"({"==": [{"var": "liver_disease"}, "cirrhosis"]})"));  // not a value of the item
  EXPECT_FALSE(map_rule(R"({">": [{"var": "age"}, {"var": "prescription_count"}]})"));
  EXPECT_FALSE(map_rule(R"({"and": [{"var": "pregnant"}, {"in": [{"var": "problem"}, ["a", "b"]]}]})"));
  EXPECT_FALSE(map_rule(R"({"or": [{"and": [{"var": "pregnant"}]}]})"));
  EXPECT_FALSE(map_rule(R"({"var": "age"})"));                                               // truthiness of a number
  EXPECT_FALSE(map_rule(R"({"in": [{"var": "problem"}, "gut_symptoms heavy_training"]})"));  // substring search
  EXPECT_FALSE(map_rule(R"({"missing": ["age"]})"));
}

TEST_F(FhirBundleTest, AnswersComeFromTheStoredPlan) {
  const auto bundle = fhir_bundle(pack_, open_.record, open_.review, with_pack_text());
  const auto qr = resources_of(bundle, "QuestionnaireResponse").at(0);
  EXPECT_EQ(qr.at("authored").as_string(), "2026-12-06T19:30:00Z");
  const auto& items = qr.at("item").as_array();
  EXPECT_EQ(item_with_link(items, "age")->at("answer").at(0).at("valueInteger").as_int64(), 35);
  EXPECT_EQ(item_with_link(items, "problem")->at("answer").at(0).at("valueCoding").at("code").as_string(),
            "answer.problem.gut_symptoms");
  EXPECT_FALSE(item_with_link(items, "pregnant")->at("answer").at(0).at("valueBoolean").as_bool());
  EXPECT_EQ(item_with_link(items, "supplements"), nullptr);         // none taken
  EXPECT_NE(item_with_link(items, "rest_days_per_week"), nullptr);  // applies: trains 4 hours a week
}

TEST_F(FhirBundleTest, SupplementListsBecomeRepeatedGroups) {
  auto s = testing::open_sample();
  auto& answers = s.record.trial.plan.as_object()["assessment"].as_object()["answers"].as_object();
  answers["supplements"] =
      boost::json::parse(R"([{"name": "Whey", "glutamine_g_per_serving": 2.5, "servings_per_day": 1,
    "third_party_tested": true}, {"name": "Recovery blend", "glutamine_g_per_serving": 0, "servings_per_day": 2,
    "third_party_tested": false}])");
  const auto bundle = fhir_bundle(pack_, s.record, s.review);
  const auto qr = resources_of(bundle, "QuestionnaireResponse").at(0);
  int groups = 0;
  for (const auto& item : qr.at("item").as_array()) {
    if (item.at("linkId").as_string() != "supplements") continue;
    ++groups;
    const auto* grams = item_with_link(item.at("item").as_array(), "supplements.glutamine_g_per_serving");
    ASSERT_NE(grams, nullptr);
    EXPECT_TRUE(grams->at("answer").at(0).as_object().contains("valueDecimal"));
  }
  EXPECT_EQ(groups, 2);
}

TEST_F(FhirBundleTest, IntakeIsOneStatementPerStepWithDosage) {
  const auto bundle = fhir_bundle(pack_, open_.record, open_.review);
  const auto ms = resources_of(bundle, "MedicationStatement");
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].at("effectivePeriod").at("start").as_string(), "2026-12-14");
  EXPECT_EQ(ms[0].at("effectivePeriod").at("end").as_string(), "2026-12-20");
  EXPECT_EQ(ms[1].at("effectivePeriod").at("start").as_string(), "2026-12-21");
  EXPECT_EQ(ms[1].at("effectivePeriod").at("end").as_string(), "2027-01-10");
  const auto& dosage = ms[1].at("dosage").at(0);
  EXPECT_EQ(dosage.at("doseAndRate").at(0).at("doseQuantity").at("value").to_number<double>(), 10.0);
  EXPECT_EQ(dosage.at("doseAndRate").at(0).at("doseQuantity").at("code").as_string(), "g");
  EXPECT_EQ(dosage.at("timing").at("repeat").at("frequency").as_int64(), 2);
  EXPECT_EQ(ms[1].at("status").as_string(), "completed");  // reviewed on the review date
  EXPECT_EQ(ms[0].at("medicationCodeableConcept").at("text").as_string(),
            "L-glutamine (" + testing::kTrickyProduct + ")");
  // Block design: on blocks only.
  const auto blocks = fhir_bundle(pack_, blocks_.record, blocks_.review);
  for (const auto& m : resources_of(blocks, "MedicationStatement")) {
    const auto first = *Date::parse(m.at("effectivePeriod").at("start").as_string(), "t");
    const auto last = *Date::parse(m.at("effectivePeriod").at("end").as_string(), "t");
    for (Date d = first; d <= last; d = d.plus_days(1))
      EXPECT_TRUE(model::is_on_day(blocks_.record.trial, d)) << d.to_string();
  }
}

TEST_F(FhirBundleTest, EachDayAndSideEffectIsAnObservation) {
  const auto bundle = fhir_bundle(pack_, open_.record, open_.review);
  int outcomes = 0, side_effects = 0, doses = 0, verdicts = 0;
  for (const auto& o : resources_of(bundle, "Observation")) {
    const std::string kind(o.at("category").as_array().back().at("coding").at(0).at("code").as_string());
    if (kind == "daily-outcome") {
      ++outcomes;
      EXPECT_EQ(o.at("valueQuantity").at("code").as_string(), "{score}");
      EXPECT_EQ(o.at("code").at("coding").at(0).at("code").as_string(), "outcome.gut_symptoms");
    }
    if (kind == "side-effect-score") {
      ++side_effects;
      EXPECT_TRUE(o.contains("valueInteger"));
    }
    if (kind == "doses-taken") ++doses;
    if (kind == "review-verdict") {
      ++verdicts;
      EXPECT_EQ(o.at("valueCodeableConcept").at("coding").at(0).at("code").as_string(),
                "verdict-" + std::string(review::to_string(open_.review.verdict)));
      EXPECT_EQ(o.at("status").as_string(), "final");
      EXPECT_EQ(o.at("derivedFrom").as_array().size(), open_.record.entries.size());
    }
  }
  EXPECT_EQ(outcomes, static_cast<int>(open_.record.entries.size()));
  int logged_side_effects = 0;
  for (const auto& e : open_.record.entries) logged_side_effects += static_cast<int>(e.side_effects.size());
  EXPECT_EQ(side_effects, logged_side_effects);
  EXPECT_EQ(doses, static_cast<int>(open_.record.entries.size()));
  EXPECT_EQ(verdicts, 1);
}

TEST_F(FhirBundleTest, CarePlanHoldsTheStepsTheReviewAndEveryAmendment) {
  const auto bundle = fhir_bundle(pack_, open_.record, open_.review);
  const auto cp = resources_of(bundle, "CarePlan").at(0);
  const auto& activities = cp.at("activity").as_array();
  ASSERT_EQ(activities.size(), 4u);  // baseline, two steps, review
  EXPECT_EQ(activities[0].at("detail").at("scheduledPeriod").at("end").as_string(), "2026-12-13");
  EXPECT_EQ(activities[3].at("detail").at("code").at("coding").at(0).at("code").as_string(), "activity-review");
  const auto& notes = cp.at("note").as_array();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].at("time").as_string(), "2026-12-16T08:05:00Z");
  EXPECT_NE(std::string(notes[0].at("text").as_string()).find(testing::kTrickyProduct), std::string::npos);
  EXPECT_NE(std::string(notes[0].at("text").as_string()).find("Pharmacy ran out;\nswitched"), std::string::npos);
}

TEST_F(FhirBundleTest, SafetyFindingsCiteTheirSections) {
  // A person with monitored kidney disease: a finding with a section.
  auto s = testing::open_sample();
  auto& a = s.record.trial.plan.as_object()["assessment"].as_object();
  a["reasons"] = boost::json::parse(R"([{"rule": "kidney_monitored", "level": "caution", "text": "Kidney <disease>",
    "section": "Who Should Avoid It", "bring": "Latest eGFR"}])");
  const auto bundle = fhir_bundle(pack_, s.record, s.review);
  const auto ra = resources_of(bundle, "RiskAssessment").at(0);
  const auto& p = ra.at("prediction").at(0);
  EXPECT_EQ(p.at("outcome").at("text").as_string(), "Kidney <disease>");
  EXPECT_NE(std::string(p.at("rationale").as_string()).find("Who Should Avoid It"), std::string::npos);
  EXPECT_EQ(p.at("qualitativeRisk").at("coding").at(0).at("code").as_string(), "safety-caution");
  EXPECT_NE(std::string(ra.at("text").at("div").as_string()).find("Kidney &lt;disease&gt;"), std::string::npos);
}

TEST(FhirDateTimeTest, AcceptsFhirFormsOnly) {
  EXPECT_TRUE(detail::is_fhir_datetime("2026-12-06T19:30:00Z"));
  EXPECT_TRUE(detail::is_fhir_datetime("2026-12-06"));
  EXPECT_TRUE(detail::is_fhir_datetime("2026-12-06T19:30:00.5+01:00"));
  EXPECT_FALSE(detail::is_fhir_datetime(""));
  EXPECT_FALSE(detail::is_fhir_datetime("2026-12-06 19:30:00"));
  EXPECT_FALSE(detail::is_fhir_datetime("2026-12-06T19:30Z"));
}

}  // namespace
}  // namespace trialwise::interop

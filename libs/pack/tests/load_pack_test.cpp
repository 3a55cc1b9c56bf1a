#include "trialwise/pack/pack.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <functional>
#include <sstream>

namespace trialwise::pack {
namespace {

boost::json::value builtin_json() { return boost::json::parse(builtin_pack_text()); }

// Loads the shipped pack after `change`, expecting exactly the listed problems.
Problems problems_after(const std::function<void(boost::json::object&)>& change) {
  auto json = builtin_json();
  change(json.as_object());
  auto pack = load_pack(boost::json::serialize(json), "test.json");
  return pack ? Problems{} : pack.error();
}

bool has_problem(const Problems& problems, const std::string& where, const std::string& words) {
  for (const auto& p : problems)
    if (p.where == where && p.message.find(words) != std::string::npos) return true;
  return false;
}

std::string list(const Problems& problems) {
  std::string out;
  for (const auto& p : problems) out += "\n  " + to_string(p);
  return out;
}

TEST(LoadPackTest, ShippedPackLoadsCleanly) {
  auto pack = load_pack(builtin_pack_text(), builtin_pack_name());
  ASSERT_TRUE(pack) << list(pack.error());
  EXPECT_EQ(pack->id, "glutamine");
  EXPECT_EQ(pack->groups.size(), 4u);
  EXPECT_EQ(pack->protocols.size(), 4u);
  EXPECT_EQ(pack->questionnaire.size(), 25u) << "every item of contract v2";
  EXPECT_GE(pack->safety_rules.size(), 15u);
  ASSERT_NE(pack->group_for_problem("surgery_or_burns"), nullptr);
  EXPECT_EQ(pack->group_for_problem("surgery_or_burns")->id, "medical_recovery");
  EXPECT_FALSE(pack->find_protocol("medically_supervised")->issues_dose);
}

TEST(LoadPackTest, BuiltInTextIsThePackFile) {
  std::ifstream in(TRIALWISE_PACK_FILE);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), builtin_pack_text());
}

TEST(LoadPackTest, EverySourceIsASectionOrAReasonedDefault) {
  auto pack = load_pack(builtin_pack_text(), builtin_pack_name());
  ASSERT_TRUE(pack);
  auto ok = [&](const Source& s) {
    if (s.is_pack_default()) return !s.reason.empty();
    return std::find(pack->sections.begin(), pack->sections.end(), s.section) != pack->sections.end();
  };
  for (const auto& r : pack->safety_rules) EXPECT_TRUE(ok(r.source)) << r.id;
  for (const auto& p : pack->protocols) EXPECT_TRUE(ok(p.source)) << p.id;
  for (const auto& e : pack->evidence) EXPECT_TRUE(ok(e.source)) << e.id;
  for (const auto& b : pack->basics) EXPECT_TRUE(ok(b.source)) << b.id;
}

// The article warns against selling glutamine as an "immune boost": no text
// the pack shows a person may use the phrase except to deny it.
void collect_texts(const boost::json::value& v, const std::string& key, std::vector<std::string>& out) {
  if (v.is_string() && key != "quote") out.emplace_back(v.get_string());
  if (v.is_array())
    for (const auto& e : v.get_array()) collect_texts(e, key, out);
  if (v.is_object())
    for (const auto& kv : v.get_object()) collect_texts(kv.value(), std::string(kv.key()), out);
}

TEST(LoadPackTest, NoWordingPromisesAnImmuneBoost) {
  std::vector<std::string> texts;
  collect_texts(builtin_json(), "", texts);
  ASSERT_GT(texts.size(), 100u);
  for (const auto& text : texts) {
    std::string lower;
    for (char c : text) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (lower.find("immune boost") == std::string::npos && lower.find("boosts immun") == std::string::npos) continue;
    EXPECT_NE(lower.find("not "), std::string::npos) << "promises an immune boost: " << text;
  }
}

TEST(LoadPackTest, ReportsUnknownKeysWithPointers) {
  auto p = problems_after([](boost::json::object& o) {
    o["protocols"].as_array()[1].as_object()["dose"] = 5;
    o["extra"] = true;
  });
  EXPECT_TRUE(has_problem(p, "test.json#/protocols/1/dose", "unknown field")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/extra", "unknown field")) << list(p);
  EXPECT_EQ(p.size(), 2u) << list(p);
}

TEST(LoadPackTest, ReportsRulesThatDoNotCompileAtTheirNode) {
  auto p = problems_after([](boost::json::object& o) {
    o["safety_rules"].as_array()[0].as_object()["when"] = boost::json::parse(R"({"and": [true, {"equals": [1, 1]}]})");
  });
  EXPECT_TRUE(has_problem(p, "test.json#/safety_rules/0/when/and/1", "unknown operator \"equals\"")) << list(p);
}

TEST(LoadPackTest, ReportsReadsOfAnswersNobodyIsAsked) {
  auto p = problems_after([](boost::json::object& o) {
    o["basics"].as_array()[0].as_object()["when"] = boost::json::parse(R"({"<": [{"var": "sleep_hrs"}, 7]})");
    o["safety_rules"].as_array()[15].as_object()["when"] =
        boost::json::parse(R"({"some": [{"var": "supplements"}, {">": [{"var": "glutamine_mg"}, 0]}]})");
    o["decision"].as_object()["rule"] =
        boost::json::parse(R"({"if": [{"var": "pregnant"}, "see_clinician", "trial_ok"]})");
  });
  EXPECT_TRUE(has_problem(p, "test.json#/basics/0/when/</0/var", "\"sleep_hrs\"")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/safety_rules/15/when/some/1/>/0/var", "\"glutamine_mg\"")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/decision/rule/if/0/var", "\"pregnant\"")) << list(p);
}

TEST(LoadPackTest, ReportsSourcesThatAreNeitherSectionNorReasonedDefault) {
  auto p = problems_after([](boost::json::object& o) {
    o["protocols"].as_array()[0].as_object().erase("source");
    o["protocols"].as_array()[1].as_object()["source"] = "Somewhere Else";
    o["basics"].as_array()[1].as_object()["source"] = "pack default";
    o["basics"].as_array()[1].as_object().erase("quote");
  });
  EXPECT_TRUE(has_problem(p, "test.json#/protocols/0/source", "missing")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/protocols/1/source", "not a section")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/basics/1/reason", "needs a one-line reason")) << list(p);
}

TEST(LoadPackTest, ReportsInconsistentStructure) {
  auto p = problems_after([](boost::json::object& o) {
    auto& groups = o["groups"].as_array();
    groups[0].as_object()["problems"] = boost::json::array{"fewer_colds", "gut_symptoms"};  // in two groups now
    auto& steps = o["protocols"].as_array()[0].as_object()["steps"].as_array();
    steps[1].as_object()["start_day"] = 1;  // not after the first step
    o["protocols"].as_array()[2].as_object()["steps"] =
        boost::json::parse(R"([{"start_day":1,"dose_g":5,"times_per_day":1}])");
    o["outcomes"].as_array()[0].as_object()["groups"] = boost::json::array{"nobody"};
    o["safety_rules"].as_array()[1].as_object()["id"] = "advanced_liver_disease";
    o["safety_rules"].as_array()[2].as_object()["level"] = "ok";
  });
  EXPECT_TRUE(has_problem(p, "test.json#/groups", "\"gut_symptoms\" must belong to exactly one group, not 2"))
      << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/protocols/0/steps/1/start_day", "increasing")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/protocols/2/steps", "issues no dose")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/outcomes/0/groups/0", "\"nobody\"")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/safety_rules/1/id", "duplicate")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/safety_rules/2/level", "must be caution")) << list(p);
}

TEST(LoadPackTest, ReportsBadTypesAndRanges) {
  auto p = problems_after([](boost::json::object& o) {
    o["questionnaire"].as_array()[0].as_object()["min"] = "zero";
    o["questionnaire"].as_array()[1].as_object()["type"] = "choice";
    o["review_policy"].as_object()["adherence_threshold"] = 80;
    o["plan"].as_object()["baseline_days"] = 2.5;
  });
  EXPECT_TRUE(has_problem(p, "test.json#/questionnaire/0/min", "must be a number")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/questionnaire/1/type", "unknown type \"choice\"")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/review_policy/adherence_threshold", "between 0 and 1")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/plan/baseline_days", "whole number")) << list(p);
}

TEST(LoadPackTest, ReportsJsonSyntaxErrorsWithLineAndColumn) {
  auto pack = load_pack("{\n  \"format\": ,\n}", "broken.json");
  ASSERT_FALSE(pack);
  ASSERT_EQ(pack.error().size(), 1u);
  EXPECT_EQ(pack.error()[0].where, "broken.json:line 2, column 13");
}

TEST(LoadPackTest, TheIngredientsLabelFormsAndRulesAreRead) {
  auto pack = load_pack(builtin_pack_text(), builtin_pack_name());
  ASSERT_TRUE(pack) << list(pack.error());
  const auto& ing = pack->ingredient;
  EXPECT_TRUE(ing.reads_labels());
  const auto* dipeptide = ing.find_form("alanyl_glutamine");
  ASSERT_NE(dipeptide, nullptr);
  EXPECT_EQ(dipeptide->fraction, 146.14 / 217.22);  // the molar-mass ratio, to the last bit
  EXPECT_TRUE(dipeptide->source.is_pack_default());
  EXPECT_EQ(ing.find_form("protein")->counted, Counted::not_counted);
  EXPECT_FALSE(ing.find_form("protein")->note.empty());
  EXPECT_EQ(ing.find_form("glutamine_peptides")->counted, Counted::upper_bound);
  ASSERT_FALSE(ing.label_rules.empty());
  EXPECT_EQ(ing.label_rules.back().form, "l_glutamine");
}

TEST(LoadPackTest, APackWithoutAnIngredientLoadsAndReadsNoLabels) {
  auto json = builtin_json();
  json.as_object().erase("ingredient");
  auto pack = load_pack(boost::json::serialize(json), "test.json");
  ASSERT_TRUE(pack) << list(pack.error());
  EXPECT_FALSE(pack->ingredient.reads_labels());
}

TEST(LoadPackTest, BadLabelFormsAndRulesAreNamed) {
  auto p = problems_after([](boost::json::object& o) {
    auto& ing = o["ingredient"].as_object();
    auto& forms = ing["label_forms"].as_array();
    forms[0].as_object()["counted"] = "sometimes";
    forms[1].as_object()["fraction"] = 1.5;
    forms[6].as_object().erase("note");  // protein: not counted, so it needs one
    auto& rules = ing["label_rules"].as_array();
    rules[0].as_object()["form"] = "no_such_form";
    rules[1].as_object()["words"] = boost::json::array{boost::json::array{"Glycyl-Glutamine"}};
    rules[2].as_object()["words"] = boost::json::array{boost::json::array{}};
  });
  EXPECT_TRUE(has_problem(p, "test.json#/ingredient/label_forms/0/counted", "by_fraction")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/ingredient/label_forms/1/fraction", "between 0 and 1")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/ingredient/label_forms/6/note", "missing")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/ingredient/label_rules/0/form", "not one of")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/ingredient/label_rules/1/words/0/0", "lower-case")) << list(p);
  EXPECT_TRUE(has_problem(p, "test.json#/ingredient/label_rules/2/words/0", "non-empty")) << list(p);
}

}  // namespace
}  // namespace trialwise::pack

// parse_label over hand-written labels in the DSLD's JSON form (tests/data)
// and small inline ones: the grams counted, the rows they come from, the
// flags, and the errors for broken files.

#include <fstream>
#include <iterator>
#include <sstream>

#include <gtest/gtest.h>

#include "trialwise/labels/label.hpp"
#include "trialwise/test_support/answers.hpp"

namespace trialwise::labels {
namespace {

// The shipped pack's label forms and rules.
const pack::Ingredient& ingredient() { return test_support::shipped().ingredient; }

std::string read_data(const std::string& name) {
  std::ifstream in(std::string(TRIALWISE_LABELS_DATA) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << "missing test file " << name;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Result<model::Product> parse_file(const std::string& name) { return parse_label(ingredient(), read_data(name), name); }

model::Product load(const std::string& name) {
  auto p = parse_file(name);
  EXPECT_TRUE(p) << to_string(p.error());
  return p ? *p : model::Product{};
}

std::vector<std::string> flag_ids(const model::Product& p) {
  std::vector<std::string> ids;
  for (const auto& f : p.flags) ids.push_back(f.id);
  return ids;
}

using Ids = std::vector<std::string>;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(LabelTest, PlainPowderCountsFiveGramsPerScoop) {
  const model::Product p = load("powder_5g.json");
  EXPECT_EQ(p.name, "Pure L-Glutamine Powder");
  EXPECT_EQ(p.brand, "Example Nutrition");
  EXPECT_EQ(p.label_id, "900001");
  ASSERT_TRUE(p.amount_g_per_serving);
  EXPECT_EQ(*p.amount_g_per_serving, 5.0);
  EXPECT_EQ(p.serving, "5 Gram(s) (1 level scoop)");
  EXPECT_EQ(flag_ids(p), Ids{});
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].name, "L-Glutamine");
  EXPECT_EQ(p.rows[0].where, "/ingredientRows/1");
  EXPECT_EQ(p.rows[0].form, "l_glutamine");
  EXPECT_EQ(p.rows[0].amount, 5.0);
  EXPECT_EQ(p.rows[0].unit, "Gram(s)");
  EXPECT_EQ(p.rows[0].op, "=");
  EXPECT_EQ(p.rows[0].fraction, 1.0);
  EXPECT_EQ(p.rows[0].amount_g, 5.0);
}

TEST(LabelTest, CapsulesInMilligramsConvertToGrams) {
  const model::Product p = load("capsules_mg.json");
  ASSERT_TRUE(p.amount_g_per_serving);
  EXPECT_EQ(*p.amount_g_per_serving, 1.0);
  EXPECT_EQ(p.serving, "2 Capsule(s)");
  EXPECT_EQ(flag_ids(p), Ids{});
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].amount, 1000.0);
  EXPECT_EQ(p.rows[0].unit, "mg");
}

TEST(LabelTest, BlendWithoutAmountCountsNothingAndIsFlagged) {
  const model::Product p = load("blend_no_amount.json");
  EXPECT_FALSE(p.amount_g_per_serving) << "glutamine is listed, its amount unknown";
  EXPECT_EQ(flag_ids(p), Ids{"blend_without_amount"});
  EXPECT_EQ(p.flags[0].where, "/ingredientRows/1/nestedRows/0");
  EXPECT_EQ(p.flags[0].message,
            "\"L-Glutamine\" is listed in \"Recovery Matrix Proprietary Blend\" without an amount of its own, so it "
            "counts 0 g and the daily total cannot be sure how much glutamine this product adds (the whole blend is "
            "8 Gram(s) a serving, so up to that much)");
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].unit, "NP");
  EXPECT_EQ(p.rows[0].amount, 0.0);
  EXPECT_FALSE(p.rows[0].amount_g);
}

TEST(LabelTest, BlendWithNestedAmountsCountsTheIngredientRow) {
  const model::Product p = load("blend_nested_amounts.json");
  ASSERT_TRUE(p.amount_g_per_serving);
  EXPECT_EQ(*p.amount_g_per_serving, 3.0);
  EXPECT_EQ(p.serving, "1 Scoop(s) (8 g)");
  EXPECT_EQ(flag_ids(p), Ids{});
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].where, "/ingredientRows/0/nestedRows/1");
  EXPECT_EQ(p.rows[0].amount_g, 3.0);
}

TEST(LabelTest, AlanylGlutamineCountsItsGlutamineByMolarMass) {
  const model::Product p = load("alanyl_glutamine.json");
  // 1 g x 146.14 / 217.22 = 0.67277... g, rounded to 0.1 mg.
  ASSERT_TRUE(p.amount_g_per_serving);
  EXPECT_EQ(*p.amount_g_per_serving, 0.6728);
  EXPECT_EQ(flag_ids(p), Ids{});
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].form, "alanyl_glutamine");
  EXPECT_DOUBLE_EQ(p.rows[0].fraction, 146.14 / 217.22);  // the pack's figure, exactly as computed
  EXPECT_EQ(p.rows[0].amount_g, 0.6728);
}

TEST(LabelTest, GlycylGlutamineAndTheHydrochlorideCountByMolarMass) {
  const model::Product p = load("glycyl_and_salt.json");
  // 1 g x 146.14/203.20 (0.71919) + 1 g x 146.14/182.60 (0.80033) = 1.51952
  ASSERT_TRUE(p.amount_g_per_serving);
  EXPECT_EQ(*p.amount_g_per_serving, 1.5195);
  EXPECT_EQ(flag_ids(p), Ids{});
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].form, "glycyl_glutamine");
  EXPECT_EQ(p.rows[0].amount_g, 0.7192);
  EXPECT_EQ(p.rows[1].form, "glutamine_hcl");
  EXPECT_EQ(p.rows[1].amount_g, 0.8003);
  EXPECT_EQ(p.serving, "3 Capsule(s)");
}

TEST(LabelTest, ProteinPowderWithGlutamicAcidOnlyHasNoGlutamine) {
  const model::Product p = load("protein_glutamic_acid.json");
  ASSERT_TRUE(p.amount_g_per_serving);
  EXPECT_EQ(*p.amount_g_per_serving, 0.0) << "glutamic acid and MSG are not glutamine";
  EXPECT_EQ(flag_ids(p), Ids{"may_contain"});
  EXPECT_EQ(p.flags[0].where, "/ingredientRows/1");
  EXPECT_TRUE(contains(p.flags[0].message, "\"Protein\" holds glutamine bound in protein")) << p.flags[0].message;
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].form, "protein");
  EXPECT_FALSE(p.rows[0].amount_g);
}

TEST(LabelTest, OddUnitsCountNothingAndAreFlagged) {
  const model::Product p = load("odd_units.json");
  EXPECT_FALSE(p.amount_g_per_serving);
  EXPECT_EQ(flag_ids(p), (Ids{"unrecognised_unit", "unrecognised_unit"}));
  EXPECT_EQ(p.flags[0].where, "/ingredientRows/0");
  EXPECT_EQ(
      p.flags[0].message,
      "\"L-Glutamine\" is given as 10 %, which is not a weight: Trialwise cannot turn it into grams, so it counts "
      "0 g. Look on the label for an amount in g or mg");
  EXPECT_EQ(p.flags[1].where, "/ingredientRows/1");
  EXPECT_TRUE(contains(p.flags[1].message, "\"Alanyl-Glutamine\" is given as 200 IU, which is not a weight"));
  EXPECT_EQ(p.rows.size(), 2u) << "vitamin D in IU is not glutamine: no flag, no row";
}

TEST(LabelTest, MicrogramsInBothSpellingsConvertToGrams) {
  const model::Product p = load("mcg.json");
  // 750000 mcg = 0.75 g; 500000 µg of the hydrochloride = 0.5 g x 0.80033 = 0.40016 g.
  ASSERT_TRUE(p.amount_g_per_serving);
  EXPECT_EQ(*p.amount_g_per_serving, 1.1502);
  EXPECT_EQ(flag_ids(p), Ids{});
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].amount_g, 0.75);
  EXPECT_EQ(p.rows[1].unit, "\xc2\xb5g");
  EXPECT_EQ(p.rows[1].amount_g, 0.4002);
}

TEST(LabelTest, MultipleServingSizesCountTheFirstAndNameTheOthers) {
  const model::Product p = load("multiple_servings.json");
  ASSERT_TRUE(p.amount_g_per_serving);
  EXPECT_EQ(*p.amount_g_per_serving, 5.0) << "serving size order 1, listed second";
  EXPECT_EQ(p.serving, "1 Scoop(s) (5 g)");
  EXPECT_EQ(flag_ids(p), Ids{"multiple_serving_sizes"});
  EXPECT_EQ(p.flags[0].where, "/servingSizes");
  EXPECT_EQ(p.flags[0].message,
            "The label gives 2 serving sizes: 1 Scoop(s) (5 g), with 5 g of glutamine; 2 Scoop(s) (10 g), with 10 g of "
            "glutamine. Trialwise counts the first (1 Scoop(s) (5 g)): give servings a day in servings of that size");
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].amount, 5.0);
}

TEST(LabelTest, ServingSizeRangeIsFlagged) {
  auto p =
      parse_label(ingredient(),
                  R"j({"fullName": "Caps", "servingSizes": [{"minQuantity": 1, "maxQuantity": 2, "unit": "Capsule(s)"}],
                           "ingredientRows": [{"name": "L-Glutamine", "quantity": [{"quantity": 500, "unit": "mg"}]}]})j",
                  "range.json");
  ASSERT_TRUE(p) << to_string(p.error());
  EXPECT_EQ(p->amount_g_per_serving, 0.5);
  EXPECT_EQ(p->serving, "1-2 Capsule(s)");
  EXPECT_EQ(flag_ids(*p), Ids{"serving_size_range"});
  EXPECT_EQ(p->flags[0].where, "/servingSizes/0");
}

TEST(LabelTest, TopLevelGlutamineWithoutAmountIsFlagged) {
  auto p =
      parse_label(ingredient(), R"j({"fullName": "X", "ingredientRows": [{"name": "Glutamine"}, {"name": "L-Glutamine",
                           "quantity": []}, {"name": "Zinc", "quantity": [{"quantity": 10, "unit": "mg"}]}]})j",
                  "x.json");
  ASSERT_TRUE(p) << to_string(p.error());
  EXPECT_FALSE(p->amount_g_per_serving);
  EXPECT_EQ(flag_ids(*p), (Ids{"amount_not_given", "amount_not_given"}));
  EXPECT_EQ(p->flags[1].where, "/ingredientRows/1");
  EXPECT_EQ(p->serving, "one serving");
}

TEST(LabelTest, CountedAndUncountedRowsGiveALowerBoundWithItsFlag) {
  auto p = parse_label(ingredient(), R"j({"fullName": "X", "ingredientRows": [
      {"name": "L-Glutamine", "quantity": [{"quantity": 2, "unit": "g"}]},
      {"name": "Blend", "quantity": [{"quantity": 3, "unit": "g"}], "nestedRows": [{"name": "Glutamine"}]}]})j",
                       "x.json");
  ASSERT_TRUE(p) << to_string(p.error());
  EXPECT_EQ(p->amount_g_per_serving, 2.0);
  EXPECT_EQ(flag_ids(*p), Ids{"blend_without_amount"});
}

TEST(LabelTest, PeptidesAndBoundsCountTheFigureGivenWithFlags) {
  auto p = parse_label(ingredient(), R"j({"fullName": "X", "ingredientRows": [
      {"name": "Glutamine Peptides", "quantity": [{"quantity": 2, "unit": "g", "operator": "<"}]}]})j",
                       "x.json");
  ASSERT_TRUE(p) << to_string(p.error());
  EXPECT_EQ(p->amount_g_per_serving, 2.0);
  EXPECT_EQ(flag_ids(*p), (Ids{"approximate_amount", "upper_bound"}));
  EXPECT_EQ(p->flags[0].message,
            "\"Glutamine Peptides\" is given as < 2 g, a bound rather than an amount; 2 g is counted");
  EXPECT_EQ(p->rows[0].form, "glutamine_peptides");
}

TEST(LabelTest, NamesAreClassifiedWhateverTheirSpelling) {
  struct Case {
    const char* name;
    const char* form;  // "" for not glutamine
  };
  for (const Case& c : {Case{"L-Glutamine", "l_glutamine"},
                        Case{"l glutamine", "l_glutamine"},
                        Case{"Glutamine(R)", "l_glutamine"},
                        Case{"L-Glutamine\xc2\xae (fermented)", "l_glutamine"},
                        Case{"Glutamine (as L-Alanyl-L-Glutamine)", "l_glutamine"},
                        Case{"L-Alanyl-L-Glutamine", "alanyl_glutamine"},
                        Case{"Alanylglutamine", "alanyl_glutamine"},
                        Case{"Sustamine\xe2\x84\xa2", "alanyl_glutamine"},
                        Case{"Glycyl-L-Glutamine", "glycyl_glutamine"},
                        Case{"L-Glutamine HCl", "glutamine_hcl"},
                        Case{"N-Acetyl-L-Glutamine", "n_acetyl_glutamine"},
                        Case{"Glutamine Peptide", "glutamine_peptides"},
                        Case{"Glutamic Acid (and Glutamine)", "protein"},
                        Case{"Glutamine-rich Whey", "protein"},
                        Case{"Whey Protein Concentrate", "protein"},
                        Case{"Glutamic Acid", ""},
                        Case{"L-Glutamate", ""},
                        Case{"Monosodium Glutamate", ""},
                        Case{"Glutathione", ""},
                        Case{"Alpha-Ketoglutarate", ""}}) {
    const std::string json = std::string(R"j({"fullName": "X", "ingredientRows": [{"name": ")j") + c.name +
                             R"j(", "quantity": [{"quantity": 1, "unit": "g"}]}]})j";
    auto p = parse_label(ingredient(), json, "x.json");
    ASSERT_TRUE(p) << to_string(p.error());
    if (*c.form == '\0') {
      EXPECT_TRUE(p->rows.empty()) << c.name;
      EXPECT_EQ(p->amount_g_per_serving, 0.0) << c.name;
    } else {
      ASSERT_EQ(p->rows.size(), 1u) << c.name;
      EXPECT_EQ(p->rows[0].form, c.form) << c.name;
    }
  }
}

TEST(LabelTest, IngredientGroupNamesABrandedRow) {
  auto p = parse_label(ingredient(), R"j({"fullName": "X", "ingredientRows": [
      {"name": "AG-Pro(TM)", "ingredientGroup": "L-Alanyl-L-Glutamine", "quantity": [{"quantity": 2, "unit": "g"}]}]})j",
                       "x.json");
  ASSERT_TRUE(p) << to_string(p.error());
  ASSERT_EQ(p->rows.size(), 1u);
  EXPECT_EQ(p->rows[0].form, "alanyl_glutamine");
  EXPECT_EQ(p->amount_g_per_serving, 1.3455);  // 2 g x 0.67277
}

TEST(LabelTest, RowsNestedUnderACountedRowAreNotCountedTwice) {
  auto p = parse_label(ingredient(), R"j({"fullName": "X", "ingredientRows": [
      {"name": "L-Glutamine", "quantity": [{"quantity": 5, "unit": "g"}],
       "nestedRows": [{"name": "L-Glutamine (fermented)", "quantity": [{"quantity": 5, "unit": "g"}]}]}]})j",
                       "x.json");
  ASSERT_TRUE(p) << to_string(p.error());
  EXPECT_EQ(p->amount_g_per_serving, 5.0);
  EXPECT_EQ(p->rows.size(), 1u);
}

TEST(LabelTest, AMassEntryIsPreferredAndNullsCountAsAbsent) {
  auto p = parse_label(ingredient(), R"j({"fullName": "X", "brandName": null, "servingSizes": null, "ingredientRows": [
      {"name": "L-Glutamine", "ingredientGroup": null, "nestedRows": null,
       "quantity": [{"quantity": 10, "unit": "%"}, {"quantity": 1500, "unit": "Milligram(s)"}]}]})j",
                       "x.json");
  ASSERT_TRUE(p) << to_string(p.error());
  EXPECT_EQ(p->brand, "");
  EXPECT_EQ(p->amount_g_per_serving, 1.5);
  EXPECT_EQ(flag_ids(*p), Ids{});
}

TEST(LabelTest, ProteinStatedAsZeroIsNotFlagged) {
  auto p = parse_label(ingredient(), R"j({"fullName": "X", "ingredientRows": [
      {"name": "Protein", "quantity": [{"quantity": 0, "unit": "g"}]},
      {"name": "L-Glutamine", "quantity": [{"quantity": 5, "unit": "g"}]}]})j",
                       "x.json");
  ASSERT_TRUE(p) << to_string(p.error());
  EXPECT_EQ(flag_ids(*p), Ids{});
  EXPECT_EQ(p->rows.size(), 1u);
}

TEST(LabelTest, AByteOrderMarkIsSkipped) {
  auto p = parse_label(ingredient(), "\xef\xbb\xbf" + read_data("capsules_mg.json"), "capsules_mg.json");
  ASSERT_TRUE(p) << to_string(p.error());
  EXPECT_EQ(p->amount_g_per_serving, 1.0);
}

TEST(LabelTest, NotJsonNamesTheFileLineAndColumn) {
  auto p = parse_file("not_json.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::invalid_input);
  EXPECT_EQ(p.error().where.rfind("not_json.json:line 1, column ", 0), 0u) << p.error().where;
  EXPECT_TRUE(contains(p.error().message, "not a JSON label")) << p.error().message;
}

TEST(LabelTest, MissingFullNameIsInvalidInput) {
  auto p = parse_file("missing_fullname.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::invalid_input);
  EXPECT_EQ(p.error().where, "missing_fullname.json#/fullName");
  EXPECT_EQ(p.error().message, "missing \"fullName\"");
}

TEST(LabelTest, NegativeQuantityIsInvalidInput) {
  auto p = parse_file("negative_quantity.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::invalid_input);
  EXPECT_EQ(p.error().where, "negative_quantity.json#/ingredientRows/0/nestedRows/0/quantity/0/quantity");
  EXPECT_EQ(p.error().message, "\"quantity\" is -5; an amount cannot be negative");
}

TEST(LabelTest, QuantityThatIsNotANumberIsInvalidInput) {
  auto p = parse_file("quantity_not_number.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::invalid_input);
  EXPECT_EQ(p.error().where, "quantity_not_number.json#/ingredientRows/0/quantity/0/quantity");
  EXPECT_EQ(p.error().message, "\"quantity\" must be a number, not \"5 g\"");
}

TEST(LabelTest, WrongShapesNameTheirPlace) {
  struct Case {
    const char* json;
    const char* where;
  };
  for (const Case& c : {Case{"[]", "f.json#"}, Case{R"j({"fullName": ""})j", "f.json#/fullName"},
                        Case{R"j({"fullName": 5, "ingredientRows": []})j", "f.json#/fullName"},
                        Case{R"j({"fullName": "X"})j", "f.json#/ingredientRows"},
                        Case{R"j({"fullName": "X", "ingredientRows": {}})j", "f.json#/ingredientRows"},
                        Case{R"j({"fullName": "X", "ingredientRows": [5]})j", "f.json#/ingredientRows/0"},
                        Case{R"j({"fullName": "X", "ingredientRows": [{}]})j", "f.json#/ingredientRows/0/name"},
                        Case{R"j({"fullName": "X", "ingredientRows": [{"name": "A", "quantity": 5}]})j",
                             "f.json#/ingredientRows/0/quantity"},
                        Case{R"j({"fullName": "X", "ingredientRows": [{"name": "A", "quantity": [{"unit": 1}]}]})j",
                             "f.json#/ingredientRows/0/quantity/0/unit"},
                        Case{R"j({"fullName": "X", "ingredientRows": [{"name": "A", "nestedRows": [{"name": 1}]}]})j",
                             "f.json#/ingredientRows/0/nestedRows/0/name"},
                        Case{R"j({"fullName": "X", "ingredientRows": [], "servingSizes": [{"minQuantity": -1}]})j",
                             "f.json#/servingSizes/0/minQuantity"},
                        Case{R"j({"fullName": "X", "ingredientRows": [], "servingSizes": [{"order": 1.5}]})j",
                             "f.json#/servingSizes/0/order"},
                        Case{R"j({"fullName": "X", "ingredientRows": [], "servingSizes": [{"minQuantity": 2,
                             "maxQuantity": 1}]})j",
                             "f.json#/servingSizes/0/maxQuantity"}}) {
    auto p = parse_label(ingredient(), c.json, "f.json");
    ASSERT_FALSE(p) << c.json;
    EXPECT_EQ(p.error().code, Errc::invalid_input) << c.json;
    EXPECT_EQ(p.error().where, c.where) << c.json << ": " << p.error().message;
  }
}

TEST(LabelTest, DeepNestingIsALimitNotACrash) {
  std::string rows = R"j([{"name": "L-Glutamine"}])j";
  for (int i = 0; i < 100; ++i) rows = R"j([{"name": "Blend", "nestedRows": )j" + rows + "}]";
  auto p = parse_label(ingredient(), R"j({"fullName": "X", "ingredientRows": )j" + rows + "}", "deep.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::limit);
}

TEST(LabelTest, JsonCarriesEveryFieldAndNullForUnknownGrams) {
  const model::Product p = load("blend_no_amount.json");
  const auto o = to_json(p);
  EXPECT_EQ(o.at("name").as_string(), "Recovery Matrix");
  EXPECT_TRUE(o.at("amount_g_per_serving").is_null());
  EXPECT_EQ(o.at("serving").as_string(), "10 Gram(s) (1 scoop)");
  EXPECT_EQ(o.at("rows").as_array().size(), 1u);
  EXPECT_EQ(o.at("flags").as_array()[0].at("id").as_string(), "blend_without_amount");

  model::ImportedProduct imported;
  imported.id = 7;
  imported.product = load("powder_5g.json");
  imported.servings_per_day = 2;
  const auto i = to_json(imported);
  EXPECT_EQ(i.at("id").as_int64(), 7);
  EXPECT_EQ(i.at("servings_per_day").as_double(), 2.0);
  EXPECT_EQ(i.at("amount_g_per_serving").as_double(), 5.0);
  EXPECT_FALSE(i.at("third_party_tested").as_bool());
}

TEST(LabelTest, DescribeShowsTheFigureItsRowsAndFlags) {
  const std::string text = describe(ingredient(), load("alanyl_glutamine.json"));
  EXPECT_EQ(text,
            "Sustained Glutamine Dipeptide (Example Labs)\n"
            "  Glutamine: 0.6728 g per serving of 2 Gram(s) (1 scoop)\n"
            "    from \"L-Alanyl-L-Glutamine\", 1 Gram(s) x 67.28% glutamine by mass: 0.6728 g counted "
            "(/ingredientRows/0)\n");
  const std::string blend = describe(ingredient(), load("blend_no_amount.json"));
  EXPECT_TRUE(
      contains(blend, "  Glutamine: listed, but no amount can be counted (per serving of 10 Gram(s) (1 scoop))\n"))
      << blend;
  EXPECT_TRUE(contains(blend, "  Note [blend_without_amount]: \"L-Glutamine\" is listed in")) << blend;
}

TEST(LabelTest, APackThatNamesNoLabelFormsReadsNoLabel) {
  const pack::Ingredient none;
  auto p = parse_label(none, read_data("powder_5g.json"), "powder_5g.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, Errc::invalid_input);
  EXPECT_EQ(p.error().where, "powder_5g.json");
}

// The forms and words are the pack's: a made-up ingredient's rule counts its
// own rows and nothing else, by its own fraction.
TEST(LabelTest, AnotherPacksFormsCountTheirOwnRows) {
  pack::Ingredient made_up;
  made_up.name = "zentrol";
  made_up.forms = {{"zentrol", "zentrol", 1, pack::Counted::by_fraction, "", {}},
                   {"zentrol_salt", "zentrol salt", 0.5, pack::Counted::by_fraction, "", {}}};
  made_up.label_rules = {{"zentrol_salt", {{"zentrol"}, {"salt"}}, {}}, {"zentrol", {{"zentrol"}}, {}}};
  auto p = parse_label(made_up, R"j({"fullName": "Z", "ingredientRows": [
      {"name": "Zentrol Salt", "quantity": [{"quantity": 2, "unit": "g"}]},
      {"name": "Zentrol", "quantity": [{"quantity": 500, "unit": "mg"}]},
      {"name": "L-Glutamine", "quantity": [{"quantity": 5, "unit": "g"}]}]})j",
                       "z.json");
  ASSERT_TRUE(p) << to_string(p.error());
  EXPECT_EQ(p->amount_g_per_serving, 1.5);
  ASSERT_EQ(p->rows.size(), 2u);
  EXPECT_EQ(p->rows[0].form, "zentrol_salt");
  EXPECT_EQ(p->rows[1].form, "zentrol");
  EXPECT_NE(describe(made_up, *p).find("Zentrol: 1.5 g"), std::string::npos) << describe(made_up, *p);
}

}  // namespace
}  // namespace trialwise::labels

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli_harness.hpp"
#include "exit_codes.hpp"
#include "trialwise/assess/answers.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::cli {
namespace {

namespace fs = std::filesystem;
using testing::run_cli;

// One line per question of the built-in glutamine pack, in its order, for a
// healthy 34-year-old with heavy training; tests change single lines.
struct Script {
  std::map<std::string, std::string> line = {
      {"age", "34"},
      {"problem", "5"},  // heavy_training
      {"pregnant", "n"},
      {"breastfeeding", "n"},
      {"liver_disease", "1"},
      {"hepatic_encephalopathy_history", "n"},
      {"kidney_disease", "1"},
      {"multiorgan_failure", "n"},
      {"organ_failure_other", "n"},
      {"complex_condition", "n"},
      {"cancer_treatment_active", "n"},
      {"cancer_diagnosis", "n"},
      {"major_surgery_or_burns_recent", "n"},
      {"nutrition_support", "n"},
      {"icu_recent", "n"},
      {"neuro_symptoms_unexplained", "n"},
      {"prescription_count", "0"},
      {"supplements", "n"},
      {"sleep_hours", "7.5"},
      {"meals_regular", "y"},
      {"protein_each_meal", "y"},
      {"hydration_ok", "y"},
      {"alcohol_heavy", "n"},
      {"training_hours_per_week", "6"},
      {"rest_days_per_week", "2"},
  };
  std::vector<std::string> skip;  // ids whose line is left out (not asked)

  // The lines in pack order; `stop_before` ends the input before that item.
  std::string text(const std::string& stop_before = "") const {
    static const char* kOrder[] = {"age",
                                   "problem",
                                   "pregnant",
                                   "breastfeeding",
                                   "liver_disease",
                                   "hepatic_encephalopathy_history",
                                   "kidney_disease",
                                   "multiorgan_failure",
                                   "organ_failure_other",
                                   "complex_condition",
                                   "cancer_treatment_active",
                                   "cancer_diagnosis",
                                   "major_surgery_or_burns_recent",
                                   "nutrition_support",
                                   "icu_recent",
                                   "neuro_symptoms_unexplained",
                                   "prescription_count",
                                   "supplements",
                                   "sleep_hours",
                                   "meals_regular",
                                   "protein_each_meal",
                                   "hydration_ok",
                                   "alcohol_heavy",
                                   "training_hours_per_week",
                                   "rest_days_per_week"};
    std::string out;
    for (const char* id : kOrder) {
      if (id == stop_before) break;
      if (std::find(skip.begin(), skip.end(), id) != skip.end()) continue;
      out += line.at(id) + "\n";
    }
    return out;
  }
};

// A unique path under the temporary directory, removed afterwards.
class CheckCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    path_ = (fs::temp_directory_path() /
             ("trialwise_check_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".json"))
                .string();
    fs::remove(path_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove(path_, ignored);
    fs::remove(path_ + ".partial", ignored);
  }

  testing::Outcome check(const std::string& input, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"check", "--out", path_};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args, input);
  }

  boost::json::object saved() const {
    std::ifstream f(path_);
    std::stringstream s;
    s << f.rdbuf();
    auto json = json::parse(s.str());
    EXPECT_TRUE(json.has_value()) << s.str();
    if (!json || !json->is_object()) return {};
    return json->get_object();
  }

  static const pack::Pack& builtin() {
    static const pack::Pack p = *pack::load_pack(pack::builtin_pack_text(), pack::builtin_pack_name());
    return p;
  }

  std::string path_;
};

TEST_F(CheckCommandTest, FullRunSavesAnswersThatPassTheCheckAndPrintsTheDecision) {
  const auto r = check(Script{}.text());
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.err, "");
  ASSERT_TRUE(fs::exists(path_));
  const auto answers = saved();
  EXPECT_TRUE(assess::check_answers(builtin(), boost::json::value(answers)).has_value());
  EXPECT_EQ(answers.at("age"), 34);
  EXPECT_EQ(answers.at("problem"), "heavy_training");
  EXPECT_EQ(answers.at("sleep_hours"), 7.5);
  EXPECT_EQ(answers.at("supplements"), boost::json::array{});
  EXPECT_NE(r.out.find("Saved your answers to " + path_ + " (use them with: trialwise assess --answers " + path_ +
                       ", trialwise plan --answers " + path_ + " --start YYYY-MM-DD)."),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Decision: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(1 of 25) How old are you?"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(25 of 25)"), std::string::npos) << r.out;
}

TEST_F(CheckCommandTest, InvalidAnswerIsAskedAgainWithItsReason) {
  Script s;
  s.line["age"] = "abc\n150\n34.5\n\n41";
  const auto r = check(s.text());
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("\"abc\" is not a number. Please enter a whole number between 0 and 120."), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"150\" is above the maximum of 120."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"34.5\" is not a whole number."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("An answer is needed."), std::string::npos) << r.out;
  EXPECT_EQ(saved().at("age"), 41);
}

TEST_F(CheckCommandTest, EnumTakesItsNumberOrItsId) {
  Script by_number;
  by_number.line["problem"] = "2";
  by_number.line["kidney_disease"] = "0\n5\nmonitored";
  auto r = check(by_number.text());
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(saved().at("problem"), "gut_symptoms");
  EXPECT_EQ(saved().at("kidney_disease"), "monitored");
  EXPECT_NE(r.out.find("\"0\" is not one of the choices. Please enter a number from 1 to 4."), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("    1. Getting sick less often"), std::string::npos) << r.out;

  Script by_id;
  by_id.line["problem"] = "Fewer_Colds";
  r = check(by_id.text(), {"--force"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(saved().at("problem"), "fewer_colds");
}

TEST_F(CheckCommandTest, BooleansTakeYesAndNoInAnyCase) {
  Script s;
  s.line["pregnant"] = "maybe\nNO";
  s.line["breastfeeding"] = "false";
  s.line["meals_regular"] = "YES";
  s.line["protein_each_meal"] = "n";
  s.line["hydration_ok"] = "True";
  s.line["alcohol_heavy"] = "y";
  const auto r = check(s.text());
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("\"maybe\" is not yes or no. Please enter y or n."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Are you pregnant? (y/n)"), std::string::npos) << r.out;
  const auto a = saved();
  EXPECT_EQ(a.at("pregnant"), false);
  EXPECT_EQ(a.at("breastfeeding"), false);
  EXPECT_EQ(a.at("meals_regular"), true);
  EXPECT_EQ(a.at("protein_each_meal"), false);
  EXPECT_EQ(a.at("hydration_ok"), true);
  EXPECT_EQ(a.at("alcohol_heavy"), true);
}

TEST_F(CheckCommandTest, RestDaysAreSkippedWithoutTrainingAndAskedWithIt) {
  Script none;
  none.line["training_hours_per_week"] = "0";
  none.skip = {"rest_days_per_week"};
  auto r = check(none.text());
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out.find("How many full rest days"), std::string::npos) << r.out;
  EXPECT_FALSE(saved().contains("rest_days_per_week"));

  Script some;
  some.line["training_hours_per_week"] = "4";
  some.line["rest_days_per_week"] = "3";
  r = check(some.text(), {"--force"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("(25 of 25) How many full rest days"), std::string::npos) << r.out;
  EXPECT_EQ(saved().at("rest_days_per_week"), 3);
}

TEST_F(CheckCommandTest, SupplementsLoopTakesTwoProducts) {
  Script s;
  s.line["supplements"] =
      "y\n"
      "Recovery Blend\n3\n2\n\n"  // lists it without an amount: the amount is not asked; Enter: not tested
      "yes\n"
      "Pure L-Glutamine\n2\n-1\n3\n1\ny\n"  // with an amount: -1 g is refused, then 3
      "n";
  const auto r = check(s.text());
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("Anything to list? (y/n)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Add another? (y/n)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"-1\" is below the minimum of 0."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Entry 2, 1 of 5: Product name"), std::string::npos) << r.out;
  const auto list = saved().at("supplements").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("name"), "Recovery Blend");
  EXPECT_EQ(list[0].at("contains_glutamine"), "no_amount");
  EXPECT_FALSE(list[0].as_object().contains("glutamine_g_per_serving")) << "never a silent 0 g";
  EXPECT_EQ(list[0].at("servings_per_day"), 2);
  EXPECT_EQ(list[0].at("third_party_tested"), false);
  EXPECT_EQ(list[1].at("name"), "Pure L-Glutamine");
  EXPECT_EQ(list[1].at("glutamine_g_per_serving"), 3);
  EXPECT_EQ(list[1].at("third_party_tested"), true);
}

TEST_F(CheckCommandTest, InputEndingEarlySavesNothingAndExitsTwo) {
  for (const char* stop : {"age", "sleep_hours", "rest_days_per_week"}) {
    const auto r = check(Script{}.text(stop));
    EXPECT_EQ(r.code, kExitBadInput) << stop;
    EXPECT_NE(r.err.find("Input ended before the questionnaire was finished; nothing was saved."), std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(path_)) << stop;
    EXPECT_EQ(r.out.find("Saved your answers"), std::string::npos) << stop;
  }
  // Mid-way through a product.
  Script s;
  s.line["supplements"] = "y\nRecovery Blend";
  const auto r = check(s.text("sleep_hours"));
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_FALSE(fs::exists(path_));
}

TEST_F(CheckCommandTest, ExistingFileIsRefusedBeforeAnythingIsAskedUnlessForced) {
  { std::ofstream(path_) << "keep me\n"; }
  auto r = check(Script{}.text());
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find(path_ + " already exists"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("How old are you?"), std::string::npos) << r.out;
  {
    std::ifstream f(path_);
    std::string first;
    std::getline(f, first);
    EXPECT_EQ(first, "keep me");
  }

  r = check(Script{}.text(), {"--force"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(saved().at("age"), 34);
  // Saved privately and atomically: mode 0600, no temporary file left beside it.
  EXPECT_EQ(fs::status(path_).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  for (const auto& entry : fs::directory_iterator(fs::path(path_).parent_path()))
    EXPECT_EQ(entry.path().string().rfind(path_ + ".", 0), std::string::npos) << entry.path();
}

TEST_F(CheckCommandTest, UnwritableDestinationIsRefusedBeforeAnythingIsAsked) {
  const std::string missing_folder = (fs::path(path_).replace_extension("") / "answers.json").string();
  const auto r = run_cli({"check", "--out", missing_folder}, Script{}.text());
  EXPECT_EQ(r.code, kExitIo);
  EXPECT_NE(r.err.find(missing_folder), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("How old are you?"), std::string::npos) << r.out;
}

TEST_F(CheckCommandTest, PackFromStandardInputIsRefused) {
  const auto r = check(Script{}.text(), {"--pack", "-"});
  EXPECT_EQ(r.code, kExitBadInput);
  EXPECT_NE(r.err.find("--pack"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace trialwise::cli

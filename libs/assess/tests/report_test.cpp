#include "trialwise/assess/report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

#include <boost/json/parse.hpp>

#include "trialwise/json/text.hpp"
#include "trialwise/test_support/answers.hpp"

namespace trialwise::assess {
namespace {

using test_support::shipped;

std::string object_text(const pack::Pack& pack, const Answers& answers, const Assessment& a, Detail detail) {
  std::string out;
  json::append(out, boost::json::value(to_json(pack, answers, a, detail)));
  return out;
}

// Every example person and every respondent of the JSON-lines file: the
// one-pass text is the object's, byte for byte, in both details.
TEST(ReportTest, TheOnePassTextIsTheObjectsTextForEveryExample) {
  std::vector<std::string> inputs;
  for (const auto& entry : std::filesystem::directory_iterator(TRIALWISE_EXAMPLES_DIR)) {
    const auto path = entry.path();
    if (path.extension() == ".json" && path.filename() != "screening_rules.json") {
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      inputs.push_back(text.str());
    } else if (path.extension() == ".jsonl") {
      std::ifstream in(path);
      for (std::string line; std::getline(in, line);)
        if (!line.empty()) inputs.push_back(line);
    }
  }
  ASSERT_GE(inputs.size(), 15u);
  int assessed = 0;
  std::set<std::string> decisions;
  for (const auto& text : inputs) {
    auto checked = check_answers(shipped(), boost::json::parse(text));
    if (!checked) continue;
    auto a = assess(shipped(), *checked);
    ASSERT_TRUE(a) << text;
    ++assessed;
    decisions.insert(std::string(to_string(a->decision)));
    for (const auto detail : {Detail::full, Detail::contract}) {
      std::string one_pass = "prefix:";
      append_json(one_pass, shipped(), *checked, *a, detail);
      EXPECT_EQ(one_pass, "prefix:" + object_text(shipped(), *checked, *a, detail)) << text;
    }
  }
  EXPECT_GE(assessed, 10);
  EXPECT_GE(decisions.size(), 3u) << "refusals, approvals and basics first all written";
}

}  // namespace
}  // namespace trialwise::assess

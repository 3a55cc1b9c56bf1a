#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli_harness.hpp"
#include "line_reader.hpp"

namespace trialwise::cli {
namespace {

using testing::run_cli;

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    path_ = std::filesystem::temp_directory_path() /
            ("trialwise_cli_test_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".json");
    std::ofstream(path_) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

TEST(RuleEvalCommandTest, EvaluatesOneRuleOnData) {
  auto r =
      run_cli({"rule", "eval", "--rule", R"({"cat":["dose ",{"*":[{"var":"g"},2]}," g"]})", "--data", R"({"g":5})"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "\"dose 10 g\"\n");
}

TEST(RuleEvalCommandTest, DataKeepsTheLastOfARepeatedMemberAsJsonParseDoesButARuleMayNotRepeat) {
  const char* rule = R"({"var":"a"})";
  auto single = run_cli({"rule", "eval", "--rule", rule, "--data", R"({"a":1,"a":2})"});
  EXPECT_EQ(single.code, 0) << single.err;
  EXPECT_EQ(single.out, "2\n");
  TempFile rules(R"([{"var":"a"}])");
  auto lines = run_cli({"rule", "eval", "--rules", rules.path(), "--data-lines", "-"}, "{\"a\":1,\"a\":2}\n");
  EXPECT_EQ(lines.code, 0) << lines.err;
  EXPECT_EQ(lines.out, "[2]\n");
  auto twice = run_cli({"rule", "eval", "--rule", R"({"var":"a","var":"b"})", "--data", R"({"a":1,"b":2})"});
  EXPECT_EQ(twice.code, 2);
  EXPECT_NE(twice.err.find("the member \"var\" is given twice"), std::string::npos) << twice.err;
}

TEST(RuleEvalCommandTest, DataDefaultsToEmptyObject) {
  auto r = run_cli({"rule", "eval", "--rule", R"({"missing":["a"]})"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "[\"a\"]\n");
}

TEST(RuleEvalCommandTest, ReadsRuleAndDataFromFilesAndStdin) {
  TempFile rule(R"({"if":[{"var":"x"},"yes","no"]})");
  auto r = run_cli({"rule", "eval", "--rule", "@" + rule.path(), "--data", "@-"}, R"({"x": 1})");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "\"yes\"\n");
}

TEST(RuleEvalCommandTest, NonFiniteNumbersPrintAsNull) {
  auto r = run_cli({"rule", "eval", "--rule", R"([{"/":[1,0]},{"-":["x"]},{"/":[1,4]}])"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "[null,null,0.25]\n");
}

TEST(RuleEvalCommandTest, BadRuleNamesFlagAndPointer) {
  auto r = run_cli({"rule", "eval", "--rule", R"({"and":[true,{"+":1},{"nope":[]}]})"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--rule /and/2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown operator \"nope\""), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(RuleEvalCommandTest, BadDataNamesFlagAndPosition) {
  auto r = run_cli({"rule", "eval", "--rule", "true", "--data", "{\"a\":\n tru}"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--data line 2, column"), std::string::npos) << r.err;
}

TEST(RuleEvalCommandTest, MissingFileIsBadInput) {
  auto r = run_cli({"rule", "eval", "--rule", "@/nonexistent/rule.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("/nonexistent/rule.json"), std::string::npos) << r.err;
}

TEST(RuleEvalCommandTest, BatchPrintsOneArrayPerLineAndErrorsInPlace) {
  TempFile rules(R"([{"var":"a"},{"+":[{"var":"a"},1]}])");
  auto r = run_cli({"rule", "eval", "--rules", rules.path(), "--data-lines", "-"},
                   "{\"a\":1}\n{\"a\":\n\n{\"a\":\"x\"}\n[1,2]");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out,
            "[1,2]\n"
            "{\"error\":{\"code\":\"invalid_input\",\"message\":\"not valid JSON (incomplete JSON)\",\"line\":2,"
            "\"where\":\"column 6\"}}\n"
            "{\"error\":{\"code\":\"invalid_input\",\"message\":\"the line is empty; expected one JSON value\","
            "\"line\":3}}\n"
            "[\"x\",null]\n"
            "[null,null]\n");
  EXPECT_NE(r.err.find("2 of 5 lines"), std::string::npos) << r.err;
}

TEST(RuleEvalCommandTest, BatchOfGoodLinesExitsZero) {
  TempFile rules(R"([{"some":[{"var":"s"},{">":[{"var":"g"},0]}]}])");
  auto r = run_cli({"rule", "eval", "--rules", rules.path(), "--data-lines", "-"},
                   "{\"s\":[{\"g\":0}]}\n{\"s\":[{\"g\":5}]}\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "[false]\n[true]\n");
}

TEST(RuleEvalCommandTest, BatchRulesMustBeAnArray) {
  TempFile rules(R"({"var":"a"})");
  auto r = run_cli({"rule", "eval", "--rules", rules.path(), "--data-lines", "-"}, "{}\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("expected an array of rules"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(rules.path() + "#"), std::string::npos) << r.err;
}

TEST(LineReaderTest, SplitsLinesAcrossBlocksAndFlagsOverlongOnes) {
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "line " + std::to_string(i) + "\r\n";
  text += std::string(300, 'x') + "\nshort\nlast-without-newline";
  std::istringstream in(text);
  LineReader reader(in, 200);
  std::string_view line;
  for (int i = 0; i < 50000; ++i) {
    ASSERT_EQ(reader.next(line), LineReader::Status::line);
    ASSERT_EQ(line, "line " + std::to_string(i));
  }
  EXPECT_EQ(reader.next(line), LineReader::Status::too_long);
  ASSERT_EQ(reader.next(line), LineReader::Status::line);
  EXPECT_EQ(line, "short");
  ASSERT_EQ(reader.next(line), LineReader::Status::line);
  EXPECT_EQ(line, "last-without-newline");
  EXPECT_EQ(reader.next(line), LineReader::Status::end);
  EXPECT_FALSE(reader.failed());
}

TEST(LineReaderTest, OverlongLineSpanningManyBlocksIsSkippedWhole) {
  std::string text = "a\n" + std::string(3u << 20, 'y') + "\nb\n";
  std::istringstream in(text);
  LineReader reader(in, 1000);
  std::string_view line;
  ASSERT_EQ(reader.next(line), LineReader::Status::line);
  EXPECT_EQ(line, "a");
  EXPECT_EQ(reader.next(line), LineReader::Status::too_long);
  ASSERT_EQ(reader.next(line), LineReader::Status::line);
  EXPECT_EQ(line, "b");
  EXPECT_EQ(reader.next(line), LineReader::Status::end);
}

}  // namespace
}  // namespace trialwise::cli

namespace trialwise::cli {
namespace {

TEST(RuleEvalCommandTest, ThreadedBatchKeepsInputOrder) {
  // Enough lines for several chunks, with bad lines scattered among them.
  std::string input, expected;
  for (int i = 1; i <= 20000; ++i) {
    if (i % 4999 == 0) {
      input += "{oops\n";
      expected += "{\"error\":{\"code\":\"invalid_input\",\"message\":\"not valid JSON (syntax error)\",\"line\":" +
                  std::to_string(i) + ",\"where\":\"column 2\"}}\n";
    } else {
      input += "{\"n\":" + std::to_string(i) + "}\n";
      expected += "[" + std::to_string(i) + "," + (i % 2 ? "true" : "false") + "]\n";
    }
  }
  const std::string rules_path = std::filesystem::temp_directory_path() / "trialwise_threaded_rules.json";
  std::ofstream(rules_path) << R"([{"var":"n"},{"==":[{"%":[{"var":"n"},2]},1]}])";
  for (const char* threads : {"1", "2", "7"}) {
    auto r = run_cli({"rule", "eval", "--rules", rules_path, "--data-lines", "-", "--threads", threads}, input);
    EXPECT_EQ(r.code, 2) << threads;
    EXPECT_TRUE(r.out == expected) << "output differs with --threads " << threads;
    EXPECT_NE(r.err.find("4 of 20000 lines could not be evaluated (first: line 4999)"), std::string::npos) << r.err;
  }
  std::filesystem::remove(rules_path);
}

TEST(RuleEvalCommandTest, ThreadsMustBePositive) {
  auto r = run_cli({"rule", "eval", "--rules", "x.json", "--data-lines", "-", "--threads", "0"});
  EXPECT_EQ(r.code, 2);
}

}  // namespace
}  // namespace trialwise::cli

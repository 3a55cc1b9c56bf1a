// Writes generated 60-day trials (bench/review_trials.hpp) for
// bench/compare_review.sh:
// - as JSON Lines in the "trialwise-trial/1" format, one trial a line, the
//   input of `trialwise review --batch`;
// - the same days as a long CSV for R (bench/review_fits.R), one row a day
//   the review counts: trial,y,active,day (trial id, outcome, 1 on an active
//   day, days since the trial's start).
//
//   trialwise_make_trials --jsonl FILE --csv FILE [--count N] [--seed S]
//
// Deterministic for a seed: the same files on every platform.

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "review_trials.hpp"
#include "trialwise/json/text.hpp"

namespace {

using namespace trialwise;

int usage() {
  std::cerr << "usage: trialwise_make_trials --jsonl FILE --csv FILE [--count N (10000)] [--seed S (20261207)]\n";
  return 2;
}

void append_number(std::string& out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest round trip
  out.append(buf, r.ptr);
}

}  // namespace

int main(int argc, char** argv) {
  std::string jsonl_path, csv_path;
  std::size_t count = 10000;
  std::uint64_t seed = 20261207;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return usage();
    const char* value = argv[++i];
    if (arg == "--jsonl")
      jsonl_path = value;
    else if (arg == "--csv")
      csv_path = value;
    else if (arg == "--count")
      count = std::strtoull(value, nullptr, 10);
    else if (arg == "--seed")
      seed = std::strtoull(value, nullptr, 10);
    else
      return usage();
  }
  if (jsonl_path.empty() || csv_path.empty() || count == 0) return usage();

  std::ofstream jsonl(jsonl_path, std::ios::binary | std::ios::trunc);
  std::ofstream csv(csv_path, std::ios::binary | std::ios::trunc);
  if (!jsonl || !csv) {
    std::cerr << "trialwise_make_trials: cannot write " << jsonl_path << " or " << csv_path << "\n";
    return 1;
  }
  csv << "trial,y,active,day\n";
  std::string line, rows;
  for (std::size_t i = 0; i < count; ++i) {
    const auto record = bench::make_record(i, seed);
    const auto& t = record.trial;
    line.clear();
    json::append(line, boost::json::value(model::to_json(record)));
    line.push_back('\n');
    jsonl << line;
    // The days the review counts at the review date: [start, review_date).
    rows.clear();
    for (const auto& e : record.entries) {
      if (e.date < t.start || e.date >= t.review_date) continue;
      rows += std::to_string(t.id);
      rows.push_back(',');
      append_number(rows, e.outcome);
      rows += model::is_on_day(t, e.date) ? ",1," : ",0,";
      rows += std::to_string(e.date.days_since(t.start));
      rows.push_back('\n');
    }
    csv << rows;
  }
  jsonl.close();
  csv.close();
  if (!jsonl || !csv) {
    std::cerr << "trialwise_make_trials: writing failed\n";
    return 1;
  }
  return 0;
}

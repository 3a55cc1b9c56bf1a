#pragma once

// `trialwise review`: the verdict on a trial at its review date, for the
// running trial (or one named with --trial), or for many trials at once.

#include <cstdint>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace trialwise::cli {

struct ReviewOptions {
  std::string db;
  std::string as_of;          // default: today (single); each trial's review date (batch)
  std::int64_t trial_id = 0;  // 0: the running trial
  bool json = false;
  std::string chart;    // write an SVG chart here
  bool record = false;  // save the verdict: end the trial, or set the next review date
  std::string batch;    // JSON Lines of exported trials, or "-"
  bool all = false;     // every trial in the database
  std::string out;      // batch output (default standard output)
};

CLI::App* add_review_command(CLI::App& app, ReviewOptions& o);
int run_review(const ReviewOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

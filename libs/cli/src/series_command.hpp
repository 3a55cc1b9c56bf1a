#pragma once

// `trialwise series`: what a practice learns across its clients' trials of
// one protocol and outcome, pooled by random-effects meta-analysis, from trial
// records (`export --format json` lines).

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace trialwise::cli {

struct SeriesOptions {
  std::string trials;  // JSON Lines of trial records, or "-"
  bool json = false;
  std::string forest;  // write the forest plot here
  std::string method = "reml";
  bool knha = false;
  std::string protocol, outcome;  // default: the only ones in the file
  std::string as_of;              // default: today
};

CLI::App* add_series_command(CLI::App& app, SeriesOptions& o);
int run_series(const SeriesOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

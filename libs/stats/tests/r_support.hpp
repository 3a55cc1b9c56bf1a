#pragma once

// What the R cross-checks share: reproducible random draws, numbers written
// so that R reads them exactly, a temporary folder, and running Rscript.

#include <stdlib.h>  // mkdtemp
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>

#include "trialwise/stats/randomization.hpp"  // detail::splitmix64

namespace trialwise::stats::r_support {

// Deterministic draws: splitmix64 for uniforms, Box-Muller for normals, so the
// data are the same on every platform (a failure can be reproduced).
class Draws {
 public:
  explicit Draws(std::uint64_t seed) : state_(seed) {}
  double uniform() {  // in (0, 1)
    return (static_cast<double>(detail::splitmix64(state_) >> 11) + 0.5) * 0x1p-53;
  }
  int integer(int lo, int hi) { return lo + static_cast<int>(uniform() * (hi - lo + 1)); }
  double normal() { return std::sqrt(-2.0 * std::log(uniform())) * std::cos(2.0 * std::numbers::pi * uniform()); }

 private:
  std::uint64_t state_;
};

// A hexadecimal float: R reads it back bit for bit.
inline std::string hex(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", v);
  return buf;
}

inline std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// |ours - theirs| relative to the larger of the two, or to `floor` if that is
// larger still.
inline double relative_difference(double ours, double theirs, double floor = 0) {
  if (ours == theirs) return 0;
  return std::abs(ours - theirs) / std::max({std::abs(ours), std::abs(theirs), floor});
}

// A temporary folder, removed with everything in it.
class TempFolder {
 public:
  TempFolder() {
    std::string name = (std::filesystem::temp_directory_path() / "trialwise-stats-XXXXXX").string();
    if (mkdtemp(name.data()) != nullptr) path_ = name;
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline bool rscript_on_path() { return std::system("command -v Rscript >/dev/null 2>&1") == 0; }

// Runs `Rscript script in out`, its standard error to `err`. Returns an
// empty string on success, else what went wrong with R's own words.
inline std::string run_rscript(const std::string& script, const std::filesystem::path& in,
                               const std::filesystem::path& out, const std::filesystem::path& err) {
  const std::string command = "Rscript " + quoted(script) + " " + quoted(in.string()) + " " + quoted(out.string()) +
                              " 2>" + quoted(err.string());
  const int status = std::system(command.c_str());
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  return command + "\n" + slurp(err);
}

}  // namespace trialwise::stats::r_support

#pragma once

// A one-line progress bar for long batch jobs, drawn on a terminal only: when
// standard error is a file or a pipe, nothing is drawn, so logs stay clean.

#include <cstddef>
#include <iosfwd>

namespace trialwise::cli {

class ProgressBar {
 public:
  /// Draws on `err` when `enabled` (see stderr_is_terminal); `total` of 0
  /// means unknown (a count without a bar).
  ProgressBar(std::ostream& err, std::size_t total, bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done);
  /// Clears the line.
  void finish();

 private:
  std::ostream& err_;
  std::size_t total_;
  bool enabled_;
  bool drawn_ = false;
  int last_permille_ = -1;
};

/// Whether standard error is a terminal.
bool stderr_is_terminal();

}  // namespace trialwise::cli

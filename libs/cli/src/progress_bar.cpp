#include "progress_bar.hpp"

#include <unistd.h>

#include <ostream>
#include <string>

namespace trialwise::cli {

namespace {
constexpr int kWidth = 30;
}

ProgressBar::ProgressBar(std::ostream& err, std::size_t total, bool enabled)
    : err_(err), total_(total), enabled_(enabled) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::size_t done) {
  if (!enabled_) return;
  if (total_ == 0) {
    err_ << "\r  " << done << " done" << std::flush;
    drawn_ = true;
    return;
  }
  const int permille = static_cast<int>(std::min<std::size_t>(done, total_) * 1000 / total_);
  if (permille == last_permille_) return;  // redraw only when the bar moves
  last_permille_ = permille;
  const int filled = permille * kWidth / 1000;
  err_ << "\r  [" << std::string(static_cast<std::size_t>(filled), '#')
       << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << done << "/" << total_ << std::flush;
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  err_ << "\r" << std::string(kWidth + 40, ' ') << "\r" << std::flush;
  drawn_ = false;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace trialwise::cli

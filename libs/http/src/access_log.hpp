#pragma once

// The access log: one line per request, written off the request path.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace trialwise::http {

/// Collects lines from any thread. With a `sink`, hands each line to it at
/// once, one at a time (tests). Without one, writes them to stderr from a
/// thread of its own, in batches, so that no request waits on a terminal or
/// a pipe: a line appears within about 100 ms, and every line is written by
/// the destructor. If stderr stalls, at most kMaxPending bytes wait; later
/// lines are dropped and counted, and the count is written once it moves.
class AccessLog {
 public:
  static constexpr std::size_t kMaxPending = 8 * 1024 * 1024;

  explicit AccessLog(std::function<void(std::string_view)> sink);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  /// Adds one line (without its newline).
  void write(std::string_view line);

 private:
  void run();

  std::function<void(std::string_view)> sink_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;
  std::size_t dropped_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace trialwise::http

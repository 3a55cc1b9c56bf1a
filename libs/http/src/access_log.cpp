#include "access_log.hpp"

#include <chrono>
#include <cstdio>

namespace trialwise::http {

AccessLog::AccessLog(std::function<void(std::string_view)> sink) : sink_(std::move(sink)) {
  if (!sink_) writer_ = std::thread([this] { run(); });
}

AccessLog::~AccessLog() {
  if (!writer_.joinable()) return;
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

void AccessLog::write(std::string_view line) {
  const std::lock_guard lock(mutex_);
  if (sink_) {
    sink_(line);
    return;
  }
  if (pending_.size() + line.size() + 1 > kMaxPending) {
    ++dropped_;
    return;
  }
  pending_.append(line);
  pending_.push_back('\n');
}

void AccessLog::run() {
  std::string batch;
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_; });
    batch.swap(pending_);
    if (dropped_ > 0) {
      batch += "trialwise: " + std::to_string(dropped_) + " access-log line(s) dropped: stderr was not keeping up\n";
      dropped_ = 0;
    }
    const bool last = stopping_;
    lock.unlock();
    if (!batch.empty()) {
      std::fwrite(batch.data(), 1, batch.size(), stderr);
      std::fflush(stderr);
      batch.clear();
    }
    if (last) return;
    lock.lock();
  }
}

}  // namespace trialwise::http

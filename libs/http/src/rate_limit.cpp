#include "rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace trialwise::http {

double RateLimiter::refilled(const Bucket& b, Clock::time_point now) const {
  const double elapsed = std::max(0.0, std::chrono::duration<double>(now - b.at).count());
  return std::min(rate_, b.tokens + elapsed * rate_);
}

std::optional<std::chrono::seconds> RateLimiter::take(const std::string& client, Clock::time_point now) {
  Shard& shard = shards_[std::hash<std::string>{}(client) % kShards];
  const std::lock_guard lock(shard.mutex);
  if (++shard.takes % kSweepEvery == 0)
    std::erase_if(shard.buckets, [&](const auto& entry) { return refilled(entry.second, now) >= rate_; });
  auto [it, fresh] = shard.buckets.try_emplace(client, Bucket{rate_, now});
  Bucket& b = it->second;
  b.tokens = fresh ? rate_ : refilled(b, now);
  b.at = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return std::nullopt;
  }
  const double wait = (1 - b.tokens) / rate_;
  return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(wait))));
}

}  // namespace trialwise::http

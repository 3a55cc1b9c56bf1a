#pragma once

// Per-client rate limiting of the API (serve --rate N): a token bucket per
// client address, N tokens a second, holding at most N (a burst of one
// second's worth). A request that finds its bucket empty is refused with 429
// and how long until a token comes. Thread-safe; the buckets are split over
// shards with a lock each, so requests from different clients rarely wait
// on one another.

#include <array>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace trialwise::http {

class RateLimiter {
 public:
  using Clock = std::chrono::system_clock;

  /// `per_second` > 0: the rate, and the bucket's size.
  explicit RateLimiter(double per_second) : rate_(per_second) {}

  /// Takes a token for `client` at `now`: nothing when there was one, else
  /// the wait until the next (at least one whole second, for Retry-After).
  std::optional<std::chrono::seconds> take(const std::string& client, Clock::time_point now);

  double rate() const { return rate_; }

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point at;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
    std::size_t takes = 0;
  };
  static constexpr std::size_t kShards = 16;
  // A shard forgets its full buckets (no different from no bucket at all)
  // every this many takes, so a stream of new addresses cannot grow memory.
  static constexpr std::size_t kSweepEvery = 4096;

  double refilled(const Bucket& b, Clock::time_point now) const;

  double rate_;
  std::array<Shard, kShards> shards_;
};

}  // namespace trialwise::http

#include "sql.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace trialwise::store::detail {

void pause_before_retry(int attempt) {
  thread_local std::minstd_rand random(
      static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id()) ^
                            static_cast<std::size_t>(std::chrono::steady_clock::now().time_since_epoch().count())));
  const int ceiling_ms = 1 << std::min(attempt, 6);
  std::uniform_int_distribution<int> wait_us(0, ceiling_ms * 1000);
  std::this_thread::sleep_for(std::chrono::microseconds(wait_us(random)));
}

}  // namespace trialwise::store::detail

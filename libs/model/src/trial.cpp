#include "trialwise/model/trial.hpp"

namespace trialwise::model {

int block_of(const Trial& t, Date day) {
  if (!t.blocks || t.blocks->block_days <= 0 || day < t.active_start) return -1;
  const int index = day.days_since(t.active_start) / t.blocks->block_days;
  return index < static_cast<int>(t.blocks->on.size()) ? index : -1;
}

bool is_on_day(const Trial& t, Date day) {
  if (day < t.active_start || day >= t.review_date) return false;
  if (!t.blocks) return true;
  const int block = block_of(t, day);
  return block >= 0 && t.blocks->on[static_cast<std::size_t>(block)];
}

}  // namespace trialwise::model

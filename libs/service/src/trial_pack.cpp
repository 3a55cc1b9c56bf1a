#include "trialwise/service/trial_pack.hpp"

#include "trialwise/json/text.hpp"

namespace trialwise::service {
namespace {

// A server meets few pack versions; a bound keeps a damaged or hostile store
// from growing the cache without end.
constexpr std::size_t kMostPacksKept = 16;

}  // namespace

Result<std::shared_ptr<const pack::Pack>> TrialPacks::for_trial(const model::Trial& t) const {
  if (t.pack_text.empty() || t.pack_text == builtin_->text) return builtin_;
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = loaded_.find(t.pack_text); it != loaded_.end()) return it->second;
  }
  // Loaded outside the lock: a slow load does not hold other requests up.
  const std::string name = "trial " + std::to_string(t.id) + "'s pack";
  auto loaded = pack::load_pack(t.pack_text, name);
  if (!loaded)
    return Unexpected{io_error(name, "the pack kept with trial " + std::to_string(t.id) + " no longer loads (" +
                                         loaded.error().front().where + ": " + loaded.error().front().message +
                                         "); restore a backup with `trialwise restore FILE`")};
  auto shared = std::make_shared<const pack::Pack>(std::move(*loaded));
  const std::lock_guard lock(mutex_);
  if (loaded_.size() >= kMostPacksKept) loaded_.clear();
  return loaded_.emplace(t.pack_text, std::move(shared)).first->second;
}

Result<const pack::Outcome*> trial_outcome(const pack::Pack& pack, const model::Trial& t) {
  if (const auto* o = pack.find_outcome(t.outcome_id)) return o;
  return Unexpected{internal_error("/outcome", "the trial's outcome \"" + t.outcome_id + "\" is not in its pack")};
}

std::string scale_words(const pack::Outcome& o) {
  return "from " + json::number_text(o.scale_min) + " to " + json::number_text(o.scale_max) + " (" + o.label + ": " +
         json::number_text(o.scale_min) + " = " + o.scale_low + ", " + json::number_text(o.scale_max) + " = " +
         o.scale_high + ")";
}

}  // namespace trialwise::service

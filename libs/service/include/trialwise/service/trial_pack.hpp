#pragma once

// The pack a trial is judged by: the one it was planned with (kept with the
// trial), so that log, status, the review and the exports keep its scale,
// rules and wording after the built-in pack changes.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::service {

class TrialPacks {
 public:
  /// `builtin` judges trials started before packs were kept with trials.
  explicit TrialPacks(std::shared_ptr<const pack::Pack> builtin) : builtin_(std::move(builtin)) {}

  /// The trial's own pack, loaded once per distinct text and shared; the
  /// built-in pack when the trial keeps none. Fails with Errc::io naming the
  /// trial when the kept pack no longer loads (a damaged database). Thread-safe.
  Result<std::shared_ptr<const pack::Pack>> for_trial(const model::Trial& t) const;

  const pack::Pack& builtin() const { return *builtin_; }

 private:
  std::shared_ptr<const pack::Pack> builtin_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const pack::Pack>, std::less<>> loaded_;  // by pack text
};

/// The outcome the trial tracks, from its pack. Fails with Errc::internal
/// ("/outcome") when the pack has no such outcome.
Result<const pack::Outcome*> trial_outcome(const pack::Pack& pack, const model::Trial& t);

/// The outcome's scale in words: "from 1 to 5 (Gut symptoms: 1 = none,
/// 5 = severe)".
std::string scale_words(const pack::Outcome& o);

}  // namespace trialwise::service

#pragma once

// Amending the running trial: a change to its product, dose, outcome or
// review date after the start, saved with its reason and time. The plan is
// never rewritten silently.

#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/store/repository.hpp"

namespace trialwise::service {

/// The changes asked for; at least one besides the reason. Field names are
/// those of the HTTP API's body, and errors name them as JSON pointers.
struct AmendInput {
  std::string reason;
  std::optional<std::string> product{};
  std::optional<double> g_per_serving{};  // only with a product
  std::optional<double> dose_g{};         // every step from today on
  std::optional<std::string> outcome{};   // a pack outcome id
  std::optional<Date> review_date{};
};

/// Checks every change, then saves each as its own amendment (product, dose,
/// outcome, review_date, in that order) and returns them as saved. A new dose
/// changes the step in force on `today` and every later one; steps already
/// over stay as they were, so the record of what was taken holds. Fails with
/// Errc::invalid_input naming the field ("/reason" empty, "/product" empty,
/// "/g_per_serving" or "/dose_g" not in (0, 100] or a serving size without a
/// product, "/outcome" unknown to the pack, "/review_date" not after the
/// first active day; `where` "" when nothing is to change), or with the
/// store's error (Errc::conflict for an ended trial).
Result<std::vector<model::Amendment>> amend_trial(store::TrialRepository& repo, const model::ProfileId& profile,
                                                  const pack::Pack& pack, const model::Trial& trial,
                                                  const AmendInput& input, Date today);

}  // namespace trialwise::service

#pragma once

// Trials for the export tests, built as the review's tests build them
// (trialwise/test_support/trial_maker.hpp): the glutamine gut trial from
// 2026-12-07 (7 baseline days, 5 g twice daily from 2026-12-14, 10 g twice
// daily from 2026-12-21 if tolerated, review on 2027-01-11), stored with an id,
// a creation time and an amendment whose words need escaping everywhere.

#include <algorithm>

#include "trialwise/test_support/trial_maker.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/model/trial_json.hpp"

namespace trialwise::interop::testing {

using test_support::day;
using test_support::shipped;

/// Text that every format must escape: quotes, markup, separators, a
/// backslash, a newline, and characters of 2 and 4 octets in UTF-8.
inline const std::string kTrickyProduct = "Pure \"Glut\" <b>& Co</b>; caps, naïve \\ 🙂";

struct Sample {
  model::TrialRecord record;
  review::Review review;
};

/// An open (AB) trial with a clear benefit, mild bloating rising at step 2,
/// one amendment (the product), reviewed on its review date.
inline Sample open_sample(std::uint64_t seed = 7) {
  model::TrialRecord rec;
  rec.trial = test_support::gut_trial();
  rec.trial.id = 42;
  rec.trial.created_at = "2026-12-06T19:30:00Z";
  test_support::Spec spec;
  spec.level = 6;
  spec.effect = 2.5;
  spec.noise = 0.8;
  spec.seed = seed;
  spec.skipped = {3, 20};
  spec.side_effects = [](int k) { return std::map<std::string, int>{{"bloating", k < 7 ? 1 : 3}, {"nausea", 0}}; };
  rec.entries = test_support::generate(rec.trial, spec);
  rec.entries[2].note = "Late dinner, slept badly; felt \"off\" <unsure>";
  rec.entries.back().dose_g = 10;
  rec.entries.back().with_food = true;
  rec.amendments.push_back({.id = 1,
                            .field = "product",
                            .old_value = "Powder",
                            .new_value = kTrickyProduct,
                            .reason = "Pharmacy ran out;\nswitched brand, same 5 g per serving",
                            .recorded_at = "2026-12-16T08:05:00Z"});
  rec.trial.product_name = kTrickyProduct;
  Sample s{std::move(rec), {}};
  s.review = review::review_trial(shipped(), s.record.trial, s.record.entries, test_support::kReviewDate);
  return s;
}

/// A randomized block design: 4 blocks of 7 days after the baseline.
inline Sample blocks_sample() {
  model::TrialRecord rec;
  rec.trial = test_support::gut_trial(assess::BlockChoices{.block_days = 7, .blocks = 4, .seed = 42});
  rec.trial.id = 43;
  rec.trial.created_at = "2026-12-06T20:00:00Z";
  test_support::Spec spec;
  spec.effect = 2;
  spec.seed = 11;
  rec.entries = test_support::generate(rec.trial, spec);
  Sample s{std::move(rec), {}};
  s.review = review::review_trial(shipped(), s.record.trial, s.record.entries, test_support::kReviewDate);
  return s;
}

}  // namespace trialwise::interop::testing

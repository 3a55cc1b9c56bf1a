#pragma once

// Small helpers for the review's plain words.

#include <string>

#include "trialwise/review/review.hpp"

namespace trialwise::review {

/// A number as JSON writes it ("5", "7.5").
std::string number(double d);
/// Rounded to one decimal place.
double round1(double d);
/// 0.8 -> "80%".
std::string percent(double share);
/// A side effect's label from the review's summaries, else its id.
std::string label_of(const Review& r, const std::string& id);
/// "Gut symptoms improved by 2.1 points (95% interval 1.2 to 3.0); ..." with
/// the probability that the change matters.
std::string benefit_sentence(const Review& r);
/// Why a drift over time could explain the change.
std::string trend_sentence(const Review& r);
/// What the trial's design cannot rule out.
std::vector<std::string> design_caveats(const model::Trial& t, const Review& r);

}  // namespace trialwise::review

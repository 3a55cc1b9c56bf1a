#pragma once

// Answers in, the screening out: what assess, plan and start begin with.

#include <boost/json/value.hpp>

#include "trialwise/assess/answers.hpp"
#include "trialwise/assess/assessment.hpp"
#include "trialwise/assess/plan.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"

namespace trialwise::service {

/// A person's answers, checked and assessed against a pack. Keep it beside a
/// refused plan: the refusal is shown with the assessment's reasons.
struct Screening {
  assess::Answers answers;
  assess::Assessment assessment;
  /// What the person's imported products, counted into the answers, leave
  /// uncertain (Service::screen); empty otherwise.
  std::vector<assess::PlanNote> intake_notes{};
};

/// Checks `answers` (taken over, not copied) and assesses them. Fails with
/// every answer problem (Errc::invalid_input, `where` the item's JSON
/// pointer, e.g. "/age"), or with one Errc::internal error naming the pack
/// rule when the pack cannot be evaluated.
Result<Screening, assess::AnswerProblems> screen(const pack::Pack& pack, boost::json::value answers);

}  // namespace trialwise::service

#pragma once

#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"

namespace trialwise::assess {

/// Questionnaire answers that passed the pack's checks. Optional fields left
/// out are filled with their defaults; items that do not apply may be absent.
struct Answers {
  boost::json::value values;  // always an object
  const boost::json::object& object() const { return values.get_object(); }
};

/// Every problem found in a set of answers; each Error's `where` is the JSON
/// pointer of the item ("/age", "/supplements/1/servings_per_day") and its
/// message names the item and what is wrong.
using AnswerProblems = std::vector<Error>;

/// Checks `answers` against the pack's questionnaire: an object; no unknown
/// items (a misspelt "pregnnat" must not pass silently); every required item
/// that applies present; right types; numbers within range; enum values
/// allowed; list elements likewise.
Result<Answers, AnswerProblems> check_answers(const pack::Pack& pack, const boost::json::value& answers);
/// The same, taking over `answers` (and its memory resource) instead of copying.
Result<Answers, AnswerProblems> check_answers(const pack::Pack& pack, boost::json::value&& answers);

}  // namespace trialwise::assess

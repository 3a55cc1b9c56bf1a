#pragma once

// trialwise check's interview: the pack's questionnaire asked on a pair of
// streams, one item at a time, each answer checked as it is typed.

#include <iosfwd>

#include <boost/json/value.hpp>

#include "trialwise/pack/pack.hpp"

namespace trialwise::cli {

enum class InterviewStop { none, ended, failed };

/// Asks every item of `pack`'s questionnaire that applies, in pack order,
/// into `answers` (an object). Stops early when `in` ends (ended) or fails
/// (failed); `answers` then holds what was given so far.
InterviewStop interview(const pack::Pack& pack, std::istream& in, std::ostream& out, boost::json::value& answers);

}  // namespace trialwise::cli

#pragma once

// The engine's Value as JSON: written as JSON.stringify would write it, and
// copied out into Boost.JSON. JSON text in general is trialwise/json/text.hpp.

#include <string>

#include <boost/json/value.hpp>

#include "trialwise/rules/value.hpp"

namespace trialwise::rules {

/// Appends `value` as JSON.stringify would write it.
void append_json(std::string& out, const Value& value);

/// `value` as JSON.stringify would write it.
std::string to_json_text(const Value& value);

/// An owned copy. Integral numbers within ±2^53 become int64, others double;
/// NaN and the infinities become null, as JSON.stringify would make them.
boost::json::value to_boost_json(const Value& value);

}  // namespace trialwise::rules

#pragma once

// The JSON columns: a trial's steps and plan, an entry's side effects and red
// flags. Written with boost::json::serialize and read back with the rules
// library's reader, which turns every number into exactly the double that was
// written (Boost.JSON 1.81's own parse is off by one unit in the last place
// for about one double in twelve, so a plan would not survive a save unchanged).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::store::detail {

/// Parses one JSON document; numbers with a fraction or exponent are read
/// with std::from_chars, so serialize-then-parse gives back the same value.
/// Fails with Errc::invalid_input naming `where`.
Result<boost::json::value> parse_json(std::string_view text, const std::string& where);

std::string steps_to_json(const std::vector<model::PlannedStep>& steps);
/// The readers fail with Errc::io naming `where` when a stored value is
/// damaged (not what the writer above produces).
Result<std::vector<model::PlannedStep>> steps_from_json(std::string_view text, const std::string& where);

std::string side_effects_to_json(const std::map<std::string, int>& side_effects);
Result<std::map<std::string, int>> side_effects_from_json(std::string_view text, const std::string& where);

std::string strings_to_json(const std::vector<std::string>& strings);
Result<std::vector<std::string>> strings_from_json(std::string_view text, const std::string& where);

}  // namespace trialwise::store::detail

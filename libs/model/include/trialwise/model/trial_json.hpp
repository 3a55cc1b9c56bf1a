#pragma once

// A whole trial as one JSON document, format "trialwise-trial/1": the plan
// as pre-registered (dates, steps, design, the plan as shown), its current
// day entries and its amendments. `export --format json` writes one;
// `review --batch` reads a file of them, one per line (JSON Lines).

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::model {

inline constexpr const char* kTrialFormat = "trialwise-trial/1";

struct TrialRecord {
  Trial trial;
  std::vector<DayEntry> entries;
  std::vector<Amendment> amendments;
};

boost::json::object to_json(const TrialRecord& record);

/// Reads a record. Errors are Errc::invalid_input with `where` set to
/// `where` followed by the JSON pointer of the offending value (e.g.
/// "line 3#/entries/4/outcome") and a message saying what was expected.
/// Scales are checked as the store checks them (outcome and side effects
/// 0-10, doses not negative); a date may appear once among the entries.
Result<TrialRecord> trial_record_from_json(const boost::json::value& json, const std::string& where);

}  // namespace trialwise::model

#pragma once

// A whole trial as one JSON document, format "trialwise-trial/1": the plan
// as pre-registered (dates, steps, design, the plan as shown), its current
// day entries and its amendments. `export --format json` writes one;
// `review --batch` reads a file of them, one per line (JSON Lines).

#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
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

/// One day entry as the record (and the API) writes it: {date, outcome,
/// doses_taken (or null), dose_g (or null), side_effects {id: score},
/// red_flags [ids], with_food, note, recorded_at, version}, plus
/// other_product: true on a day another product was taken.
boost::json::object entry_json(const DayEntry& e);

/// The planned steps as JSON, as the record holds them, and read back;
/// errors are Errc::invalid_input at `where` + JSON pointer.
boost::json::array steps_json(const std::vector<PlannedStep>& steps);
Result<std::vector<PlannedStep>> steps_from_json(const boost::json::value& v, const std::string& where);

/// A block design as JSON: {"kind": "blocks", "block_days", "on", "seed"}
/// (the seed as a string: numbers past 2^53 do not survive every reader),
/// or null for the open design.
boost::json::value design_to_json(const std::optional<BlockDesign>& design);

/// Reads a design; errors are Errc::invalid_input at `where` + JSON pointer.
/// Blocks come in pairs, one on and one off; 2 to 40 blocks of 1 to 365 days.
Result<std::optional<BlockDesign>> design_from_json(const boost::json::value& v, const std::string& where);

/// Reads a record. Errors are Errc::invalid_input with `where` set to
/// `where` followed by the JSON pointer of the offending value (e.g.
/// "line 3#/entries/4/outcome") and a message saying what was expected.
/// Scales are checked as the store checks them (outcome and side effects
/// 0-10, doses not negative); a date may appear once among the entries.
Result<TrialRecord> trial_record_from_json(const boost::json::value& json, const std::string& where);

}  // namespace trialwise::model

#pragma once

// What every export reads from a trial: the assessment stored with its plan,
// the dose schedule day by day, the blocks of a block design, and a few words
// and numbers shared by the formats.

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/date.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::interop::detail {

struct StoredReason {
  std::string rule, level, text, section, bring;
};

struct StoredBasic {
  std::string id, label, advice, section;
};

struct StoredEvidence {
  std::string id, strength_label, claim, section;
};

/// The assessment as stored in Trial::plan["assessment"] (assess::to_json).
/// Read leniently: a field that is absent or of the wrong type is empty, so
/// that a plan stored by an older version still exports.
struct StoredAssessment {
  std::string safety, group, fit, decision;
  std::vector<StoredReason> reasons;
  std::vector<StoredBasic> basics;
  std::vector<StoredEvidence> evidence;
  const boost::json::object* answers = nullptr;  // into the trial's plan; null when absent
};

StoredAssessment stored_assessment(const model::Trial& t);

/// A string member of `o`, or "".
std::string string_at(const boost::json::object& o, std::string_view key);

/// A run of consecutive days with one dose step: the step's days, cut to the
/// active period and, for a block design, to one on block.
struct DoseSegment {
  int step = 1;  // the planned step's number
  std::size_t step_index = 0;
  double dose_g = 0;
  int times_per_day = 1;
  bool requires_tolerance = false;
  Date first, last;  // inclusive
  int block = -1;    // the on block's index (block design), else -1
  int days() const { return last.days_since(first) + 1; }
};

/// The dose schedule as planned (as amended: Trial holds the current plan).
std::vector<DoseSegment> dose_segments(const model::Trial& t);

/// The first and last day of the planned step `index` (cut to the active
/// period), whatever the design.
struct DayRange {
  Date first, last;
};
std::optional<DayRange> step_range(const model::Trial& t, std::size_t index);

struct Block {
  int index = 0;  // from 0
  Date first, last;
  bool on = false;
};

/// The blocks of a block design (empty for the open design).
std::vector<Block> blocks_of(const model::Trial& t);

/// The last day of the baseline.
inline Date baseline_end(const model::Trial& t) { return t.active_start.plus_days(-1); }

/// An age band ("30-39 years", "under 18 years", "80 years or over") from
/// the answers' `age`, or "" when absent. Bands, not ages: the least a
/// clinician needs.
std::string age_band(const boost::json::object* answers);

/// A number as JavaScript prints it ("5", "0.25").
std::string number(double d);
/// A number rounded to `decimals` places, trailing zeros dropped.
std::string rounded(double d, int decimals);

/// A probability as a percentage a reader will not over-read: "over 99%"
/// and "under 1%" rather than "100%" and "0%" for what is nearly certain.
std::string probability_text(double p);

/// The verdict as a headline for a person or a clinician.
std::string verdict_headline(review::Verdict v);

/// The pack's tolerance rule as a condition: "if tolerated: no side effect
/// scored 4 ..." (the pack's text, which starts with "if"; otherwise it is
/// prefixed with "if tolerated: ").
std::string tolerance_condition(const pack::Pack& pack);

/// "once", "twice", "3 times".
std::string times_a_day(int n);

/// The sections of the pack's article (or "pack default") that the trial's
/// assessment, plan and review rely on, in the pack's order of sections with
/// "pack default" last.
std::vector<std::string> sections_relied_on(const pack::Pack& pack, const model::Trial& t, const StoredAssessment& a);

/// The outcome tracked (nullptr if the pack no longer has it).
const pack::Outcome* outcome_of(const pack::Pack& pack, const model::Trial& t);

/// The label of an enumeration value of a question, or the value itself.
std::string choice_label(const pack::Question& q, std::string_view value);

}  // namespace trialwise::interop::detail

#pragma once

#include <string>
#include <vector>

#include "trialwise/assess/answers.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/core/screening.hpp"
#include "trialwise/pack/pack.hpp"

namespace trialwise::assess {

/// One finding of the safety screen (contract v1: {rule, text, section}).
struct Reason {
  std::string rule;  // the safety rule's id
  Safety level = Safety::ok;
  std::string text;
  std::string section;  // the article section, or "pack default"
  std::string bring;    // what to bring to a clinician
};

struct BasicToFix {
  std::string id, label, advice, section;
};

/// The first three steps of the article for one person: the problem's group
/// and what the evidence says, the basics to fix, the reasons to avoid, and
/// the decision that follows.
struct Assessment {
  Safety safety = Safety::ok;  // the most severe finding
  std::string group;           // a pack group id
  Fit fit = Fit::poor;
  std::vector<BasicToFix> basics_to_fix;
  Decision decision = Decision::do_not_start;
  /// Whether make_plan may give a plan: never after do_not_start or
  /// see_clinician, and not after fix_basics_first for a group whose pack
  /// says the basics come before the supplement (Group::basics_block_plan).
  bool plan_allowed = false;
  std::vector<Reason> reasons;                  // every safety finding, most severe first
  std::vector<const pack::Evidence*> evidence;  // for the person's group
  std::string pack_id, pack_version;
};

/// Assesses checked answers. Fails with Errc::internal (naming the pack rule)
/// only if a pack rule cannot be evaluated or returns something that is not
/// one of the contract's values.
Result<Assessment> assess(const pack::Pack& pack, const Answers& answers);

}  // namespace trialwise::assess

#pragma once

// Assessments and plans as JSON (contract v1's fields, plus what a person or
// a clinician needs to reproduce and understand them) and as plain words.

#include <string>

#include <boost/json/object.hpp>

#include "trialwise/assess/plan.hpp"

namespace trialwise::assess {

/// How much an assessment's JSON carries.
enum class Detail {
  contract,  ///< contract v1's fields and the answers: what a batch needs
  full,      ///< also the evidence, the advice for each basic, what to bring
};

/// Contract v2: safety, group, fit, basics_to_fix (ids), decision,
/// plan_allowed, reasons ({rule, level, text, section}), pack; and the answers
/// used. Detail::full adds "evidence", "basics" (with advice), each reason's
/// "bring", "decision_text" and the group's "trial_limit" when it has one.
/// Memory comes from `sp` (the heap by default).
boost::json::object to_json(const pack::Pack& pack, const Answers& answers, const Assessment& a,
                            Detail detail = Detail::full, const boost::json::storage_ptr& sp = {});

/// The text of to_json(pack, answers, a, detail) as json::append writes it,
/// appended to `out` in one pass, without building the object first (the
/// checker's hot route). A test holds the two to the same bytes.
void append_json(std::string& out, const pack::Pack& pack, const Answers& answers, const Assessment& a,
                 Detail detail = Detail::full);

/// The plan, with the assessment and answers it was made from.
boost::json::object to_json(const pack::Pack& pack, const Answers& answers, const Assessment& a, const TrialPlan& plan);

/// A refused plan: why, and what to bring to a clinician. No dose anywhere.
boost::json::object refusal_to_json(const pack::Pack& pack, const Answers& answers, const Assessment& a,
                                    const Error& why);

/// The decision in one plain sentence: whether a plan is open, and for a
/// poor fit, words that do not read as an endorsement.
std::string decision_in_words(const pack::Pack& pack, const Assessment& a);

/// The assessment for a person to read: the decision first, then the
/// reasons with their sources, the basics, and the evidence.
std::string describe(const pack::Pack& pack, const Assessment& a);

/// The plan for a person to read (after the assessment's decision line).
std::string describe(const pack::Pack& pack, const TrialPlan& plan);

/// A refused plan for a person to read: the reasons and what to bring.
std::string describe_refusal(const pack::Pack& pack, const Assessment& a, const Error& why);

}  // namespace trialwise::assess

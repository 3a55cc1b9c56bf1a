#pragma once

// A series of N-of-1 trials: what a practice learns across its clients who
// ran the same defined trial (one protocol, one outcome). Each person's
// reviewed effect and its Newey-West standard error are pooled with a
// random-effects model (stats::random_effects): the average improvement, how
// much people differ, the likely range for a new client, and each person's
// shrunken estimate. Said in words first, with caveats always; as JSON
// ("trialwise-series/1") and as a forest plot (SVG, no script).
//
// Pure: the trials come in already reviewed; reading records and reviewing
// them is service::series_of_records.

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "trialwise/core/date.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/stats/meta_analysis.hpp"

namespace trialwise::series {

inline constexpr const char* kSeriesFormat = "trialwise-series/1";

/// Fewer people than this with an estimable effect: no pooled estimate.
inline constexpr std::size_t kMinPeople = 3;
/// Fewer than this: no analysis by baseline severity (one moderator on a
/// handful of people finds patterns in noise; the usual guidance is 10).
inline constexpr std::size_t kMinPeopleForModerator = 10;

/// One trial of the series, reviewed at its review date.
struct ReviewedTrial {
  /// The person as the reader knows them (a coach: the client's email), or
  /// empty: then "trial N". Trials with the same non-empty label are one
  /// person's; only their latest reviewed trial counts.
  std::string label;
  model::TrialId trial = 0;
  Date start;
  /// The day it was reviewed on; empty when no review date has come yet.
  std::optional<Date> reviewed_on;
  review::Review review;  ///< meaningless when reviewed_on is empty
};

/// Why a trial is not pooled.
enum class Apart {
  not_reviewed_yet,  ///< its review date has not come
  inconclusive,      ///< the review could not judge it (too few days, low adherence, ...)
  no_estimate,       ///< judged, but no effect could be estimated
  earlier_trial,     ///< the same person has a later reviewed trial, which counts instead
};
std::string_view to_string(Apart a) noexcept;

struct Person {
  std::string label;
  model::TrialId trial = 0;
  Date reviewed_on;
  double estimate = 0, se = 0, ci_low = 0, ci_high = 0;  ///< improvement, from the person's own review
  double baseline_mean = 0;                              ///< the outcome's mean on days without the supplement
  int days = 0;                                          ///< days in the person's fit
  double weight = 0;                    ///< percent of the pooled estimate's weight; 0 without a pooled estimate
  std::optional<stats::Blup> shrunken;  ///< with a pooled estimate
};

struct Left {
  std::string label;
  model::TrialId trial = 0;
  Apart why = Apart::not_reviewed_yet;
  std::optional<review::Verdict> verdict;  ///< when reviewed
  std::vector<std::string> detail;         ///< what was missing, in words
};

struct Pooled {
  stats::MetaAnalysis fit;
  stats::Prediction prediction;
  double p_new_meaningful = 0;  ///< P(a new person improves by >= the smallest change that matters)
};

struct Moderator {
  stats::MetaAnalysis fit;  ///< coef[1] is the change in improvement per point of baseline
};

struct Options {
  stats::Tau2Method method = stats::Tau2Method::reml;
  bool knapp_hartung = false;
};

struct Series {
  Date as_of;
  std::string protocol_id, protocol_label, outcome_id, outcome_label;
  double scale_min = 0, scale_max = 10;
  bool higher_is_better = false;
  double smallest_meaningful_change = 1;
  Options options;
  std::vector<Person> people;          ///< pooled, in the order the trials came
  std::vector<Left> apart;             ///< listed, never silently dropped
  std::optional<Pooled> pooled;        ///< from kMinPeople people
  std::optional<Moderator> moderator;  ///< from kMinPeopleForModerator, when baselines differ
  std::string moderator_note;          ///< why there is no moderator analysis
  std::vector<std::string> words;      ///< what it means, most important first
  std::vector<std::string> caveats;    ///< always
};

/// Pools `trials` (each reviewed, of protocol `protocol_id` and outcome
/// `outcome_id` of `pack`). Fails with Errc::invalid_input when the pack has
/// no such protocol ("protocol") or outcome ("outcome"), and passes on the
/// model's error when the figures cannot be fitted (e.g. Errc::limit).
Result<Series> pool(const pack::Pack& pack, const std::string& protocol_id, const std::string& outcome_id,
                    std::vector<ReviewedTrial> trials, Date as_of, const Options& options);

/// The series as JSON, format "trialwise-series/1" (docs/series.md).
boost::json::object to_json(const Series& s);

/// A forest plot: one row per person (label, estimate, 95% interval, weight),
/// the pooled diamond and the prediction interval; self-contained SVG, no
/// script, every label escaped.
std::string forest_svg(const Series& s);

}  // namespace trialwise::series

#pragma once

// A review as JSON, in plain words, and as charts of the outcome by phase.

#include <iosfwd>
#include <string>

#include <boost/json/object.hpp>

#include "trialwise/review/review.hpp"

namespace trialwise::review {

/// The review as JSON: `outcome` (the verdict), `effect` (`estimate`, `se`,
/// `ci_low`, `ci_high`, `p_meaningful`, ...; null when it could not be
/// estimated), `adherence`, `days` (logged and planned per phase),
/// `side_effects`, `next_review_date` (null unless continue or reduce_dose),
/// `reasons`, `missing`, `caveats`, `red_flags`, `trend`, `randomization`,
/// and with `with_series` the outcome by day (`series`).
boost::json::object to_json(const Review& r, bool with_series = false);

/// Plain words, most important first: the verdict and what to do now, what
/// changed and how sure we are, adherence and side effects, then what the
/// design cannot rule out.
void describe(const Review& r, std::ostream& out);

/// The outcome over time by phase as a compact terminal chart: one mark a
/// day (▁ to █ by score, · for a day not logged), one line per phase or
/// block, with the phase's mean.
std::string chart_text(const Review& r, const model::Trial& t);

/// The same as a self-contained SVG image: a point a day, phases shaded,
/// each phase's mean drawn as a line.
std::string chart_svg(const Review& r, const model::Trial& t);

}  // namespace trialwise::review

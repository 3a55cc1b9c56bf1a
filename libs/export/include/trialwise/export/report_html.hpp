#pragma once

// The clinician's report: one self-contained HTML page (inline CSS and the
// review's SVG chart; no script, no external resource) that prints on A4 and
// Letter alike. It says, in this order: the verdict in a box; who the trial
// was for (an age band and the problem, never a name or an exact age); the
// screening findings with their article sections and the answers; the plan
// as amended and every amendment; the outcome chart by phase and the days
// logged; adherence; side effects by dose step; the verdict's figures,
// reasons and caveats; the pack and the article sections relied on; and the
// pack's disclaimer. Every piece of text is escaped.

#include <optional>
#include <string>

#include "trialwise/core/date.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/model/trial_json.hpp"

namespace trialwise::interop {

struct ReportOptions {
  /// The day the report was made, shown in its header; empty: the review's
  /// as-of day is shown alone.
  std::optional<Date> made_on{};
};

/// The report as a whole HTML5 document (UTF-8). `review` is the review of
/// `record`. Pure and total: a stored plan missing a part (an older
/// version's) leaves that part out and says so.
std::string clinician_report_html(const pack::Pack& pack, const model::TrialRecord& record,
                                  const review::Review& review, const ReportOptions& options = {});

}  // namespace trialwise::interop

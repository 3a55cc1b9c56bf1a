#pragma once

// A stored trial in the forms other tools read: CSV (entries), the trial
// record (JSON, for batch review and moving a trial), FHIR R4, iCalendar and
// the clinician's report. What `trialwise export` and the API's export
// routes share.

#include <chrono>
#include <string>
#include <string_view>

#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/store/repository.hpp"

namespace trialwise::service {

enum class ExportFormat { csv, json, fhir, ics, html };

/// "csv", "json", "fhir", "ics" or "html"; Errc::invalid_input at `where`.
Result<ExportFormat> export_format(std::string_view name, const std::string& where);

struct ExportFile {
  std::string text;
  std::string content_type;  // e.g. "application/fhir+json"
  std::string file_name;     // e.g. "trial-3.ics"
};

/// The trial in `format`. The FHIR bundle, the calendar and the report carry
/// the review as of `as_of`; `now` stamps the calendar (DTSTAMP).
Result<ExportFile> export_trial(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                                const model::Trial& trial, ExportFormat format, Date as_of,
                                std::chrono::sys_seconds now);

}  // namespace trialwise::service

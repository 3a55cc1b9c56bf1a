#include "trialwise/service/exports.hpp"

#include "trialwise/export/fhir.hpp"
#include "trialwise/export/ical.hpp"
#include "trialwise/export/report_html.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/records.hpp"
#include "trialwise/service/review.hpp"

namespace trialwise::service {

Result<ExportFormat> export_format(std::string_view name, const std::string& where) {
  if (name == "csv") return ExportFormat::csv;
  if (name == "json") return ExportFormat::json;
  if (name == "fhir") return ExportFormat::fhir;
  if (name == "ics") return ExportFormat::ics;
  if (name == "html") return ExportFormat::html;
  return Unexpected{
      invalid_input(where, "\"" + std::string(name) + "\" is not a format; use csv, json, fhir, ics or html")};
}

Result<ExportFile> export_trial(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                                const model::Trial& trial, ExportFormat format, Date as_of,
                                std::chrono::sys_seconds now) {
  const std::string base = "trial-" + std::to_string(trial.id);
  if (format == ExportFormat::csv) {
    auto csv = export_csv(repo, profile, pack, trial);
    if (!csv) return Unexpected{csv.error()};
    return ExportFile{std::move(*csv), "text/csv; charset=utf-8", base + ".csv"};
  }
  auto record = trial_record(repo, profile, trial);
  if (!record) return Unexpected{record.error()};
  if (format == ExportFormat::json) {
    // One line, so that records concatenate into a JSON Lines batch.
    std::string text;
    json::append(text, model::to_json(*record));
    return ExportFile{text + "\n", "application/json", base + ".json"};
  }
  const auto r = review::review_trial(pack, trial, record->entries, as_of);
  switch (format) {
    case ExportFormat::fhir: {
      return ExportFile{interop::fhir_bundle_text(pack, *record, r), "application/fhir+json", base + ".fhir.json"};
    }
    case ExportFormat::ics: {
      interop::CalendarOptions options;
      options.now = now;
      auto ics = interop::icalendar(pack, *record, r, options);
      if (!ics) return Unexpected{ics.error()};
      return ExportFile{std::move(*ics), "text/calendar; charset=utf-8", base + ".ics"};
    }
    case ExportFormat::html:
      return ExportFile{interop::clinician_report_html(pack, *record, r, {.made_on = as_of}),
                        "text/html; charset=utf-8", base + ".html"};
    case ExportFormat::csv:
    case ExportFormat::json: break;
  }
  return Unexpected{internal_error("export", "unhandled format")};
}

}  // namespace trialwise::service

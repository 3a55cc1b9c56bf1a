// The running trial in the forms other tools read: GET /api/v1/trial/export.csv,
// export.json (the trial record), export.fhir.json (FHIR R4), export.ics
// (reminders) and export.html (the clinician's report). The last three carry
// the review as of ?as_of= (default: today).

#include <chrono>

#include <boost/beast/http/field.hpp>

#include "reply.hpp"
#include "routes.hpp"
#include "running.hpp"
#include "trialwise/service/exports.hpp"

namespace trialwise::http::routes {

namespace {

Response export_as(const Context& ctx, service::ExportFormat format) {
  auto as_of = as_of_day(ctx);
  if (!as_of) return std::move(as_of).error();
  auto running = open_running(ctx);
  if (!running) return std::move(running).error();
  const auto stamp = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  auto file = running->service().export_trial(running->trial, format, *as_of, stamp);
  if (!file) return error_reply(file.error());
  auto res = text_reply(Status::ok, std::move(file->text), file->content_type);
  res.set(boost::beast::http::field::content_disposition, "attachment; filename=\"" + file->file_name + "\"");
  return res;
}

}  // namespace

Response export_csv(const Context& ctx) { return export_as(ctx, service::ExportFormat::csv); }
Response export_json(const Context& ctx) { return export_as(ctx, service::ExportFormat::json); }
Response export_fhir(const Context& ctx) { return export_as(ctx, service::ExportFormat::fhir); }
Response export_ics(const Context& ctx) { return export_as(ctx, service::ExportFormat::ics); }
Response export_html(const Context& ctx) { return export_as(ctx, service::ExportFormat::html); }

}  // namespace trialwise::http::routes

#include "reply.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json/array.hpp>

#include "trialwise/json/text.hpp"

namespace trialwise::http {

namespace {
constexpr const char* kRetryAfterSeconds = "2";
const Error kDatabaseAway{Errc::unavailable,
                          "the database cannot be reached just now; nothing was changed, try again shortly", ""};
}  // namespace

Status status_for(Errc code) noexcept {
  switch (code) {
    case Errc::invalid_input: return Status::bad_request;
    case Errc::not_found: return Status::not_found;
    case Errc::conflict: return Status::conflict;
    case Errc::limit: return Status::payload_too_large;
    case Errc::refused: return Status::unprocessable_entity;
    case Errc::unavailable: return Status::service_unavailable;
    case Errc::io:
    case Errc::internal: return Status::internal_server_error;
  }
  return Status::internal_server_error;
}

Response text_reply(Status status, std::string body, std::string_view content_type) {
  Response res{status, 11};
  res.set(boost::beast::http::field::content_type, content_type);
  res.body() = std::move(body);
  return res;
}

Response json_reply(Status status, const boost::json::value& body) {
  std::string text;
  json::append(text, body);
  return text_reply(status, std::move(text), "application/json");
}

boost::json::object error_json(std::string_view code, const Error& e) {
  return {{"code", code}, {"message", e.message}, {"where", e.where}};
}

Response error_reply(Status status, std::string_view code, const Error& e) {
  Response res = json_reply(status, boost::json::object{{"error", error_json(code, e)}});
  // The database is away (a restart, a fail-over): worth asking again soon.
  if (status == Status::service_unavailable) res.set(boost::beast::http::field::retry_after, kRetryAfterSeconds);
  return res;
}

Response error_reply(const Error& e) {
  // Only the database is ever unavailable: the client hears that, not where it is.
  if (e.code == Errc::unavailable) return error_reply(Status::service_unavailable, to_string(e.code), kDatabaseAway);
  return error_reply(status_for(e.code), to_string(e.code), e);
}

Response store_failure(const Error& e) {
  if (e.code == Errc::unavailable) return error_reply(e);
  Error own = e;  // the server's own database: never the client's fault
  own.where.clear();
  if (own.code != Errc::io) own.code = Errc::internal;
  return error_reply(own);
}

Response error_reply(const std::vector<Error>& problems) {
  const Error& first = problems.front();
  if (problems.size() == 1) return error_reply(first);
  auto error = error_json(to_string(first.code), first);
  error["message"] = std::to_string(problems.size()) + " problems; the first: " + first.message;
  boost::json::array list;
  for (const auto& p : problems) list.push_back(error_json(to_string(p.code), p));
  error["problems"] = std::move(list);
  return json_reply(status_for(first.code), boost::json::object{{"error", std::move(error)}});
}

}  // namespace trialwise::http

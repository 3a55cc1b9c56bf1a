#pragma once

// Building responses: JSON bodies, CSV, and errors with the one table from
// error kinds to status codes.

#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/status.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/error.hpp"
#include "trialwise/http/message.hpp"

namespace trialwise::http {

using Status = boost::beast::http::status;

/// The one table: invalid_input 400, not_found 404, conflict 409, limit 413,
/// refused 422, io and internal 500.
Status status_for(Errc code) noexcept;

/// The answer when the server's own store cannot be used: 503 with
/// Retry-After while the database server is away, 500 otherwise (never the
/// client's fault); the message names no path or URI.
Response store_failure(const Error& e);

/// A JSON body (application/json), written as JSON.stringify writes it.
Response json_reply(Status status, const boost::json::value& body);

/// A body of another type.
Response text_reply(Status status, std::string body, std::string_view content_type);

/// {"error": {"code", "message", "where"}} with `status` and `code` given
/// (for the statuses with no error kind: 405, 415, 431).
Response error_reply(Status status, std::string_view code, const Error& e);

/// The same, status and code from the error's kind.
Response error_reply(const Error& e);

/// Several problems of one kind: the first is the headline, and "problems"
/// lists them all. `problems` must not be empty.
Response error_reply(const std::vector<Error>& problems);

/// The error object itself, for bodies that carry more (a refused plan).
boost::json::object error_json(std::string_view code, const Error& e);

}  // namespace trialwise::http

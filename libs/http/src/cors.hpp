#pragma once

// Cross-origin use of the stateless checker (serve --allow-origin): a
// publisher's page on another origin may call /healthz, the pack, assess and
// plan, and load the embed's files; nothing else, and never with
// credentials (no cookie crosses origins, no personal route answers one).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialwise/http/handler.hpp"

namespace trialwise::http {

/// Whether `path` may be used from an allowed origin: a stateless route or
/// one of the embed's files.
bool cross_origin_path(std::string_view path);

/// The request's Origin when it is one of `allowed` and the path may be used
/// cross-origin; else nothing.
std::optional<std::string> allowed_origin(const Request& req, std::string_view path,
                                          const std::vector<std::string>& allowed);

/// A preflight (OPTIONS with Origin and Access-Control-Request-Method), or
/// nothing for any other request. Allowed: 204 with the methods (GET, POST),
/// the one header (Content-Type) and a max age of 10 minutes; else 403.
std::optional<Response> preflight(const Request& req, std::string_view path, const std::vector<std::string>& allowed);

/// Marks a response for the allowed `origin`: Access-Control-Allow-Origin
/// (that origin, never "*").
void allow_origin(Response& res, const std::string& origin);

/// Whether answers on `path` depend on the request's Origin: some origins are
/// allowed and the path may be used cross-origin. Every such answer, with or
/// without an Origin, then says Vary: Origin, so that a shared cache (the
/// pack is public) keeps one copy per origin and never hands a site's readers
/// one kept without Access-Control-Allow-Origin.
bool varies_by_origin(std::string_view path, const std::vector<std::string>& allowed);

}  // namespace trialwise::http

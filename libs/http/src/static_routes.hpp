#pragma once

// The web app's files (trialwise::web_assets) served beside the API. They are
// not API routes: the OpenAPI document and route_table() leave them out.

#include <optional>
#include <string_view>

#include "trialwise/http/message.hpp"

namespace trialwise::http {

/// The Content-Security-Policy every file of the web app is served with: the
/// app's own scripts, styles and API only; no inline script or style, no
/// framing, no other origin.
inline constexpr std::string_view kWebAppPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The app's Content-Security-Policy and the other security headers, set on
/// every HTML response (the web app's pages and the clinician's report).
void set_security_headers(Response& res);

/// The response for `path` (decoded, e.g. "/" or "/app.js") when it names a
/// file of the web app, else nullopt (dispatch then answers its 404). GET
/// gets the file with its content type, an ETag, "Cache-Control: no-cache"
/// (revalidated on each use, so a new binary's app is seen at once) and the
/// security headers; a matching If-None-Match gets 304 with no body. Any
/// other method gets 405 with "Allow: GET".
std::optional<Response> static_file(const Request& request, std::string_view path);

/// Whether `path` is one of the publisher's embed's files: embed.js, what is
/// under /embed/, and the modules and stylesheet it shares with the web app.
/// A checker serves these and no other file; any origin --allow-origin names
/// may load them (a module script is fetched with CORS).
bool embed_file(std::string_view path);

}  // namespace trialwise::http

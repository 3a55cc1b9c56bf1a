#pragma once

// Validators for conditional GET (RFC 9110): the pack and the web app's files
// carry an ETag, and a request whose If-None-Match names it gets 304.

#include <string>
#include <string_view>

namespace trialwise::http {

/// Whether an If-None-Match header value lists `etag` (or is "*"), by weak
/// comparison as RFC 9110 asks for GET.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

/// A strong ETag for `body`, quoted: its FNV-1a 64-bit hash in hex. A content
/// validator, not a security hash: the same body gives the same tag in every
/// process, so checkers behind one load balancer agree.
std::string content_etag(std::string_view body);

}  // namespace trialwise::http

#pragma once

// A response's status line and header fields as they go on the wire. The
// server writes them and the body as two buffers in one gather write instead
// of through Beast's serializer, whose buffer sequences were about 5% of the
// server's time under the checker's assess load. Every response here carries
// a Content-Length (handle() and reject() prepare the payload), so there is
// no chunked encoding to do.

#include <string>

#include "trialwise/http/message.hpp"

namespace trialwise::http {

/// Appends "HTTP/1.x CODE Reason\r\n", each field as "Name: value\r\n", and
/// the blank line, byte for byte as Beast's serializer writes them.
void append_head(std::string& out, const Response& res);

}  // namespace trialwise::http

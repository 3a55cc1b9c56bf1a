#pragma once

// Reading JSON request bodies: the content type, the parse (bounded in
// depth), and the reader for their fields, each problem named by its JSON
// pointer.

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "context.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/json/fields.hpp"

namespace trialwise::http {

/// The body as JSON: 415 unless the Content-Type is application/json (any
/// parameters, such as charset, allowed); 400 when it is not valid JSON
/// (`where` "line L, column C"); 413 when it is nested deeper than the
/// limit. The failure is the response to send.
/// Memory comes from `storage` (the heap by default).
Result<boost::json::value, Response> json_body(const Context& ctx, boost::json::storage_ptr storage = {});

/// The reader for request bodies' fields (json::Fields over it): a field
/// sent as null counts as not given, as clients send it.
inline json::FieldReader body_reader() { return json::FieldReader("", {.null_is_absent = true}); }

}  // namespace trialwise::http

#pragma once

// The HTTP messages the handler takes and gives: Beast's, with the whole
// body in a string (bodies are bounded by Limits::body_bytes).

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace trialwise::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

}  // namespace trialwise::http

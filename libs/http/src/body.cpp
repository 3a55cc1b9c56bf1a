#include "body.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include <boost/beast/http/field.hpp>

#include "reply.hpp"
#include "trialwise/core/json_pointer.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::http {
namespace {

bool is_json_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.remove_suffix(1);
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front()))) type.remove_prefix(1);
  constexpr std::string_view kJson = "application/json";
  return type.size() == kJson.size() && std::equal(type.begin(), type.end(), kJson.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

}  // namespace

Result<boost::json::value, Response> json_body(const Context& ctx, boost::json::storage_ptr storage) {
  const auto type = ctx.request[boost::beast::http::field::content_type];
  if (!is_json_type(type)) {
    const std::string got = type.empty() ? "no Content-Type" : "Content-Type " + std::string(type);
    return Unexpected{error_reply(
        Status::unsupported_media_type, "unsupported_media_type",
        invalid_input("Content-Type", "send the body as JSON (Content-Type: application/json), not " + got))};
  }
  // One parser per thread, reused: its buffers outlive the request.
  thread_local std::unique_ptr<json::Parser> parser;
  thread_local std::size_t parser_depth = 0;
  if (!parser || parser_depth != ctx.services.limits().json_depth) {
    parser_depth = ctx.services.limits().json_depth;
    parser = std::make_unique<json::Parser>(parser_depth);
  }
  auto json = parser->parse(ctx.request.body(), std::move(storage));
  if (!json) {
    Error e = json.error();
    e.message = (e.code == Errc::limit ? "the body " : "the body is ") + e.message;
    return Unexpected{error_reply(e)};
  }
  return std::move(*json);
}

}  // namespace trialwise::http

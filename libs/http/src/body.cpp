#include "body.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include <boost/beast/http/field.hpp>

#include "reply.hpp"
#include "trialwise/core/json_pointer.hpp"
#include "trialwise/rules/json_text.hpp"

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

const char* type_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "something else";
}

// A JSON number as a double, or nothing.
std::optional<double> as_number(const boost::json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double()) return v.get_double();
  return std::nullopt;
}

std::string quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

}  // namespace

Result<boost::json::value, Response> json_body(const Context& ctx, boost::json::storage_ptr storage) {
  const auto type = ctx.request[boost::beast::http::field::content_type];
  if (!is_json_type(type)) {
    const std::string got = type.empty() ? "no Content-Type" : "Content-Type " + std::string(type);
    return Unexpected{error_reply(Status::unsupported_media_type, "unsupported_media_type",
                                  Error{Errc::invalid_input, "send the body as JSON (Content-Type: application/json), not " + got,
                                        "Content-Type"})};
  }
  // One parser per thread, reused: its buffers outlive the request.
  thread_local std::unique_ptr<rules::JsonParser> parser;
  thread_local std::size_t parser_depth = 0;
  if (!parser || parser_depth != ctx.services.limits().json_depth) {
    parser_depth = ctx.services.limits().json_depth;
    parser = std::make_unique<rules::JsonParser>(parser_depth);
  }
  auto json = parser->parse(ctx.request.body(), std::move(storage));
  if (!json) {
    Error e = json.error();
    e.message = (e.code == Errc::limit ? "the body " : "the body is ") + e.message;
    return Unexpected{error_reply(e)};
  }
  return std::move(*json);
}

Fields::Fields(const boost::json::value& value, std::string base) : base_(std::move(base)) {
  object_ = value.if_object();
  if (!object_) problem(base_, "must be a JSON object, not " + std::string(type_name(value)));
}

std::string Fields::pointer(std::string_view key) const {
  std::string p = base_;
  append_pointer_token(p, key);
  return p;
}

void Fields::problem(std::string where, std::string message) {
  problems_.push_back(invalid_input(std::move(where), std::move(message)));
}

const boost::json::value* Fields::any(std::string_view key, bool required) {
  if (!object_) return nullptr;
  read_.emplace_back(key);
  const auto* v = object_->if_contains(key);
  if (v && v->is_null()) v = nullptr;
  if (!v && required) problem(pointer(key), "missing " + quoted(key));
  return v;
}

std::optional<std::string> Fields::string(std::string_view key, bool required, std::size_t max_bytes) {
  const auto* v = any(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    problem(pointer(key), quoted(key) + " must be a string, not " + type_name(*v));
    return std::nullopt;
  }
  if (v->get_string().size() > max_bytes) {
    problem(pointer(key), quoted(key) + " is longer than " + std::to_string(max_bytes) + " characters");
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<double> Fields::number(std::string_view key, bool required, double min, double max) {
  const auto* v = any(key, required);
  if (!v) return std::nullopt;
  const auto n = as_number(*v);
  if (!n) {
    problem(pointer(key), quoted(key) + " must be a number, not " + type_name(*v));
    return std::nullopt;
  }
  if (!(*n >= min && *n <= max)) {
    problem(pointer(key), quoted(key) + " is " + rules::to_json_text(*v) + "; it must be between " +
                              rules::to_json_text(boost::json::value(min)) + " and " +
                              rules::to_json_text(boost::json::value(max)));
    return std::nullopt;
  }
  return n;
}

std::optional<int> Fields::integer(std::string_view key, bool required, int min, int max) {
  const auto* v = any(key, required);
  if (!v) return std::nullopt;
  const auto n = as_number(*v);
  if (!n || std::floor(*n) != *n) {
    problem(pointer(key), quoted(key) + " must be a whole number, not " + (n ? rules::to_json_text(*v) : type_name(*v)));
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    problem(pointer(key), quoted(key) + " is " + rules::to_json_text(*v) + "; it must be between " +
                              std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return static_cast<int>(*n);
}

std::optional<bool> Fields::boolean(std::string_view key, bool required) {
  const auto* v = any(key, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    problem(pointer(key), quoted(key) + " must be true or false, not " + type_name(*v));
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<Date> Fields::date(std::string_view key, bool required) {
  const auto* v = any(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    problem(pointer(key), quoted(key) + " must be a date as \"YYYY-MM-DD\", not " + type_name(*v));
    return std::nullopt;
  }
  auto d = Date::parse(v->get_string(), pointer(key));
  if (!d) {
    problems_.push_back(d.error());
    return std::nullopt;
  }
  return *d;
}

std::optional<std::map<std::string, int>> Fields::integers(std::string_view key, int min, int max) {
  const auto* v = any(key);
  if (!v) return std::nullopt;
  Fields inner(*v, pointer(key));
  if (!inner.object_) {
    problems_.push_back(inner.problems_.front());
    return std::nullopt;
  }
  std::map<std::string, int> out;
  for (const auto& item : *inner.object_) {
    if (auto n = inner.integer(item.key(), false, min, max)) out[std::string(item.key())] = *n;
  }
  const auto before = problems_.size();
  for (auto& p : inner.finish()) problems_.push_back(std::move(p));
  if (problems_.size() != before) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> Fields::strings(std::string_view key, std::size_t max_items) {
  const auto* v = any(key);
  if (!v) return std::nullopt;
  const auto* array = v->if_array();
  if (!array) {
    problem(pointer(key), quoted(key) + " must be an array of strings, not " + type_name(*v));
    return std::nullopt;
  }
  if (array->size() > max_items) {
    problem(pointer(key), quoted(key) + " has more than " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& item = (*array)[i];
    if (!item.is_string()) {
      problem(pointer(key) + "/" + std::to_string(i), "must be a string, not " + std::string(type_name(item)));
      return std::nullopt;
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

std::vector<Error> Fields::finish() {
  if (object_) {
    for (const auto& item : *object_) {
      if (std::find(read_.begin(), read_.end(), item.key()) == read_.end())
        problem(pointer(item.key()), "unknown field " + quoted(item.key()));
    }
  }
  return std::move(problems_);
}

}  // namespace trialwise::http

#include "trialwise/json/fields.hpp"

#include <algorithm>
#include <cmath>

#include "trialwise/core/json_pointer.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::json {
namespace {

// A JSON number as a double, or nothing.
std::optional<double> as_number(const boost::json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double()) return v.get_double();
  return std::nullopt;
}

}  // namespace

std::string child(std::string_view pointer, std::string_view key) {
  std::string out(pointer);
  append_pointer_token(out, key);
  return out;
}

std::string child(std::string_view pointer, std::size_t index) {
  return std::string(pointer) + "/" + std::to_string(index);
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

void FieldReader::fail(std::string_view pointer, std::string message, Errc code) {
  problems_.push_back(Error{code, std::move(message), location_ + std::string(pointer)});
}

const boost::json::object* FieldReader::object(const boost::json::value& v, std::string_view pointer) {
  if (const auto* o = v.if_object()) return o;
  fail(pointer, std::string("must be a JSON object, not ") + type_name(v));
  return nullptr;
}

void FieldReader::only_keys(const boost::json::object& o, std::string_view pointer,
                            std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : o) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end())
      fail(child(pointer, kv.key()), "unknown field " + quoted(kv.key()));
  }
}

const boost::json::value* FieldReader::member(const boost::json::object& o, std::string_view pointer,
                                              std::string_view key, Need need) {
  const auto* v = o.if_contains(key);
  if (v && v->is_null() && options_.null_is_absent) v = nullptr;
  if (!v && need == Need::required) fail(child(pointer, key), "missing " + quoted(key));
  return v;
}

std::optional<std::string> FieldReader::string(const boost::json::object& o, std::string_view pointer,
                                               std::string_view key, Need need, std::size_t max_bytes) {
  const auto* v = member(o, pointer, key, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(child(pointer, key), quoted(key) + " must be a string, not " + type_name(*v));
    return std::nullopt;
  }
  const auto& s = v->get_string();
  if (s.size() > max_bytes) {
    fail(child(pointer, key), quoted(key) + " is longer than " + std::to_string(max_bytes) + " characters");
    return std::nullopt;
  }
  if (need == Need::required && s.empty()) {
    fail(child(pointer, key), quoted(key) + " must not be empty");
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<double> FieldReader::number(const boost::json::object& o, std::string_view pointer, std::string_view key,
                                          Need need, double min, double max) {
  const auto* v = member(o, pointer, key, need);
  if (!v) return std::nullopt;
  const auto n = as_number(*v);
  if (!n) {
    fail(child(pointer, key), quoted(key) + " must be a number, not " + type_name(*v));
    return std::nullopt;
  }
  if (!(*n >= min && *n <= max)) {
    fail(child(pointer, key), quoted(key) + " is " + number_text(*n) + "; it must be between " + number_text(min) +
                                  " and " + number_text(max));
    return std::nullopt;
  }
  return n;
}

std::optional<int> FieldReader::integer(const boost::json::object& o, std::string_view pointer, std::string_view key,
                                        Need need, int min, int max) {
  const auto* v = member(o, pointer, key, need);
  if (!v) return std::nullopt;
  const auto n = as_number(*v);
  if (!n || std::floor(*n) != *n) {
    fail(child(pointer, key),
         quoted(key) + " must be a whole number, not " + (n ? number_text(*n) : std::string(type_name(*v))));
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    fail(child(pointer, key), quoted(key) + " is " + number_text(*n) + "; it must be between " + std::to_string(min) +
                                  " and " + std::to_string(max));
    return std::nullopt;
  }
  return static_cast<int>(*n);
}

std::optional<bool> FieldReader::boolean(const boost::json::object& o, std::string_view pointer, std::string_view key,
                                         Need need) {
  const auto* v = member(o, pointer, key, need);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(child(pointer, key), quoted(key) + " must be true or false, not " + type_name(*v));
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<Date> FieldReader::date(const boost::json::object& o, std::string_view pointer, std::string_view key,
                                      Need need) {
  const auto* v = member(o, pointer, key, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(child(pointer, key), quoted(key) + " must be a date as \"YYYY-MM-DD\", not " + type_name(*v));
    return std::nullopt;
  }
  auto d = Date::parse(v->get_string(), std::string_view());
  if (d) return *d;
  Error e = std::move(d).error();
  e.where = location_ + child(pointer, key) + e.where;
  add(std::move(e));
  return std::nullopt;
}

std::optional<std::vector<std::string>> FieldReader::strings(const boost::json::object& o, std::string_view pointer,
                                                             std::string_view key, Need need, std::size_t max_items) {
  const auto* v = member(o, pointer, key, need);
  if (!v) return std::nullopt;
  return strings_of(*v, child(pointer, key), quoted(key), need, max_items);
}

std::optional<std::vector<std::string>> FieldReader::strings_of(const boost::json::value& v, std::string_view pointer,
                                                                std::string_view name, Need need,
                                                                std::size_t max_items) {
  const std::string p(pointer);
  const auto* array = v.if_array();
  if (!array) {
    fail(p, std::string(name) + " must be an array of strings, not " + type_name(v));
    return std::nullopt;
  }
  if (array->size() > max_items) {
    fail(p, std::string(name) + " has more than " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  if (need == Need::required && array->empty()) {
    fail(p, std::string(name) + " must not be empty");
    return std::nullopt;
  }
  std::vector<std::string> out;
  const std::size_t before = problems_.size();
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& item = (*array)[i];
    if (item.is_string()) {
      out.emplace_back(item.get_string());
    } else {
      fail(child(p, i), std::string("must be a string, not ") + type_name(item));
    }
  }
  if (problems_.size() != before) return std::nullopt;
  return out;
}

std::optional<std::map<std::string, int>> FieldReader::integers(const boost::json::object& o, std::string_view pointer,
                                                                std::string_view key, Need need, int min, int max) {
  const auto* v = member(o, pointer, key, need);
  if (!v) return std::nullopt;
  return integers_of(*v, child(pointer, key), min, max);
}

std::optional<std::map<std::string, int>> FieldReader::integers_of(const boost::json::value& v,
                                                                   std::string_view pointer, int min, int max) {
  const std::string p(pointer);
  const auto* inner = object(v, p);
  if (!inner) return std::nullopt;
  std::map<std::string, int> out;
  const std::size_t before = problems_.size();
  for (const auto& item : *inner) {
    if (auto n = integer(*inner, p, item.key(), Need::optional, min, max)) out[std::string(item.key())] = *n;
  }
  if (problems_.size() != before) return std::nullopt;
  return out;
}

Fields::Fields(const boost::json::value& value, std::string pointer, FieldReader& reader)
    : pointer_(std::move(pointer)), reader_(&reader) {
  object_ = reader.object(value, pointer_);
}

const boost::json::value* Fields::any(std::string_view key, Need need) {
  if (!object_) return nullptr;
  read_.emplace_back(key);
  return reader_->member(*object_, pointer_, key, need);
}

std::optional<std::string> Fields::string(std::string_view key, Need need, std::size_t max_bytes) {
  if (!object_) return std::nullopt;
  read_.emplace_back(key);
  return reader_->string(*object_, pointer_, key, need, max_bytes);
}

std::optional<double> Fields::number(std::string_view key, Need need, double min, double max) {
  if (!object_) return std::nullopt;
  read_.emplace_back(key);
  return reader_->number(*object_, pointer_, key, need, min, max);
}

std::optional<int> Fields::integer(std::string_view key, Need need, int min, int max) {
  if (!object_) return std::nullopt;
  read_.emplace_back(key);
  return reader_->integer(*object_, pointer_, key, need, min, max);
}

std::optional<bool> Fields::boolean(std::string_view key, Need need) {
  if (!object_) return std::nullopt;
  read_.emplace_back(key);
  return reader_->boolean(*object_, pointer_, key, need);
}

std::optional<Date> Fields::date(std::string_view key, Need need) {
  if (!object_) return std::nullopt;
  read_.emplace_back(key);
  return reader_->date(*object_, pointer_, key, need);
}

std::optional<std::vector<std::string>> Fields::strings(std::string_view key, Need need, std::size_t max_items) {
  if (!object_) return std::nullopt;
  read_.emplace_back(key);
  return reader_->strings(*object_, pointer_, key, need, max_items);
}

std::optional<std::map<std::string, int>> Fields::integers(std::string_view key, int min, int max) {
  if (!object_) return std::nullopt;
  read_.emplace_back(key);
  return reader_->integers(*object_, pointer_, key, Need::optional, min, max);
}

void Fields::finish() {
  if (!object_) return;
  for (const auto& item : *object_) {
    if (std::find(read_.begin(), read_.end(), item.key()) == read_.end())
      reader_->fail(child(pointer_, item.key()), "unknown field " + FieldReader::quoted(item.key()));
  }
}

}  // namespace trialwise::json

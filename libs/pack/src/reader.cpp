#include "reader.hpp"

#include "trialwise/rules/json_text.hpp"

#include <algorithm>
#include <cmath>

#include "trialwise/core/json_pointer.hpp"

namespace trialwise::pack::detail {

std::string child(const std::string& pointer, std::string_view key) {
  std::string out = pointer;
  append_pointer_token(out, key);
  return out;
}

std::string child(const std::string& pointer, std::size_t index) { return pointer + "/" + std::to_string(index); }

void Reader::fail(const std::string& pointer, std::string message, Errc code) {
  problems_.push_back(Error{code, std::move(message), file_ + "#" + pointer});
}

const boost::json::object* Reader::object(const boost::json::value& v, const std::string& pointer) {
  if (v.is_object()) return &v.get_object();
  fail(pointer, "expected an object");
  return nullptr;
}

void Reader::only_keys(const boost::json::object& o, const std::string& pointer,
                       std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : o) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
      fail(child(pointer, kv.key()), "unknown key \"" + std::string(kv.key()) + "\"");
    }
  }
}

const boost::json::value* Reader::member(const boost::json::object& o, const std::string& pointer,
                                         std::string_view key, bool required) {
  const auto it = o.find(key);
  if (it != o.end()) return &it->value();
  if (required) fail(child(pointer, key), "missing \"" + std::string(key) + "\"");
  return nullptr;
}

std::string Reader::text(const boost::json::object& o, const std::string& pointer, std::string_view key,
                         bool required) {
  const auto* v = member(o, pointer, key, required);
  if (!v) return {};
  if (!v->is_string()) {
    fail(child(pointer, key), "expected text");
    return {};
  }
  if (required && v->get_string().empty()) fail(child(pointer, key), "must not be empty");
  return std::string(v->get_string());
}

std::optional<double> Reader::number(const boost::json::object& o, const std::string& pointer, std::string_view key,
                                     bool required, double min, double max) {
  const auto* v = member(o, pointer, key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(child(pointer, key), "expected a number");
    return std::nullopt;
  }
  const double d = v->to_number<double>();
  if (!(d >= min && d <= max)) {
    fail(child(pointer, key), "must be between " + rules::to_json_text(rules::Value::number(min)) + " and " +
                                  rules::to_json_text(rules::Value::number(max)));
    return std::nullopt;
  }
  return d;
}

std::optional<int> Reader::integer(const boost::json::object& o, const std::string& pointer, std::string_view key,
                                   bool required, int min, int max) {
  const auto d = number(o, pointer, key, required, min, max);
  if (!d) return std::nullopt;
  if (*d != std::trunc(*d)) {
    fail(child(pointer, key), "must be a whole number");
    return std::nullopt;
  }
  return static_cast<int>(*d);
}

bool Reader::boolean(const boost::json::object& o, const std::string& pointer, std::string_view key, bool fallback) {
  const auto* v = member(o, pointer, key, false);
  if (!v) return fallback;
  if (!v->is_bool()) {
    fail(child(pointer, key), "expected true or false");
    return fallback;
  }
  return v->get_bool();
}

std::vector<std::string> Reader::texts(const boost::json::object& o, const std::string& pointer,
                                       std::string_view key, bool required) {
  std::vector<std::string> out;
  const auto* v = member(o, pointer, key, required);
  if (!v) return out;
  const std::string p = child(pointer, key);
  if (!v->is_array()) {
    fail(p, "expected an array of text");
    return out;
  }
  for (std::size_t i = 0; i < v->get_array().size(); ++i) {
    const auto& e = v->get_array()[i];
    if (e.is_string()) {
      out.emplace_back(e.get_string());
    } else {
      fail(child(p, i), "expected text");
    }
  }
  if (required && out.empty()) fail(p, "must not be empty");
  return out;
}

Source Reader::source(const boost::json::object& o, const std::string& pointer,
                      const std::vector<std::string>& sections) {
  Source s;
  s.section = text(o, pointer, "source", true);
  s.reason = text(o, pointer, "reason", false);
  s.quote = text(o, pointer, "quote", false);
  if (s.section.empty()) return s;
  if (s.is_pack_default()) {
    if (s.reason.empty()) fail(child(pointer, "reason"), "a pack default needs a one-line reason");
    if (!s.quote.empty()) fail(child(pointer, "quote"), "a pack default quotes nothing from the article");
  } else if (std::find(sections.begin(), sections.end(), s.section) == sections.end()) {
    fail(child(pointer, "source"), "\"" + s.section +
                                        "\" is not a section of the article (see /pack/sections) nor \"pack default\"");
  } else if (!s.reason.empty()) {
    fail(child(pointer, "reason"), "only a pack default carries a reason; an article section speaks for itself");
  }
  return s;
}

}  // namespace trialwise::pack::detail

#include "trialwise/rules/value_json.hpp"

#include "trialwise/json/text.hpp"

#include <cmath>

namespace trialwise::rules {

void append_json(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Kind::null: out += "null"; return;
    case Kind::boolean: out += value.as_bool() ? "true" : "false"; return;
    case Kind::number: json::append_number(out, value.as_number()); return;
    case Kind::string: json::append_string(out, value.as_string()); return;
    case Kind::array: {
      out.push_back('[');
      const std::size_t n = value.size();
      for (std::size_t i = 0; i < n; ++i) {
        if (i) out.push_back(',');
        append_json(out, value.at(i));
      }
      out.push_back(']');
      return;
    }
    case Kind::object: {
      out.push_back('{');
      const std::size_t n = value.size();
      for (std::size_t i = 0; i < n; ++i) {
        if (i) out.push_back(',');
        json::append_string(out, value.key_at(i));
        out.push_back(':');
        append_json(out, value.value_at(i));
      }
      out.push_back('}');
      return;
    }
  }
}

std::string to_json_text(const Value& value) {
  std::string out;
  append_json(out, value);
  return out;
}

boost::json::value to_boost_json(const Value& value) {
  switch (value.kind()) {
    case Kind::null: return nullptr;
    case Kind::boolean: return value.as_bool();
    case Kind::number: {
      const double n = value.as_number();
      if (!std::isfinite(n)) return nullptr;
      if (n == std::trunc(n) && std::abs(n) <= 9007199254740992.0) return static_cast<std::int64_t>(n);
      return n;
    }
    case Kind::string: return boost::json::string(value.as_string());
    case Kind::array: {
      boost::json::array a;
      a.reserve(value.size());
      for (std::size_t i = 0; i < value.size(); ++i) a.push_back(to_boost_json(value.at(i)));
      return a;
    }
    case Kind::object: {
      boost::json::object o;
      for (std::size_t i = 0; i < value.size(); ++i) o[value.key_at(i)] = to_boost_json(value.value_at(i));
      return o;
    }
  }
  return nullptr;
}

}  // namespace trialwise::rules

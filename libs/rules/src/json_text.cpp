#include "trialwise/rules/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>


namespace trialwise::rules {
namespace {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void append_json_number(std::string& out, double n) {
  if (std::isfinite(n)) {
    append_js_number(out, n);
  } else {
    out += "null";  // as JSON.stringify does
  }
}

}  // namespace

void append_js_number(std::string& out, double n) {
  if (std::isnan(n)) {
    out += "NaN";
    return;
  }
  if (std::isinf(n)) {
    out += n < 0 ? "-Infinity" : "Infinity";
    return;
  }
  if (n == 0.0) {
    out.push_back('0');  // both zeros print as "0"
    return;
  }
  // Integers below 2^53 are the common case and need no digit juggling.
  if (std::abs(n) < 9007199254740992.0 && n == std::trunc(n)) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(n));
    out.append(buf, r.ptr);
    return;
  }
  // Shortest round-trip digits, then ECMA-262 Number::toString's layout.
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, n, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
  if (sci.front() == '-') {
    out.push_back('-');
    sci.remove_prefix(1);
  }
  const std::size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos))
    if (c != '.') digits.push_back(c);
  const int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  const int k = static_cast<int>(digits.size());
  const int point = exponent + 1;  // value = 0.digits × 10^point
  if (k <= point && point <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(point - k), '0');
  } else if (0 < point && point <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(point));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(point));
  } else if (-6 < point && point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(point - 1 < 0 ? '-' : '+');
    out += std::to_string(std::abs(point - 1));
  }
}

void append_json(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Kind::null: out += "null"; return;
    case Kind::boolean: out += value.as_bool() ? "true" : "false"; return;
    case Kind::number: append_json_number(out, value.as_number()); return;
    case Kind::string: append_json_string(out, value.as_string()); return;
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
        append_json_string(out, value.key_at(i));
        out.push_back(':');
        append_json(out, value.value_at(i));
      }
      out.push_back('}');
      return;
    }
  }
}

void append_json(std::string& out, const boost::json::value& value) {
  append_json(out, Value::from_json(value));
}

namespace {

void append_pretty(std::string& out, const Value& v, int depth) {
  const bool container = v.kind() == Kind::array || v.kind() == Kind::object;
  if (!container || v.size() == 0) {
    append_json(out, v);
    return;
  }
  const std::string pad(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const bool is_array = v.kind() == Kind::array;
  out += is_array ? "[\n" : "{\n";
  for (std::size_t i = 0; i < v.size(); ++i) {
    out += pad;
    if (!is_array) {
      append_json_string(out, v.key_at(i));
      out += ": ";
    }
    append_pretty(out, is_array ? v.at(i) : v.value_at(i), depth + 1);
    out += i + 1 < v.size() ? ",\n" : "\n";
  }
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + (is_array ? "]" : "}");
}

}  // namespace

std::string to_json_pretty(const boost::json::value& value) {
  std::string out;
  append_pretty(out, Value::from_json(value), 0);
  return out;
}

std::string to_json_text(const Value& value) {
  std::string out;
  append_json(out, value);
  return out;
}

std::string to_json_text(const boost::json::value& value) {
  return to_json_text(Value::from_json(value));
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

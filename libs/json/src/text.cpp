#include "trialwise/json/text.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trialwise::json {
namespace {

void append_pretty(std::string& out, const boost::json::value& v, int depth) {
  const auto* array = v.if_array();
  const auto* object = v.if_object();
  if ((!array && !object) || (array && array->empty()) || (object && object->empty())) {
    append(out, v);
    return;
  }
  const std::string pad(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::size_t n = array ? array->size() : object->size();
  out += array ? "[\n" : "{\n";
  std::size_t i = 0;
  const auto item = [&](const boost::json::value& element) {
    append_pretty(out, element, depth + 1);
    out += ++i < n ? ",\n" : "\n";
  };
  if (array) {
    for (const auto& element : *array) {
      out += pad;
      item(element);
    }
  } else {
    for (const auto& member : *object) {
      out += pad;
      append_string(out, member.key());
      out += ": ";
      item(member.value());
    }
  }
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + (array ? "]" : "}");
}

// Whether any of the eight bytes in `w` needs an escape: a control character
// (below 0x20), '"' or '\\'. Bytes of 0x80 and above (UTF-8) never do. Exact
// as a yes/no for the whole word (the classic has-zero-byte tests), which is
// all the scan below asks of it.
constexpr bool word_needs_escape(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101u;
  constexpr std::uint64_t high = 0x8080808080808080u;
  const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & high; };
  const std::uint64_t below_space = (w - ones * 0x20) & ~w & high;
  return (below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'))) != 0;
}

// The index of the first byte at or after `i` that needs an escape, or
// s.size(). Sixteen bytes at a time with SSE2 (every x86-64 has it), then
// eight with plain arithmetic: most text (the pack's sentences) has none.
std::size_t next_escape(std::string_view s, std::size_t i) noexcept {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // A byte is at most 0x1F exactly when the unsigned minimum with 0x1F is itself.
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, last_control), bytes);
    const __m128i special =
        _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
    if (const int mask = _mm_movemask_epi8(special); mask != 0)
      return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask)));
  }
#endif
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (word_needs_escape(w)) break;
  }
  for (; i < s.size(); ++i)
    if (needs_escape(static_cast<unsigned char>(s[i]))) return i;
  return s.size();
}

}  // namespace

void append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes that need no escape
  for (std::size_t i = next_escape(s, 0); i < s.size(); i = next_escape(s, run)) {
    const auto c = static_cast<unsigned char>(s[i]);
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

void append_number(std::string& out, double n) {
  if (std::isfinite(n)) {
    append_js_number(out, n);
  } else {
    out += "null";  // as JSON.stringify does
  }
}

std::string number_text(double n) {
  std::string out;
  append_number(out, n);
  return out;
}

void append(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: out += "null"; return;
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; return;
    // Numbers are doubles in JavaScript, whatever the parser kept.
    case boost::json::kind::int64: append_number(out, static_cast<double>(value.get_int64())); return;
    case boost::json::kind::uint64: append_number(out, static_cast<double>(value.get_uint64())); return;
    case boost::json::kind::double_: append_number(out, value.get_double()); return;
    case boost::json::kind::string: append_string(out, value.get_string()); return;
    case boost::json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        append(out, element);
      }
      out.push_back(']');
      return;
    }
    case boost::json::kind::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out.push_back(',');
        first = false;
        append_string(out, member.key());
        out.push_back(':');
        append(out, member.value());
      }
      out.push_back('}');
      return;
    }
  }
}

std::string to_text(const boost::json::value& value) {
  std::string out;
  append(out, value);
  return out;
}

std::string to_pretty(const boost::json::value& value) {
  std::string out;
  append_pretty(out, value, 0);
  return out;
}

}  // namespace trialwise::json

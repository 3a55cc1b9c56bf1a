#include "json_text.hpp"

#include <charconv>
#include <limits>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_stack.hpp>

namespace trialwise::store::detail {
namespace {

namespace json = boost::json;

// boost::json::parser's own handler, except that a double is read again from
// its text with std::from_chars (correctly rounded) instead of Boost's fast
// but inexact conversion.
struct PreciseHandler {
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack st;
  std::string number;  // the text of a number split across on_number_part calls

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) { return true; }
  bool on_object_end(std::size_t n, json::error_code&) {
    st.push_object(n);
    return true;
  }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t n, json::error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    st.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view s, json::error_code&) {
    number.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    number.clear();
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    number.clear();
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view s, json::error_code&) {
    number.append(s.data(), s.size());
    double exact = 0;
    const auto r = std::from_chars(number.data(), number.data() + number.size(), exact);
    // from_chars refuses what JSON allows only at the extremes (overflow to
    // infinity); keep Boost's value there.
    st.push_double(r.ec == std::errc() && r.ptr == number.data() + number.size() ? exact : d);
    number.clear();
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(json::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

Error bad(const std::string& where, const std::string& what) {
  return io_error(where, "the stored " + what + " is damaged; restore a backup with `trialwise restore FILE`");
}

}  // namespace

Result<json::value> parse_json(std::string_view text, const std::string& where) {
  json::basic_parser<PreciseHandler> parser(json::parse_options{});
  parser.handler().st.reset();
  json::error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used != text.size()) ec = json::error::extra_data;
  if (ec) return Unexpected{invalid_input(where, "not JSON: " + ec.message())};
  return parser.handler().st.release();
}

std::string steps_to_json(const std::vector<trial::PlannedStep>& steps) {
  json::array out;
  for (const auto& s : steps) {
    out.push_back(json::object{{"number", s.number},
                               {"start", s.start.to_string()},
                               {"dose_g", s.dose_g},
                               {"times_per_day", s.times_per_day},
                               {"requires_tolerance", s.requires_tolerance}});
  }
  return json::serialize(out);
}

Result<std::vector<trial::PlannedStep>> steps_from_json(std::string_view text, const std::string& where) {
  auto doc = parse_json(text, where);
  if (!doc) return Unexpected{bad(where, "steps")};
  const auto* arr = doc->if_array();
  if (arr == nullptr) return Unexpected{bad(where, "steps")};
  std::vector<trial::PlannedStep> steps;
  for (const auto& item : *arr) {
    const auto* o = item.if_object();
    if (o == nullptr) return Unexpected{bad(where, "steps")};
    const auto* number = o->if_contains("number");
    const auto* start = o->if_contains("start");
    const auto* dose = o->if_contains("dose_g");
    const auto* times = o->if_contains("times_per_day");
    const auto* tolerance = o->if_contains("requires_tolerance");
    if (number == nullptr || !number->is_int64() || start == nullptr || !start->is_string() || dose == nullptr ||
        !dose->is_number() || times == nullptr || !times->is_int64() || tolerance == nullptr || !tolerance->is_bool())
      return Unexpected{bad(where, "steps")};
    auto day = Date::parse(start->get_string(), where);
    if (!day) return Unexpected{bad(where, "steps")};
    const auto in_int = [](std::int64_t v) {
      return v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max();
    };
    if (!in_int(number->get_int64()) || !in_int(times->get_int64())) return Unexpected{bad(where, "steps")};
    trial::PlannedStep s;
    s.number = static_cast<int>(number->get_int64());
    s.start = *day;
    s.dose_g = dose->to_number<double>();
    s.times_per_day = static_cast<int>(times->get_int64());
    s.requires_tolerance = tolerance->get_bool();
    steps.push_back(s);
  }
  return steps;
}

std::string side_effects_to_json(const std::map<std::string, int>& side_effects) {
  json::object out;
  for (const auto& [id, score] : side_effects) out[id] = score;
  return json::serialize(out);
}

Result<std::map<std::string, int>> side_effects_from_json(std::string_view text, const std::string& where) {
  auto doc = parse_json(text, where);
  if (!doc || !doc->is_object()) return Unexpected{bad(where, "side effects")};
  std::map<std::string, int> out;
  for (const auto& [id, score] : doc->get_object()) {
    if (!score.is_int64() || score.get_int64() < 0 || score.get_int64() > 10)
      return Unexpected{bad(where, "side effects")};
    out.emplace(std::string(id), static_cast<int>(score.get_int64()));
  }
  return out;
}

std::string strings_to_json(const std::vector<std::string>& strings) {
  json::array out;
  for (const auto& s : strings) out.emplace_back(s);
  return json::serialize(out);
}

Result<std::vector<std::string>> strings_from_json(std::string_view text, const std::string& where) {
  auto doc = parse_json(text, where);
  if (!doc || !doc->is_array()) return Unexpected{bad(where, "list")};
  std::vector<std::string> out;
  for (const auto& s : doc->get_array()) {
    if (!s.is_string()) return Unexpected{bad(where, "list")};
    out.emplace_back(s.get_string());
  }
  return out;
}

}  // namespace trialwise::store::detail

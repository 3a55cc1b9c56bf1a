#include "json_text.hpp"

#include <charconv>
#include <limits>

#include <boost/json/serialize.hpp>

#include "trialwise/json/text.hpp"

namespace trialwise::store::detail {
namespace {

Error bad(const std::string& where, const std::string& what) {
  return io_error(where, "the stored " + what + " is damaged; restore a backup with `trialwise restore FILE`");
}

}  // namespace

Result<boost::json::value> parse_json(std::string_view text, const std::string& where) {
  // The rules library's reader rounds every double exactly (Boost 1.81's own does not).
  auto value = trialwise::json::parse(text);
  if (!value) return Unexpected{invalid_input(where, "not JSON: " + value.error().message)};
  return std::move(*value);
}

std::string steps_to_json(const std::vector<model::PlannedStep>& steps) {
  boost::json::array out;
  for (const auto& s : steps) {
    out.push_back(boost::json::object{{"number", s.number},
                               {"start", s.start.to_string()},
                               {"dose_g", s.dose_g},
                               {"times_per_day", s.times_per_day},
                               {"requires_tolerance", s.requires_tolerance}});
  }
  return boost::json::serialize(out);
}

Result<std::vector<model::PlannedStep>> steps_from_json(std::string_view text, const std::string& where) {
  auto doc = parse_json(text, where);
  if (!doc) return Unexpected{bad(where, "steps")};
  const auto* arr = doc->if_array();
  if (arr == nullptr) return Unexpected{bad(where, "steps")};
  std::vector<model::PlannedStep> steps;
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
    model::PlannedStep s;
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
  boost::json::object out;
  for (const auto& [id, score] : side_effects) out[id] = score;
  return boost::json::serialize(out);
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
  boost::json::array out;
  for (const auto& s : strings) out.emplace_back(s);
  return boost::json::serialize(out);
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

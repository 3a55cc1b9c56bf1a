#include "json_text.hpp"

#include <charconv>
#include <limits>

#include <boost/json/serialize.hpp>

#include "trialwise/json/fields.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/model/trial_json.hpp"

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
  return boost::json::serialize(model::steps_json(steps));
}

Result<std::vector<model::PlannedStep>> steps_from_json(std::string_view text, const std::string& where) {
  auto doc = parse_json(text, where);
  if (!doc) return Unexpected{bad(where, "steps")};
  auto steps = model::steps_from_json(*doc, where);
  if (!steps) return Unexpected{bad(where, "steps")};
  return steps;
}

std::string side_effects_to_json(const std::map<std::string, int>& side_effects) {
  boost::json::object out;
  for (const auto& [id, score] : side_effects) out[id] = score;
  return boost::json::serialize(out);
}

Result<std::map<std::string, int>> side_effects_from_json(std::string_view text, const std::string& where) {
  auto doc = parse_json(text, where);
  if (!doc) return Unexpected{bad(where, "side effects")};
  trialwise::json::FieldReader reader;
  auto scores = reader.integers_of(*doc, "", 0, 10);
  if (!scores) return Unexpected{bad(where, "side effects")};
  return std::move(*scores);
}

std::string strings_to_json(const std::vector<std::string>& strings) {
  boost::json::array out;
  for (const auto& s : strings) out.emplace_back(s);
  return boost::json::serialize(out);
}

Result<std::vector<std::string>> strings_from_json(std::string_view text, const std::string& where) {
  auto doc = parse_json(text, where);
  if (!doc) return Unexpected{bad(where, "list")};
  trialwise::json::FieldReader reader;
  auto strings = reader.strings_of(*doc, "", "the list", trialwise::json::Need::optional);
  if (!strings) return Unexpected{bad(where, "list")};
  return std::move(*strings);
}

}  // namespace trialwise::store::detail

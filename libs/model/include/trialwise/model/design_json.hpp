#pragma once

// A block design as JSON: {"kind": "blocks", "block_days", "on", "seed"}, or
// null for the open design. Header-only, since the store (which sits below
// the trial library) keeps the design in a JSON column too.

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::model {

inline boost::json::value design_to_json(const std::optional<BlockDesign>& design) {
  if (!design) return nullptr;
  boost::json::array on;
  for (bool b : design->on) on.emplace_back(b);
  // The seed as a string: JSON numbers past 2^53 do not survive every reader.
  return boost::json::object{{"kind", "blocks"},
                             {"block_days", design->block_days},
                             {"on", std::move(on)},
                             {"seed", std::to_string(design->seed)}};
}

/// Reads a design; errors are Errc::invalid_input at `where` + JSON pointer.
/// Blocks come in pairs, one on and one off; 2 to 40 blocks of 1 to 365 days.
inline Result<std::optional<BlockDesign>> design_from_json(const boost::json::value& v, const std::string& where) {
  if (v.is_null()) return std::optional<BlockDesign>();
  const auto* o = v.if_object();
  if (o == nullptr) return Unexpected{invalid_input(where, "expected a block design object or null")};
  const auto* kind = o->if_contains("kind");
  if (kind == nullptr || !kind->is_string() || kind->get_string() != "blocks")
    return Unexpected{invalid_input(where + "/kind", "expected \"blocks\"")};
  BlockDesign d;
  const auto* days = o->if_contains("block_days");
  if (days == nullptr || !days->is_int64() || days->get_int64() < 1 || days->get_int64() > 365)
    return Unexpected{invalid_input(where + "/block_days", "expected a whole number of days, 1 to 365")};
  d.block_days = static_cast<int>(days->get_int64());
  const auto* on = o->if_contains("on");
  if (on == nullptr || !on->is_array() || on->get_array().empty() || on->get_array().size() % 2 != 0 ||
      on->get_array().size() > 40)
    return Unexpected{invalid_input(where + "/on", "expected an even number of blocks, 2 to 40, each true or false")};
  for (const auto& b : on->get_array()) {
    if (!b.is_bool()) return Unexpected{invalid_input(where + "/on", "expected true or false for each block")};
    d.on.push_back(b.get_bool());
  }
  for (std::size_t i = 0; i < d.on.size(); i += 2)
    if (d.on[i] == d.on[i + 1])
      return Unexpected{invalid_input(where + "/on/" + std::to_string(i), "each pair of blocks must be one on, one off")};
  const auto* seed = o->if_contains("seed");
  if (seed == nullptr || !seed->is_string() || seed->get_string().empty() || seed->get_string().size() > 20 ||
      seed->get_string().find_first_not_of("0123456789") != boost::json::string::npos)
    return Unexpected{invalid_input(where + "/seed", "expected a whole number written as a string")};
  try {
    d.seed = std::stoull(std::string(seed->get_string()));
  } catch (const std::exception&) {
    return Unexpected{invalid_input(where + "/seed", "the seed is larger than 2^64 - 1")};
  }
  return std::optional<BlockDesign>(std::move(d));
}

}  // namespace trialwise::model

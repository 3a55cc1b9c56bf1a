#pragma once

// The assessment's vocabulary, as contract v1 spells it (see PRODUCT.md).

#include <optional>
#include <string_view>

namespace trialwise {

/// How safe self-directed use is; ordered from least to most severe.
enum class Safety { ok, caution, clinician_first, avoid };

/// How well glutamine fits the person's problem.
enum class Fit { poor, possible, good };

/// What the person should do next.
enum class Decision { do_not_start, see_clinician, fix_basics_first, trial_ok };

std::string_view to_string(Safety s) noexcept;
std::string_view to_string(Fit f) noexcept;
std::string_view to_string(Decision d) noexcept;

/// The enumerator spelled `text`, or nothing.
std::optional<Safety> parse_safety(std::string_view text) noexcept;
std::optional<Fit> parse_fit(std::string_view text) noexcept;
std::optional<Decision> parse_decision(std::string_view text) noexcept;

/// True for the decisions that refuse a self-dosing plan.
inline bool blocks_plan(Decision d) noexcept { return d == Decision::do_not_start || d == Decision::see_clinician; }

}  // namespace trialwise

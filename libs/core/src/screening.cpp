#include "trialwise/core/screening.hpp"

#include <array>
#include <utility>

namespace trialwise {
namespace {

template <class E, std::size_t N>
std::optional<E> find(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view text) {
  for (const auto& [e, name] : names)
    if (name == text) return e;
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E e) {
  for (const auto& [value, name] : names)
    if (value == e) return name;
  return "?";
}

constexpr std::array<std::pair<Safety, std::string_view>, 4> kSafety{{{Safety::ok, "ok"},
                                                                      {Safety::caution, "caution"},
                                                                      {Safety::clinician_first, "clinician_first"},
                                                                      {Safety::avoid, "avoid"}}};
constexpr std::array<std::pair<Fit, std::string_view>, 3> kFit{
    {{Fit::poor, "poor"}, {Fit::possible, "possible"}, {Fit::good, "good"}}};
constexpr std::array<std::pair<Decision, std::string_view>, 4> kDecision{
    {{Decision::do_not_start, "do_not_start"},
     {Decision::see_clinician, "see_clinician"},
     {Decision::fix_basics_first, "fix_basics_first"},
     {Decision::trial_ok, "trial_ok"}}};

}  // namespace

std::string_view to_string(Safety s) noexcept { return name_of(kSafety, s); }
std::string_view to_string(Fit f) noexcept { return name_of(kFit, f); }
std::string_view to_string(Decision d) noexcept { return name_of(kDecision, d); }
std::optional<Safety> parse_safety(std::string_view text) noexcept { return find(kSafety, text); }
std::optional<Fit> parse_fit(std::string_view text) noexcept { return find(kFit, text); }
std::optional<Decision> parse_decision(std::string_view text) noexcept { return find(kDecision, text); }

}  // namespace trialwise

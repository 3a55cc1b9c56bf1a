#include "validate.hpp"

#include "trialwise/model/trial_json.hpp"

#include <cmath>

namespace trialwise::store::detail {
namespace {

Error out_of_range(const std::string& where, const std::string& what) { return invalid_input(where, what); }

}  // namespace

bool storable(Date d) {
  auto back = Date::parse(d.to_string(), "");
  return back && *back == d;
}

Result<void> check_profile(const model::ProfileId& profile) {
  if (profile.empty()) return Unexpected{invalid_input("profile", "no profile given")};
  return {};
}

Result<void> check_trial(const model::Trial& t) {
  const auto date = [](Date d, const char* field) -> Result<void> {
    if (!storable(d)) return Unexpected{out_of_range(std::string("trial/") + field, "not a calendar date")};
    return {};
  };
  for (const auto& [d, field] : {std::pair{t.start, "start"}, std::pair{t.active_start, "active_start"},
                                 std::pair{t.review_date, "review_date"}}) {
    if (auto ok = date(d, field); !ok) return ok;
  }
  if (t.ended_on) {
    if (auto ok = date(*t.ended_on, "ended_on"); !ok) return ok;
  }
  if (t.g_per_serving && !std::isfinite(*t.g_per_serving))
    return Unexpected{out_of_range("trial/g_per_serving", "grams per serving must be a number")};
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const auto where = "trial/steps/" + std::to_string(i);
    if (!storable(t.steps[i].start)) return Unexpected{out_of_range(where + "/start", "not a calendar date")};
    if (!std::isfinite(t.steps[i].dose_g) || t.steps[i].dose_g < 0)
      return Unexpected{out_of_range(where + "/dose_g", "a dose must be zero or more grams")};
  }
  if (t.blocks) {
    // The same rules as reading a design back, so what is saved can be read.
    if (auto ok = model::design_from_json(model::design_to_json(t.blocks), "trial/design"); !ok)
      return Unexpected{out_of_range(ok.error().where, ok.error().message)};
  }
  return {};
}

Result<void> check_entry(const model::DayEntry& e, const std::string& where) {
  if (!storable(e.date)) return Unexpected{out_of_range(where + "/date", "not a calendar date")};
  // The outcome's scale is the pack's: the service checks it; the store
  // keeps any finite score.
  if (!std::isfinite(e.outcome)) return Unexpected{out_of_range(where + "/outcome", "the outcome must be a number")};
  if (e.doses_taken && *e.doses_taken < 0)
    return Unexpected{out_of_range(where + "/doses_taken", "doses taken cannot be negative")};
  if (e.dose_g && (!std::isfinite(*e.dose_g) || *e.dose_g < 0))
    return Unexpected{out_of_range(where + "/dose_g", "a dose must be zero or more grams")};
  for (const auto& [id, score] : e.side_effects) {
    if (id.empty()) return Unexpected{out_of_range(where + "/side_effects", "a side effect needs its id")};
    if (score < 0 || score > 10)
      return Unexpected{out_of_range(where + "/side_effects/" + id, "a side effect is scored 0-10")};
  }
  for (const auto& flag : e.red_flags) {
    if (flag.empty()) return Unexpected{out_of_range(where + "/red_flags", "a red flag needs its id")};
  }
  return {};
}

Result<void> check_amendment(const model::Amendment& a) {
  if (a.field.empty()) return Unexpected{invalid_input("amendment/field", "say which field the amendment changes")};
  return {};
}

std::string trial_where(model::TrialId id) { return "trial/" + std::to_string(id); }

Error trial_not_found(const model::ProfileId& profile, model::TrialId id) {
  return not_found(trial_where(id), "no trial " + std::to_string(id) + " in profile \"" + profile + "\"");
}

Error already_active(const model::ProfileId& profile, model::TrialId active) {
  return {Errc::conflict,
          "profile \"" + profile + "\" already has an active trial (" + std::to_string(active) +
              "); end it before starting another",
          trial_where(active)};
}

Error already_ended(model::TrialId id, Date ended_on) {
  return {Errc::conflict, "trial " + std::to_string(id) + " already ended on " + ended_on.to_string(), trial_where(id)};
}

Error same_day_twice(const std::string& where, Date day) {
  return invalid_input(where, day.to_string() + " appears twice; give each day once");
}

}  // namespace trialwise::store::detail

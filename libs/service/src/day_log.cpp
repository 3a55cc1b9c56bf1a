#include "trialwise/service/day_log.hpp"

#include <algorithm>

#include "trialwise/core/json_pointer.hpp"
#include "trialwise/service/running.hpp"
#include "trialwise/service/trial_pack.hpp"

namespace trialwise::service {
namespace {

std::string side_effect_ids(const pack::Pack& pack) {
  std::string ids;
  for (const auto& s : pack.side_effects) ids += (ids.empty() ? "" : ", ") + s.id;
  return ids;
}

Result<void> check_date(const model::Trial& t, Date day, Date today) {
  const std::string d = day.to_string();
  if (day > today) return Unexpected{invalid_input("/date", d + " is in the future; log a day once it has happened")};
  if (day < t.start)
    return Unexpected{invalid_input("/date", d + " is before the trial began (" + t.start.to_string() + ")")};
  if (t.ended_on && day > *t.ended_on)
    return Unexpected{invalid_input("/date", d + " is after the trial ended (" + t.ended_on->to_string() + ")")};
  return {};
}

Result<void> check_scores(const pack::Pack& pack, const model::Trial& trial, const DayInput& day) {
  auto outcome = trial_outcome(pack, trial);
  if (!outcome) return Unexpected{outcome.error()};
  // Negated comparisons so that NaN fails too.
  if (!(day.outcome >= (*outcome)->scale_min && day.outcome <= (*outcome)->scale_max))
    return Unexpected{invalid_input("/outcome", "give a score " + scale_words(**outcome))};
  if (day.doses_taken && (*day.doses_taken < 0 || *day.doses_taken > 24))
    return Unexpected{invalid_input("/doses_taken", "give the doses taken, 0 to 24")};
  if (day.dose_g && !(*day.dose_g >= 0 && *day.dose_g <= 100))
    return Unexpected{invalid_input("/dose_g", "give grams per dose, 0 to 100")};
  for (const auto& scored : day.side_effects) {
    const std::string& id = scored.first;  // named, not bound: lambdas capture it (clang 14)
    const int score = scored.second;
    std::string where = "/side_effects";
    append_pointer_token(where, id);
    const bool known = std::any_of(pack.side_effects.begin(), pack.side_effects.end(),
                                   [&](const pack::SideEffect& s) { return s.id == id; });
    if (!known)
      return Unexpected{
          invalid_input(where, "\"" + id + "\" is not a side effect this trial tracks; use " + side_effect_ids(pack))};
    if (score < 0 || score > 10)
      return Unexpected{invalid_input(
          where, "\"" + id + "\" is " + std::to_string(score) + ": give each side effect a score from 0 to 10")};
  }
  for (std::size_t i = 0; i < day.red_flags.size(); ++i) {
    const auto& f = day.red_flags[i];
    const bool known =
        std::any_of(pack.red_flags.begin(), pack.red_flags.end(), [&](const pack::RedFlag& r) { return r.id == f; });
    if (!known)
      return Unexpected{
          invalid_input("/red_flags/" + std::to_string(i), "\"" + f + "\" is not a red flag this trial knows")};
  }
  if (day.note.size() > kMaxNoteBytes)
    return Unexpected{invalid_input("/note", "keep the note to " + std::to_string(kMaxNoteBytes) + " characters")};
  return {};
}

}  // namespace

Result<model::DayEntry> check_day(const pack::Pack& pack, const model::Trial& trial, const DayInput& day, Date today) {
  if (auto ok = check_date(trial, day.date, today); !ok) return Unexpected{ok.error()};
  if (auto ok = check_scores(pack, trial, day); !ok) return Unexpected{ok.error()};
  model::DayEntry e;
  e.date = day.date;
  e.outcome = day.outcome;
  e.doses_taken = day.doses_taken;
  e.dose_g = day.dose_g;
  e.side_effects = day.side_effects;
  e.red_flags = day.red_flags;
  e.with_food = day.with_food;
  e.other_product = day.other_product;
  e.note = day.note;
  return e;
}

Result<LoggedDay> log_day(store::TrialRepository& repo, const model::ProfileId& profile, const pack::Pack& pack,
                          const model::Trial& trial, const DayInput& day, Date today) {
  auto entry = check_day(pack, trial, day, today);
  if (!entry) return Unexpected{entry.error()};
  auto saved = repo.put_entry(profile, trial.id, *entry);
  if (!saved) return Unexpected{saved.error()};
  const RepositoryLog log(repo, profile, trial.id);
  auto st = trial::compute_status(pack, trial, log, today);
  if (!st) return Unexpected{st.error()};
  return LoggedDay{std::move(*saved), std::move(*st)};
}

}  // namespace trialwise::service

// compute_status: the trial's state machine, replayed from the plan and the
// log. Nothing here is stored; the same plan and log always give the same
// status, so a day logged late or corrected changes the status honestly.

#include "trialwise/trial/status.hpp"

#include <algorithm>

#include <boost/json/object.hpp>

#include "trialwise/rules/json_text.hpp"

namespace trialwise::trial {

std::string_view to_string(Phase p) noexcept {
  switch (p) {
    case Phase::not_started: return "not_started";
    case Phase::baseline: return "baseline";
    case Phase::active: return "active";
    case Phase::review_due: return "review_due";
    case Phase::stopped: return "stopped";
    case Phase::ended: return "ended";
  }
  return "?";
}

int worst_side_effect(const DayEntry& e) {
  int worst = 0;
  for (const auto& [id, score] : e.side_effects) worst = std::max(worst, score);
  return worst;
}

namespace {

// Does the pack's tolerance rule hold over the `window` days before `day`?
bool tolerated_before(const pack::Pack& pack, const std::map<Date, const DayEntry*>& by_day, Date day) {
  const int window = pack.tolerance.window_days;
  int worst = 0, logged = 0;
  for (int i = 1; i <= window; ++i) {
    const auto it = by_day.find(day.plus_days(-i));
    if (it == by_day.end()) continue;
    ++logged;
    worst = std::max(worst, worst_side_effect(*it->second));
  }
  thread_local rules::Scratch scratch;
  const boost::json::value data = boost::json::object{{"worst_side_effect", worst}, {"days_logged", logged}};
  auto r = pack.tolerance.rule.evaluate(data, scratch);
  return r && rules::truthy(*r);  // if the rule cannot be evaluated, hold the step
}

const pack::SideEffectAction* action_named(const pack::Pack& pack, std::string_view id) {
  for (const auto& a : pack.side_effect_actions)
    if (a.id == id) return &a;
  return nullptr;
}

}  // namespace

namespace {

// When each step began: a step that requires tolerance begins on the first
// day from its planned start (and not before the previous step began) on
// which the rule holds over the days before. Computed once per status.
class StepSchedule {
 public:
  StepSchedule(const pack::Pack& pack, const Trial& trial, const std::map<Date, const DayEntry*>& by_day, Date until)
      : pack_(pack), trial_(trial), by_day_(by_day) {
    begins_.push_back(trial.active_start);
    for (std::size_t k = 1; k < trial.steps.size(); ++k) {
      const auto& step = trial.steps[k];
      Date d = std::max(step.start, *begins_.back());
      std::optional<Date> begin;
      for (; d <= until; d = d.plus_days(1)) {
        if (!step.requires_tolerance || tolerated_before(pack, by_day, d)) {
          begin = d;
          break;
        }
      }
      if (!begin) break;  // later steps cannot begin before this one
      begins_.push_back(begin);
    }
  }

  // The step in force on an active `day`, with the step-down rule applied.
  std::optional<StepNow> on(Date day) const {
    if (trial_.steps.empty() || day < trial_.active_start) return std::nullopt;
    std::size_t current = 0;
    for (std::size_t k = 1; k < begins_.size(); ++k)
      if (begins_[k] && *begins_[k] <= day) current = k;
    std::string why;
    if (current + 1 < trial_.steps.size() && trial_.steps[current + 1].start <= day)
      why = "held at step " + std::to_string(trial_.steps[current].number) + " until " + pack_.tolerance.text;
    // A side effect at the pack's step-down level on the day before sends
    // the dose back one step.
    const auto* step_down = action_named(pack_, "step_down");
    const auto yesterday = by_day_.find(day.plus_days(-1));
    if (step_down && current > 0 && yesterday != by_day_.end() &&
        worst_side_effect(*yesterday->second) >= step_down->at_least) {
      --current;
      why = "back to step " + std::to_string(trial_.steps[current].number) + ": " + step_down->text;
    }
    const auto& s = trial_.steps[current];
    return StepNow{s.number, s.dose_g, s.times_per_day, why};
  }

 private:
  const pack::Pack& pack_;
  const Trial& trial_;
  const std::map<Date, const DayEntry*>& by_day_;
  std::vector<std::optional<Date>> begins_;
};

}  // namespace

Status compute_status(const pack::Pack& pack, const Trial& trial, const std::vector<DayEntry>& entries, Date today) {
  Status st;
  st.today = today;
  st.review_date = trial.review_date;
  std::map<Date, const DayEntry*> by_day;
  for (const auto& e : entries) by_day[e.date] = &e;
  const StepSchedule schedule(pack, trial, by_day, today);

  // Counts per phase, up to today.
  for (Date d = trial.start; d < trial.active_start && d <= today; d = d.plus_days(1)) {
    (by_day.count(d) ? st.baseline_days_logged : st.baseline_days_missing)++;
  }
  double planned = 0, taken = 0;
  for (Date d = trial.active_start; d < trial.review_date && d <= today; d = d.plus_days(1)) {
    const auto it = by_day.find(d);
    const bool logged = it != by_day.end();
    // Today counts only once logged: the day is not over.
    if (d == today && !logged) continue;
    (logged ? st.active_days_logged : st.active_days_missing)++;
    if (auto step = schedule.on(d)) planned += step->times_per_day;
    if (logged && it->second->doses_taken) taken += *it->second->doses_taken;
  }
  if (planned > 0) st.adherence = taken / planned;

  // The last 7 days' side-effect burden, and red flags ever logged.
  std::map<std::string, std::pair<double, int>> sums;
  for (const auto& [day, e] : by_day) {
    for (const auto& f : e->red_flags)
      if (std::find(st.red_flags.begin(), st.red_flags.end(), f) == st.red_flags.end()) st.red_flags.push_back(f);
    if (day > today || day <= today.plus_days(-7)) continue;
    for (const auto& [id, score] : e->side_effects) {
      sums[id].first += score;
      sums[id].second += 1;
    }
  }
  for (const auto& [id, s] : sums) st.side_effect_burden[id] = s.first / s.second;

  // The actions the most recent logged day triggers.
  const DayEntry* last = nullptr;
  for (auto it = by_day.rbegin(); it != by_day.rend(); ++it) {
    if (it->first <= today) {
      last = it->second;
      break;
    }
  }
  bool stop_for_side_effects = false;
  if (last && last->date >= trial.active_start) {
    const int worst = worst_side_effect(*last);
    for (const auto& a : pack.side_effect_actions) {
      if (worst >= a.at_least) {
        st.actions.push_back(a.id);
        if (a.id == "stop") stop_for_side_effects = true;
      }
    }
  }

  // The phase, most urgent first.
  if (trial.ended_on && *trial.ended_on <= today) {
    st.phase = Phase::ended;
    st.todo.push_back("This trial ended on " + trial.ended_on->to_string() + " (" + trial.end_reason + ").");
    return st;
  }
  if (!st.red_flags.empty()) {
    st.phase = Phase::stopped;
    for (const auto& f : pack.red_flags)
      if (std::find(st.red_flags.begin(), st.red_flags.end(), f.id) != st.red_flags.end())
        st.todo.push_back(f.label + ": " + f.action);
    return st;
  }
  if (stop_for_side_effects) {
    st.phase = Phase::stopped;
    if (const auto* stop = action_named(pack, "stop")) st.todo.push_back(stop->text);
    st.todo.push_back("Then run trialwise review to record the outcome.");
    return st;
  }
  if (today < trial.start) {
    st.phase = Phase::not_started;
    st.todo.push_back("The baseline starts on " + trial.start.to_string() + ".");
    return st;
  }
  if (today < trial.active_start) {
    st.phase = Phase::baseline;
    st.day = today.days_since(trial.start) + 1;
    st.todo.push_back("Baseline: no " + pack.supplement + " yet. Score the outcome every day.");
  } else if (today < trial.review_date) {
    st.phase = Phase::active;
    st.day = today.days_since(trial.active_start) + 1;
    st.step = schedule.on(today);
    if (st.step) {
      std::string dose = "Today: " + rules::to_json_text(rules::Value::number(st.step->dose_g)) + " g " +
                         (st.step->times_per_day == 1 ? std::string("once") : std::to_string(st.step->times_per_day) + " times") +
                         " a day";
      if (trial.g_per_serving && *trial.g_per_serving > 0)
        dose += " (" + rules::to_json_text(rules::Value::number(st.step->dose_g / *trial.g_per_serving)) +
                " serving(s) of " + trial.product_name + " each time)";
      st.todo.push_back(dose + ".");
      if (!st.step->why.empty()) st.todo.push_back(st.step->why);
    }
  } else {
    st.phase = Phase::review_due;
    st.todo.push_back("The review date has come: run trialwise review.");
    return st;
  }
  for (const auto& id : st.actions) {
    if (const auto* a = action_named(pack, id); a && id != "step_down") st.todo.push_back(a->text);
  }
  if (!by_day.count(today)) st.todo.push_back("Log today: trialwise log --outcome N ...");
  return st;
}

}  // namespace trialwise::trial

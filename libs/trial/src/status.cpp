// compute_status: the trial's state machine, replayed from the plan and the
// log. Nothing here is stored; the same plan and log always give the same
// status, so a day logged late or corrected changes the status honestly.
// It reads the log through range queries only, in blocks of days, so its
// cost does not grow with the number of days logged.

#include "trialwise/trial/status.hpp"

#include <algorithm>
#include <set>

#include <boost/json/object.hpp>

#include "trialwise/json/text.hpp"
#include "trialwise/trial/dose_history.hpp"

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

int worst_side_effect(const model::DayEntry& e) {
  int worst = 0;
  for (const auto& [id, score] : e.side_effects) worst = std::max(worst, score);
  return worst;
}

namespace {

// Days of the log, fetched from the store a block at a time on first use.
class Days {
 public:
  static constexpr int kBlock = 32;

  Days(const Log& log, Date origin) : log_(log), origin_(origin) {}

  // The current entry of `day`, or nullptr.
  Result<const model::DayEntry*> get(Date day) {
    const int offset = day.days_since(origin_);
    const int block = offset >= 0 ? offset / kBlock : -((-offset + kBlock - 1) / kBlock);
    if (!loaded_.count(block)) {
      const Date from = origin_.plus_days(block * kBlock);
      auto entries = log_.between(from, from.plus_days(kBlock - 1));
      if (!entries) return Unexpected{entries.error()};
      for (auto& e : *entries) days_.emplace(e.date, std::move(e));
      loaded_.insert(block);
    }
    const auto it = days_.find(day);
    return it == days_.end() ? nullptr : &it->second;
  }

 private:
  const Log& log_;
  Date origin_;
  std::set<int> loaded_;
  std::map<Date, model::DayEntry> days_;
};

const pack::SideEffectAction* action_named(const pack::Pack& pack, std::string_view id) {
  for (const auto& a : pack.side_effect_actions)
    if (a.id == id) return &a;
  return nullptr;
}

// Days from `from` to `to` (inclusive) on which the supplement is planned:
// every day of the open design, the on blocks' days of a block design.
int on_days_between(const model::Trial& t, Date from, Date to) {
  if (!t.blocks) return to.days_since(from) + 1;
  int n = 0;
  for (Date d = from; d <= to; d = d.plus_days(1)) n += model::is_on_day(t, d) ? 1 : 0;
  return n;
}

std::string step_name(const model::Trial& t, std::size_t k) { return "step " + std::to_string(t.steps[k].number); }

// Why today's step is what it is, when it is not simply the plan's: held for
// good, back after a step-down, or waiting for evidence of tolerance (and
// then what to log).
std::string step_words(const pack::Pack& pack, const model::Trial& t, const DoseHistory& h, std::size_t current,
                       Date today) {
  if (h.held_at && *h.held_at == current)
    return "held at " + step_name(t, current) + " for the rest of the trial: the dose was stepped down twice from " +
           step_name(t, current + 1) + ".";
  const auto down =
      std::find_if(h.changes.rbegin(), h.changes.rend(), [&](const StepChange& c) { return c.date <= today; });
  const bool back = down != h.changes.rend() && down->kind == StepChange::Kind::down && down->step == current;
  std::string why;
  if (back) {
    const auto* step_down = action_named(pack, "step_down");
    why = "back to " + step_name(t, current) + " since " + down->date.to_string() + ": " +
          (step_down ? step_down->text : std::string("a side effect at the step-down level")) +
          " It stays there until " + std::to_string(pack.tolerance.window_days) +
          " logged days at this dose are tolerated.";
  }
  if (h.waiting && h.waiting->planned <= today) {
    const auto& w = *h.waiting;
    std::string wait = "held at " + step_name(t, current) + " until " + pack.tolerance.text + ": " +
                       std::to_string(w.logged) + " of the last " + std::to_string(w.window_days) +
                       " days at this dose logged";
    if (w.logged < w.window_days)
      wait += "; log every day, side effects included (0 if none): days not logged are not evidence of tolerance";
    else if (w.side_effects)
      wait += "; a side effect scored " + std::to_string(w.worst) + "/10 in that time";
    why += (why.empty() ? "" : " ") + wait + ".";
  }
  return why;
}

}  // namespace

MemoryLog::MemoryLog(const std::vector<model::DayEntry>& entries) {
  for (const auto& e : entries) by_day_[e.date] = &e;
}

Result<std::vector<model::DayEntry>> MemoryLog::between(Date from, Date to) const {
  std::vector<model::DayEntry> out;
  for (auto it = by_day_.lower_bound(from); it != by_day_.end() && it->first <= to; ++it) out.push_back(*it->second);
  return out;
}

Result<model::EntryTotals> MemoryLog::totals(Date from, Date to) const {
  model::EntryTotals t;
  std::set<std::string> flags;
  for (auto it = by_day_.lower_bound(from); it != by_day_.end() && it->first <= to; ++it) {
    ++t.days;
    t.doses_taken += it->second->doses_taken.value_or(0);
    flags.insert(it->second->red_flags.begin(), it->second->red_flags.end());
  }
  t.red_flags.assign(flags.begin(), flags.end());
  return t;
}

Status compute_status(const pack::Pack& pack, const model::Trial& trial, const std::vector<model::DayEntry>& entries,
                      Date today) {
  const MemoryLog log(entries);
  return *compute_status(pack, trial, log, today);  // an in-memory log cannot fail
}

Result<Status> compute_status(const pack::Pack& pack, const model::Trial& trial, const Log& log, Date today) {
  Status st;
  st.today = today;
  st.review_date = trial.review_date;
  Days days(log, trial.start);
  auto fail = [](const Error& e) { return Unexpected{e}; };

  // Baseline counts, from totals.
  if (today >= trial.start) {
    const Date last = std::min(trial.active_start.plus_days(-1), today);
    auto t = log.totals(trial.start, last);
    if (!t) return fail(t.error());
    st.baseline_days_logged = t->days;
    st.baseline_days_missing = last.days_since(trial.start) + 1 - t->days;
  }

  // Active counts and adherence: today counts only once logged (the day is
  // not over); doses planned follow the steps as they began. One range total
  // over the whole trial serves the active counts, the doses and the red
  // flags; the short baseline and any days past the review are subtracted.
  auto today_entry = days.get(today);
  if (!today_entry) return fail(today_entry.error());
  auto history = replay_doses(pack, trial, log, today);
  if (!history) return fail(history.error());
  if (today >= trial.start) {
    auto all = log.totals(trial.start, today);
    if (!all) return fail(all.error());
    st.red_flags = all->red_flags;
    const Date last = std::min(trial.review_date.plus_days(-1), *today_entry ? today : today.plus_days(-1));
    if (today >= trial.active_start && !trial.steps.empty() && last >= trial.active_start) {
      model::EntryTotals active{all->days - st.baseline_days_logged, all->doses_taken, {}};
      auto base = log.totals(trial.start, trial.active_start.plus_days(-1));
      if (!base) return fail(base.error());
      active.doses_taken -= base->doses_taken;
      if (last < today) {  // days after `last` (today unlogged, or past the review) do not count
        auto after = log.totals(last.plus_days(1), today);
        if (!after) return fail(after.error());
        active.days -= after->days;
        active.doses_taken -= after->doses_taken;
      }
      st.active_days_logged = active.days;
      st.active_days_missing = last.days_since(trial.active_start) + 1 - active.days;
      double planned = 0;
      for (const auto& run : history->runs(last))
        planned += on_days_between(trial, run.from, run.to) * trial.steps[run.step].times_per_day;
      if (planned > 0) st.adherence = active.doses_taken / planned;
    }
  }

  // The last seven days' side-effect burden.
  std::map<std::string, std::pair<double, int>> sums;
  for (int i = 0; i < 7; ++i) {
    auto e = days.get(today.plus_days(-i));
    if (!e) return fail(e.error());
    if (!*e) continue;
    for (const auto& [id, score] : (*e)->side_effects) {
      sums[id].first += score;
      sums[id].second += 1;
    }
  }
  for (const auto& [id, s] : sums) st.side_effect_burden[id] = s.first / s.second;

  // The actions the most recent logged active day triggers.
  const model::DayEntry* last = nullptr;
  for (Date d = today; d >= trial.active_start && d >= trial.start; d = d.plus_days(-1)) {
    auto e = days.get(d);
    if (!e) return fail(e.error());
    if (*e) {
      last = *e;
      break;
    }
    if (today.days_since(d) > Days::kBlock * 4) break;  // nothing logged for months: no action is current
  }
  bool stop_for_side_effects = false;
  if (last) {
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
    st.todo.push_back({"ended", "This trial ended on " + trial.ended_on->to_string() + " (" + trial.end_reason + ")."});
    return st;
  }
  if (!st.red_flags.empty()) {
    st.phase = Phase::stopped;
    for (const auto& f : pack.red_flags)
      if (std::find(st.red_flags.begin(), st.red_flags.end(), f.id) != st.red_flags.end())
        st.todo.push_back({"red_flag", f.label + ": " + f.action});
    return st;
  }
  if (history->upset_stop && pack.tolerance.repeated_upset) {
    st.phase = Phase::stopped;
    st.todo.push_back({"stop", pack.tolerance.repeated_upset->text + " (" + history->upset_stop->to_string() + ")"});
    st.todo.push_back({"see_review", "Then see the review."});
    return st;
  }
  if (stop_for_side_effects) {
    st.phase = Phase::stopped;
    if (const auto* stop = action_named(pack, "stop")) st.todo.push_back({"stop", stop->text});
    st.todo.push_back({"see_review", "Then see the review."});
    return st;
  }
  if (today < trial.start) {
    st.phase = Phase::not_started;
    st.todo.push_back({"not_started", "The baseline starts on " + trial.start.to_string() + "."});
    return st;
  }
  if (today < trial.active_start) {
    st.phase = Phase::baseline;
    st.day = today.days_since(trial.start) + 1;
    st.todo.push_back({"baseline", "Baseline: no " + pack.supplement + " yet. Score the outcome every day."});
  } else if (today < trial.review_date) {
    st.phase = Phase::active;
    st.day = today.days_since(trial.active_start) + 1;
    if (!model::is_on_day(trial, today)) {
      // An off block of a block design: the outcome is still scored.
      const int block = model::block_of(trial, today);
      Date next_on = today;
      while (next_on < trial.review_date && !model::is_on_day(trial, next_on)) next_on = next_on.plus_days(1);
      st.todo.push_back(
          {"off_block",
           "Off block (block " + std::to_string(block + 1) + " of " + std::to_string(trial.blocks->on.size()) +
               "): no " + pack.supplement + " today. Score the outcome." +
               (next_on < trial.review_date ? " The next on block starts " + next_on.to_string() + "." : "")});
    } else if (!trial.steps.empty()) {
      const std::size_t current = history->step_on(today);
      const std::string why = step_words(pack, trial, *history, current, today);
      const auto& s = trial.steps[current];
      st.step = StepNow{s.number, s.dose_g, s.times_per_day, why};
      std::string dose = "Today: " + json::number_text(s.dose_g) + " g " +
                         (s.times_per_day == 1 ? std::string("once") : std::to_string(s.times_per_day) + " times") +
                         " a day";
      if (trial.g_per_serving && *trial.g_per_serving > 0)
        dose += " (" + json::number_text(s.dose_g / *trial.g_per_serving) + " serving(s) of " + trial.product_name +
                " each time)";
      st.todo.push_back({"dose", dose + "."});
      if (!why.empty()) st.todo.push_back({"dose_reason", why});
    }
  } else {
    st.phase = Phase::review_due;
    st.todo.push_back({"review_due", "The review date has come: see the review."});
    return st;
  }
  for (const auto& id : st.actions) {
    if (const auto* a = action_named(pack, id); a && id != "step_down") st.todo.push_back({"action", a->text});
  }
  if (!*today_entry) st.todo.push_back({"log_today", "Log today."});
  return st;
}

}  // namespace trialwise::trial

// replay_doses: the trial's dose step day by day. Nothing is stored: the
// same plan and log always give the same history, so a day logged late or
// corrected changes it honestly.

#include "trialwise/trial/dose_history.hpp"

#include <algorithm>
#include <map>

#include <boost/json/object.hpp>

#include "trialwise/trial/status.hpp"

namespace trialwise::trial {
namespace {

std::optional<double> step_down_level(const pack::Pack& pack) {
  for (const auto& a : pack.side_effect_actions)
    if (a.id == "step_down") return a.at_least;
  return std::nullopt;
}

class Replay {
 public:
  Replay(const pack::Pack& pack, const model::Trial& trial, std::map<Date, const model::DayEntry*> days)
      : pack_(pack), trial_(trial), days_(std::move(days)), step_down_(step_down_level(pack)) {}

  DoseHistory run(Date last) {
    DoseHistory h;
    h.first = trial_.active_start;
    std::vector<int> downs(trial_.steps.size(), 0);
    std::size_t cur = 0;
    Date since = h.first;  // the first day at the current step
    for (Date d = h.first; d <= last; d = d.plus_days(1)) {
      if (!h.upset_stop) {
        const model::DayEntry* yesterday =
            d > h.first && model::is_on_day(trial_, d.plus_days(-1)) ? entry(d.plus_days(-1)) : nullptr;
        if (cur > 0 && step_down_ && yesterday && worst_side_effect(*yesterday) >= *step_down_) {
          if (++downs[cur] >= 2) h.held_at = cur - 1;
          --cur;
          since = d;
          h.changes.push_back({StepChange::Kind::down, d, cur});
        } else if (cur + 1 < trial_.steps.size() && (!h.held_at || cur + 1 <= *h.held_at) &&
                   trial_.steps[cur + 1].start <= d && model::is_on_day(trial_, d)) {
          NextStepWait wait = evidence(cur + 1, since, d);
          const bool ready = !trial_.steps[cur + 1].requires_tolerance || tolerated(wait);
          if (ready) {
            ++cur;
            since = d;
            h.changes.push_back({StepChange::Kind::up, d, cur});
          } else if (d == last) {
            h.waiting = wait;
          }
        }
        if (cur == 0 && upset_again(h, d)) h.upset_stop = d;
      }
      h.step.push_back(cur);
    }
    return h;
  }

 private:
  const model::DayEntry* entry(Date d) const {
    const auto it = days_.find(d);
    return it == days_.end() ? nullptr : it->second;
  }

  // The pack's window of on days before `d` at the current dose (from
  // `since`): how many were logged, and whether any scored at or above the
  // tolerance rule's limit.
  NextStepWait evidence(std::size_t next, Date since, Date d) const {
    NextStepWait w{next, trial_.steps[next].start, pack_.tolerance.window_days, 0, 0, false};
    int seen = 0;
    for (Date x = d.plus_days(-1); x >= since && seen < w.window_days; x = x.plus_days(-1)) {
      if (!model::is_on_day(trial_, x)) continue;
      ++seen;
      if (const model::DayEntry* e = entry(x)) {
        ++w.logged;
        w.worst = std::max(w.worst, worst_side_effect(*e));
      }
    }
    w.side_effects = w.logged > 0 && !rule_holds(w.worst, w.logged);
    return w;
  }

  // Tolerated: every day of the window logged, and the pack's rule holds.
  bool tolerated(const NextStepWait& w) const { return w.logged == w.window_days && rule_holds(w.worst, w.logged); }

  bool rule_holds(int worst, int logged) const {
    thread_local rules::Scratch scratch;
    const boost::json::value data = boost::json::object{{"worst_side_effect", worst}, {"days_logged", logged}};
    auto r = pack_.tolerance.rule.evaluate(data, scratch);
    return r && rules::truthy(*r);  // if the rule cannot be evaluated, hold the step
  }

  // Side effects at the step-down level on enough on days at the lowest step
  // within the pack's window ending on `d`.
  bool upset_again(const DoseHistory& h, Date d) const {
    const auto& ru = pack_.tolerance.repeated_upset;
    if (!ru || !step_down_) return false;
    int upset = 0;
    for (int i = 0; i < ru->window_days; ++i) {
      const Date x = d.plus_days(-i);
      if (x < h.first) break;
      const std::size_t step = x == d ? 0 : h.step[static_cast<std::size_t>(x.days_since(h.first))];
      if (step != 0 || !model::is_on_day(trial_, x)) continue;
      if (const model::DayEntry* e = entry(x); e && worst_side_effect(*e) >= *step_down_) ++upset;
    }
    return upset >= ru->days;
  }

  const pack::Pack& pack_;
  const model::Trial& trial_;
  std::map<Date, const model::DayEntry*> days_;
  std::optional<double> step_down_;
};

}  // namespace

std::size_t DoseHistory::step_on(Date day) const {
  if (step.empty() || day < first) return 0;
  const auto i = static_cast<std::size_t>(day.days_since(first));
  return i < step.size() ? step[i] : step.back();
}

std::vector<DoseHistory::Run> DoseHistory::runs(Date last) const {
  std::vector<Run> out;
  if (last < first) return out;
  Date from = first;
  std::size_t step_now = step.empty() ? 0 : step.front();
  for (const auto& c : changes) {
    if (c.date > last) break;
    if (c.date > from) out.push_back({from, c.date.plus_days(-1), step_now});
    from = c.date;
    step_now = c.step;
  }
  out.push_back({from, last, step_now});
  return out;
}

Result<DoseHistory> replay_doses(const pack::Pack& pack, const model::Trial& trial, const Log& log, Date until) {
  Date last = std::min(until, trial.review_date.plus_days(-1));
  if (trial.ended_on) last = std::min(last, *trial.ended_on);
  // Never past the protocol's longest run: a trial that went on longer (an
  // old one, or a review date amended far ahead) keeps its last step, and the
  // replay costs the same however many years are logged.
  if (const auto* protocol = pack.find_protocol(trial.protocol_id))
    last = std::min(last, trial.active_start.plus_days(protocol->active_days.max_days - 1));
  if (trial.steps.empty() || last < trial.active_start) return DoseHistory{trial.active_start, {}, {}, {}, {}, {}};
  auto entries = log.between(trial.active_start, last);
  if (!entries) return Unexpected{entries.error()};
  std::map<Date, const model::DayEntry*> days;
  for (const auto& e : *entries) days.emplace(e.date, &e);
  return Replay(pack, trial, std::move(days)).run(last);
}

}  // namespace trialwise::trial

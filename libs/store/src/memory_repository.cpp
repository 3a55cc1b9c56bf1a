// The reference behaviour of TrialRepository: plain containers, no I/O. The
// SQLite repository must behave the same way (the contract tests run both),
// so the order of the checks matters: profile, then the trial, then the
// values given, then conflicts with saved state.

#include <set>
#include <utility>

#include "trialwise/store/repository.hpp"
#include "utc_time.hpp"
#include "validate.hpp"

namespace trialwise::store {
namespace {

struct StoredTrial {
  ProfileId profile;
  Trial trial;
  std::map<Date, std::vector<DayEntry>> days;  // every version of each day, oldest first
  std::vector<Amendment> amendments;
};

class MemoryRepository final : public TrialRepository {
 public:
  Result<TrialId> create_trial(const ProfileId& profile, const Trial& trial) override {
    if (auto ok = detail::check_profile(profile); !ok) return Unexpected{ok.error()};
    if (auto ok = detail::check_trial(trial); !ok) return Unexpected{ok.error()};
    if (!trial.ended_on) {
      if (const auto* active = find_active(profile))
        return Unexpected{detail::already_active(profile, active->trial.id)};
    }
    const TrialId id = next_trial_id_++;
    StoredTrial stored{profile, trial, {}, {}};
    stored.trial.id = id;
    stored.trial.created_at = detail::utc_now();
    trials_.emplace(id, std::move(stored));
    return id;
  }

  Result<std::optional<Trial>> active_trial(const ProfileId& profile) override {
    if (auto ok = detail::check_profile(profile); !ok) return Unexpected{ok.error()};
    const auto* active = find_active(profile);
    return active ? std::optional<Trial>(active->trial) : std::nullopt;
  }

  Result<Trial> get_trial(const ProfileId& profile, TrialId id) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    return (*stored)->trial;
  }

  Result<std::vector<Trial>> list_trials(const ProfileId& profile) override {
    if (auto ok = detail::check_profile(profile); !ok) return Unexpected{ok.error()};
    std::vector<Trial> out;
    for (const auto& [id, stored] : trials_) {
      if (stored.profile == profile) out.push_back(stored.trial);
    }
    return out;
  }

  Result<void> end_trial(const ProfileId& profile, TrialId id, Date on, const std::string& reason) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    if (!detail::storable(on)) return Unexpected{invalid_input("trial/ended_on", "not a calendar date")};
    Trial& t = (*stored)->trial;
    if (t.ended_on) return Unexpected{detail::already_ended(id, *t.ended_on)};
    t.ended_on = on;
    t.end_reason = reason;
    return {};
  }

  Result<DayEntry> put_entry(const ProfileId& profile, TrialId id, const DayEntry& entry) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    if (auto ok = detail::check_entry(entry, "entry"); !ok) return Unexpected{ok.error()};
    return add_version((*stored)->days, entry, detail::utc_now());
  }

  Result<void> put_entries(const ProfileId& profile, TrialId id, const std::vector<DayEntry>& entries) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    // Work on a copy and swap it in at the end: all or nothing.
    auto days = (*stored)->days;
    std::set<Date> seen;
    const std::string now = detail::utc_now();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string where = "entries/" + std::to_string(i);
      if (auto ok = detail::check_entry(entries[i], where); !ok) return Unexpected{ok.error()};
      if (!seen.insert(entries[i].date).second)
        return Unexpected{detail::same_day_twice(where + "/date", entries[i].date)};
      add_version(days, entries[i], now);
    }
    (*stored)->days = std::move(days);
    return {};
  }

  Result<std::vector<DayEntry>> entries(const ProfileId& profile, TrialId id, std::optional<Date> from,
                                        std::optional<Date> to) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    std::vector<DayEntry> out;
    for (const auto& [day, versions] : (*stored)->days) {
      if ((!from || day >= *from) && (!to || day <= *to)) out.push_back(versions.back());
    }
    return out;
  }

  Result<std::vector<DayEntry>> entry_history(const ProfileId& profile, TrialId id, Date day) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    if (!detail::storable(day)) return Unexpected{invalid_input("day", "not a calendar date")};
    const auto it = (*stored)->days.find(day);
    if (it == (*stored)->days.end()) return std::vector<DayEntry>{};
    return it->second;
  }

  Result<EntryTotals> totals(const ProfileId& profile, TrialId id, Date from, Date to) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    EntryTotals t;
    std::set<std::string> flags;
    for (const auto& [day, versions] : (*stored)->days) {
      if (day < from || day > to) continue;
      ++t.days;
      t.doses_taken += versions.back().doses_taken.value_or(0);
      flags.insert(versions.back().red_flags.begin(), versions.back().red_flags.end());
    }
    t.red_flags.assign(flags.begin(), flags.end());
    return t;
  }

  Result<Amendment> amend(const ProfileId& profile, TrialId id, const Amendment& amendment,
                          const Trial& amended) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    if (auto ok = detail::check_amendment(amendment); !ok) return Unexpected{ok.error()};
    if (auto ok = detail::check_trial(amended); !ok) return Unexpected{ok.error()};
    Trial& t = (*stored)->trial;
    if (t.ended_on) return Unexpected{detail::already_ended(id, *t.ended_on)};
    // The store assigns id and created_at; ending is end_trial's business.
    Trial next = amended;
    next.id = t.id;
    next.created_at = t.created_at;
    next.ended_on = t.ended_on;
    next.end_reason = t.end_reason;
    Amendment saved = amendment;
    saved.id = next_amendment_id_++;
    saved.recorded_at = detail::utc_now();
    t = std::move(next);
    (*stored)->amendments.push_back(saved);
    return saved;
  }

  Result<std::vector<Amendment>> amendments(const ProfileId& profile, TrialId id) override {
    auto stored = find(profile, id);
    if (!stored) return Unexpected{stored.error()};
    return (*stored)->amendments;
  }

  Result<std::size_t> move_profile(const ProfileId& from, const ProfileId& to) override {
    if (auto ok = detail::check_profile(from); !ok) return Unexpected{ok.error()};
    if (auto ok = detail::check_profile(to); !ok) return Unexpected{ok.error()};
    if (from != to && find_active(from) && find_active(to)) return Unexpected{both_active(to)};
    std::size_t moved = 0;
    for (auto& [id, stored] : trials_)
      if (stored.profile == from) {
        stored.profile = to;
        ++moved;
      }
    return moved;
  }

  static Error both_active(const ProfileId& to) {
    return conflict("profile/" + to, "both have a running trial; end one first (one trial at a time)");
  }

  Result<void> erase_profile(const ProfileId& profile) override {
    if (auto ok = detail::check_profile(profile); !ok) return Unexpected{ok.error()};
    std::erase_if(trials_, [&](const auto& kv) { return kv.second.profile == profile; });
    return {};
  }

 private:
  Result<StoredTrial*> find(const ProfileId& profile, TrialId id) {
    if (auto ok = detail::check_profile(profile); !ok) return Unexpected{ok.error()};
    const auto it = trials_.find(id);
    if (it == trials_.end() || it->second.profile != profile) return Unexpected{detail::trial_not_found(profile, id)};
    return &it->second;
  }

  const StoredTrial* find_active(const ProfileId& profile) const {
    for (const auto& [id, stored] : trials_) {
      if (stored.profile == profile && !stored.trial.ended_on) return &stored;
    }
    return nullptr;
  }

  static DayEntry add_version(std::map<Date, std::vector<DayEntry>>& days, const DayEntry& entry,
                              const std::string& now) {
    auto& versions = days[entry.date];
    DayEntry saved = entry;
    saved.version = static_cast<int>(versions.size()) + 1;
    saved.recorded_at = now;
    versions.push_back(saved);
    return saved;
  }

  std::map<TrialId, StoredTrial> trials_;  // ids are unique across profiles, as in SQLite
  TrialId next_trial_id_ = 1;
  std::int64_t next_amendment_id_ = 1;
};

}  // namespace

std::unique_ptr<TrialRepository> make_memory_repository() { return std::make_unique<MemoryRepository>(); }

}  // namespace trialwise::store

#pragma once

// The store as the domain sees it: repository interfaces, no SQL. SQLite is
// the embedded implementation; an in-memory fake serves tests; a PostgreSQL
// one can follow for a shared server. Every call is scoped by a profile: no
// call can read or change another profile's rows.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::store {

using model::Amendment;
using model::DayEntry;
using model::EntryTotals;
using model::ProfileId;
using model::Trial;
using model::TrialId;

/// Trials, their day entries and amendments. Implementations are safe to use
/// from one thread at a time; a write returns only once it is durable.
/// Errors: Errc::not_found (no such trial for this profile), Errc::conflict
/// (e.g. a second active trial), Errc::io (the database failed; the message
/// says how, e.g. disk full or read-only), Errc::invalid_input (bad values).
class TrialRepository {
 public:
  virtual ~TrialRepository() = default;

  /// Saves a new trial and returns its id. Fails with Errc::conflict when the
  /// profile already has an active (not ended) trial.
  virtual Result<TrialId> create_trial(const ProfileId& profile, const Trial& trial) = 0;

  /// The profile's active trial, if any.
  virtual Result<std::optional<Trial>> active_trial(const ProfileId& profile) = 0;

  virtual Result<Trial> get_trial(const ProfileId& profile, TrialId id) = 0;

  /// Every trial of the profile, oldest first (past trials stay readable).
  virtual Result<std::vector<Trial>> list_trials(const ProfileId& profile) = 0;

  /// Marks a trial ended on `on` with `reason`; Errc::conflict if already ended.
  virtual Result<void> end_trial(const ProfileId& profile, TrialId id, Date on, const std::string& reason) = 0;

  /// Saves one day's entry, replacing the day's current entry (its earlier
  /// version stays in the history). Returns the stored entry (version and
  /// recorded_at set). Errc::invalid_input for values off their scales (the
  /// outcome and side effects 0-10, doses and grams not negative); the domain
  /// checks the dates against the trial and today.
  virtual Result<DayEntry> put_entry(const ProfileId& profile, TrialId id, const DayEntry& entry) = 0;

  /// Saves many entries in one transaction: all of them, or none (CSV import).
  /// A day given twice is Errc::invalid_input; Error::where is then
  /// "entries/<index>/<field>" of the offending entry, as for bad values.
  virtual Result<void> put_entries(const ProfileId& profile, TrialId id, const std::vector<DayEntry>& entries) = 0;

  /// Current entries with from <= date <= to, by date (either bound optional).
  virtual Result<std::vector<DayEntry>> entries(const ProfileId& profile, TrialId id, std::optional<Date> from,
                                                std::optional<Date> to) = 0;

  /// Every version of one day's entry, oldest first.
  virtual Result<std::vector<DayEntry>> entry_history(const ProfileId& profile, TrialId id, Date day) = 0;

  /// Totals of current entries with from <= date <= to, computed by the
  /// store (fast however many days are logged).
  virtual Result<EntryTotals> totals(const ProfileId& profile, TrialId id, Date from, Date to) = 0;

  /// Records an amendment and the trial as amended, in one transaction.
  /// Returns the amendment with id and recorded_at set. The store keeps its
  /// own fields (id, created_at) and the end (ended_on, end_reason) whatever
  /// `amended` says; an ended trial cannot be amended (Errc::conflict).
  virtual Result<Amendment> amend(const ProfileId& profile, TrialId id, const Amendment& amendment,
                                  const Trial& amended) = 0;

  /// The trial's amendments, oldest first.
  virtual Result<std::vector<Amendment>> amendments(const ProfileId& profile, TrialId id) = 0;

  /// Deletes every trial of the profile with its entries (every version) and
  /// amendments, in one transaction (an account deleted); none is fine.
  virtual Result<void> erase_profile(const ProfileId& profile) = 0;

  /// Moves every trial of `from` (with its entries, every version, and
  /// amendments) to `to`, in one transaction; returns how many. Errc::conflict
  /// when both have an active trial (one at a time), and nothing moves.
  virtual Result<std::size_t> move_profile(const ProfileId& from, const ProfileId& to) = 0;
};

/// An in-memory repository for tests (and for the contract suite's baseline).
std::unique_ptr<TrialRepository> make_memory_repository();

}  // namespace trialwise::store

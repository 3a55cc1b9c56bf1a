// TrialRepository on SQL (SQLite or PostgreSQL, sql.hpp). Behaves as the
// memory repository does (the contract tests run all three); what it adds is
// durability: every write is one transaction, so a call returns success only
// once the change is on disk (SQLite: WAL with synchronous=FULL; PostgreSQL:
// synchronous_commit on), and a crash leaves either all of it or none.

#include <set>

#include <boost/json/serialize.hpp>

#include "sql_repositories.hpp"
#include "json_text.hpp"
#include "trialwise/model/trial_json.hpp"
#include "utc_time.hpp"
#include "validate.hpp"

namespace trialwise::store {
namespace detail {
namespace {

// Bounds that hold every storable date, for ranges open at one end.
constexpr const char* kFirstDay = "0000-01-01";
constexpr const char* kLastDay = "9999-12-31";

const std::string kTrialColumns =
    "id, pack_id, pack_version, product_name, g_per_serving, protocol_id, outcome_id, outcome_higher_is_better, "
    "start, active_start, review_date, steps, plan, created_at, ended_on, end_reason, design, pack_text";
// The distinct red flags of current entries in a date range. Red flags are
// rare: an index holds just the days that have one. JSON arrays are read by
// each database's own function; "C" orders the ids as SQLite does (by byte).
const char* red_flags_sql(Dialect dialect) {
  if (dialect == Dialect::sqlite)
    return "SELECT DISTINCT f.value FROM entries INDEXED BY entries_red_flags, json_each(entries.red_flags) AS f"
           " WHERE profile = ?1 AND trial_id = ?2 AND is_current = 1 AND red_flags <> '[]' AND day >= ?3 AND day <= ?4"
           " ORDER BY f.value";
  return "SELECT DISTINCT f.value COLLATE \"C\" FROM entries, jsonb_array_elements_text(entries.red_flags::jsonb) AS f"
         " WHERE profile = ?1 AND trial_id = ?2 AND is_current = 1 AND red_flags <> '[]' AND day >= ?3 AND day <= ?4"
         " ORDER BY 1";
}

const std::string kEntryColumns =
    "day, outcome, doses_taken, dose_g, side_effects, red_flags, with_food, note, recorded_at, version, other_product";

class SqlTrialRepository final : public TrialRepository {
 public:
  explicit SqlTrialRepository(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}

  Result<TrialId> create_trial(const ProfileId& profile, const Trial& trial) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    if (auto ok = check_trial(trial); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<TrialId> {
      if (!trial.ended_on) {
        auto active = active_id(profile);
        if (!active) return Unexpected{active.error()};
        if (*active) return Unexpected{already_active(profile, **active)};
      }
      auto q = db_->query(
          "INSERT INTO trials (profile, pack_id, pack_version, product_name, g_per_serving, protocol_id, outcome_id, "
          "outcome_higher_is_better, start, active_start, review_date, steps, plan, created_at, ended_on, "
          "end_reason, design, pack_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
          "?16, "
          "?17, ?18) RETURNING id");
      if (!q) return Unexpected{q.error()};
      bind_plan_fields(*q, trial);
      if (trial.pack_text.empty())
        q->bind_null(18);
      else
        q->bind(18, trial.pack_text);
      q->bind(1, profile).bind(14, utc_now()).bind(16, trial.end_reason);
      if (trial.ended_on)
        q->bind(15, trial.ended_on->to_string());
      else
        q->bind_null(15);
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      const TrialId id = q->int64(0);
      if (auto done = q->run(); !done) return Unexpected{done.error()};
      return id;
    });
  }

  Result<std::optional<Trial>> active_trial(const ProfileId& profile) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    auto q = db_->query("SELECT " + kTrialColumns + " FROM trials WHERE profile = ?1 AND ended_on IS NULL");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return std::optional<Trial>();
    auto t = read_trial(*q);
    if (!t) return Unexpected{t.error()};
    return std::optional<Trial>(std::move(*t));
  }

  Result<Trial> get_trial(const ProfileId& profile, TrialId id) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    auto q = db_->query("SELECT " + kTrialColumns + " FROM trials WHERE profile = ?1 AND id = ?2");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile).bind(2, id);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return Unexpected{trial_not_found(profile, id)};
    return read_trial(*q);
  }

  Result<std::vector<Trial>> list_trials(const ProfileId& profile) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    auto q = db_->query("SELECT " + kTrialColumns + " FROM trials WHERE profile = ?1 ORDER BY id");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile);
    std::vector<Trial> out;
    for (;;) {
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      if (!*row) return out;
      auto t = read_trial(*q);
      if (!t) return Unexpected{t.error()};
      out.push_back(std::move(*t));
    }
  }

  Result<void> end_trial(const ProfileId& profile, TrialId id, Date on, const std::string& reason) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<void> {
      auto ended = require_trial(profile, id);
      if (!ended) return Unexpected{ended.error()};
      if (!storable(on)) return Unexpected{invalid_input("trial/ended_on", "not a calendar date")};
      if (*ended) return Unexpected{already_ended(id, **ended)};
      auto q = db_->query("UPDATE trials SET ended_on = ?3, end_reason = ?4 WHERE profile = ?1 AND id = ?2");
      if (!q) return Unexpected{q.error()};
      q->bind(1, profile).bind(2, id).bind(3, on.to_string()).bind(4, reason);
      return q->run();
    });
  }

  Result<DayEntry> put_entry(const ProfileId& profile, TrialId id, const DayEntry& entry) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<DayEntry> {
      if (auto ended = require_trial(profile, id); !ended) return Unexpected{ended.error()};
      if (auto ok = check_entry(entry, "entry"); !ok) return Unexpected{ok.error()};
      return insert_entry(profile, id, entry, utc_now());
    });
  }

  Result<void> put_entries(const ProfileId& profile, TrialId id, const std::vector<DayEntry>& entries) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    // Each entry is checked as it is written, inside the one transaction: a
    // bad one midway rolls back the ones before it.
    return write([&]() -> Result<void> {
      if (auto ended = require_trial(profile, id); !ended) return Unexpected{ended.error()};
      std::set<Date> seen;
      const std::string now = utc_now();
      for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string where = "entries/" + std::to_string(i);
        if (auto ok = check_entry(entries[i], where); !ok) return Unexpected{ok.error()};
        if (!seen.insert(entries[i].date).second) return Unexpected{same_day_twice(where + "/date", entries[i].date)};
        if (auto saved = insert_entry(profile, id, entries[i], now); !saved) return Unexpected{saved.error()};
      }
      return {};
    });
  }

  Result<std::vector<DayEntry>> entries(const ProfileId& profile, TrialId id, std::optional<Date> from,
                                        std::optional<Date> to) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    auto q = db_->query("SELECT " + kEntryColumns +
                        " FROM entries WHERE profile = ?1 AND trial_id = ?2 AND is_current = 1"
                        " AND day >= ?3 AND day <= ?4 ORDER BY day");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile).bind(2, id);
    q->bind(3, from ? from->to_string() : kFirstDay).bind(4, to ? to->to_string() : kLastDay);
    auto found = read_entries(*q);
    // Days found belong to the trial, so it exists; only none found asks
    // whether the trial does (one statement fewer, which counts on a server).
    if (found && found->empty()) {
      if (auto ended = require_trial(profile, id); !ended) return Unexpected{ended.error()};
    }
    return found;
  }

  Result<std::vector<DayEntry>> entry_history(const ProfileId& profile, TrialId id, Date day) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    if (auto ended = require_trial(profile, id); !ended) return Unexpected{ended.error()};
    if (!storable(day)) return Unexpected{invalid_input("day", "not a calendar date")};
    auto q = db_->query("SELECT " + kEntryColumns +
                        " FROM entries WHERE profile = ?1 AND trial_id = ?2 AND day = ?3 ORDER BY version");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile).bind(2, id).bind(3, day.to_string());
    return read_entries(*q);
  }

  Result<EntryTotals> totals(const ProfileId& profile, TrialId id, Date from, Date to) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    EntryTotals t;
    // A range that covers every logged day reads the running totals (one
    // row, however long the log); any other range scans the covering index.
    auto whole = db_->query(
        "SELECT days, doses_taken FROM trial_totals"
        " WHERE profile = ?1 AND trial_id = ?2 AND first_day >= ?3 AND last_day <= ?4");
    if (!whole) return Unexpected{whole.error()};
    whole->bind(1, profile).bind(2, id).bind(3, from.to_string()).bind(4, to.to_string());
    auto found = whole->step();
    if (!found) return Unexpected{found.error()};
    if (*found) {  // the running totals exist: so does the trial
      t.days = whole->integer(0);
      t.doses_taken = whole->real(1);
    } else {
      if (auto ended = require_trial(profile, id); !ended) return Unexpected{ended.error()};
      auto q = db_->query(
          "SELECT count(*), coalesce(sum(doses_taken), 0) FROM entries"
          " WHERE profile = ?1 AND trial_id = ?2 AND is_current = 1 AND day >= ?3 AND day <= ?4");
      if (!q) return Unexpected{q.error()};
      q->bind(1, profile).bind(2, id).bind(3, from.to_string()).bind(4, to.to_string());
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      t.days = q->integer(0);
      t.doses_taken = q->real(1);
    }
    // Red flags are rare: a partial index holds just the days that have one.
    auto flags = db_->query(red_flags_sql(db_->dialect()));
    if (!flags) return Unexpected{flags.error()};
    flags->bind(1, profile).bind(2, id).bind(3, from.to_string()).bind(4, to.to_string());
    while (true) {
      auto more = flags->step();
      if (!more) return Unexpected{more.error()};
      if (!*more) break;
      t.red_flags.push_back(flags->text(0));
    }
    return t;
  }

  Result<Amendment> amend(const ProfileId& profile, TrialId id, const Amendment& amendment,
                          const Trial& amended) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<Amendment> {
      auto ended = require_trial(profile, id);
      if (!ended) return Unexpected{ended.error()};
      if (auto ok = check_amendment(amendment); !ok) return Unexpected{ok.error()};
      if (auto ok = check_trial(amended); !ok) return Unexpected{ok.error()};
      if (*ended) return Unexpected{already_ended(id, **ended)};
      // The store's own columns (id, created_at) and the end stay as they are.
      auto update = db_->query(
          "UPDATE trials SET pack_id = ?2, pack_version = ?3, product_name = ?4, g_per_serving = ?5, "
          "protocol_id = ?6, outcome_id = ?7, outcome_higher_is_better = ?8, start = ?9, active_start = ?10, "
          "review_date = ?11, steps = ?12, plan = ?13, design = ?17 WHERE profile = ?1 AND id = ?14");
      if (!update) return Unexpected{update.error()};
      bind_plan_fields(*update, amended);
      update->bind(1, profile).bind(14, id);
      if (auto ok = update->run(); !ok) return Unexpected{ok.error()};

      Amendment saved = amendment;
      saved.recorded_at = utc_now();
      auto insert = db_->query(
          "INSERT INTO amendments (profile, trial_id, field, old_value, new_value, reason, recorded_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
      if (!insert) return Unexpected{insert.error()};
      insert->bind(1, profile).bind(2, id).bind(3, saved.field).bind(4, saved.old_value);
      insert->bind(5, saved.new_value).bind(6, saved.reason).bind(7, saved.recorded_at);
      auto row = insert->step();
      if (!row) return Unexpected{row.error()};
      saved.id = insert->int64(0);
      if (auto ok = insert->run(); !ok) return Unexpected{ok.error()};
      return saved;
    });
  }

  Result<std::vector<Amendment>> amendments(const ProfileId& profile, TrialId id) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    if (auto ended = require_trial(profile, id); !ended) return Unexpected{ended.error()};
    auto q = db_->query(
        "SELECT id, field, old_value, new_value, reason, recorded_at FROM amendments"
        " WHERE profile = ?1 AND trial_id = ?2 ORDER BY id");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile).bind(2, id);
    std::vector<Amendment> out;
    for (;;) {
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      if (!*row) return out;
      Amendment a;
      a.id = q->int64(0);
      a.field = q->text(1);
      a.old_value = q->text(2);
      a.new_value = q->text(3);
      a.reason = q->text(4);
      a.recorded_at = q->text(5);
      out.push_back(std::move(a));
    }
  }

  Result<std::size_t> move_profile(const ProfileId& from, const ProfileId& to) override {
    if (auto ok = check_profile(from); !ok) return Unexpected{ok.error()};
    if (auto ok = check_profile(to); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<std::size_t> {
      auto active =
          db_->query("SELECT count(DISTINCT profile) FROM trials WHERE profile IN (?1, ?2) AND ended_on IS NULL");
      if (!active) return Unexpected{active.error()};
      active->bind(1, from).bind(2, to);
      if (auto row = active->step(); !row) return Unexpected{row.error()};
      if (from != to && active->int64(0) == 2)
        return Unexpected{conflict("profile/" + to, "both have a running trial; end one first (one trial at a time)")};
      // The entries and amendments refer to their trial by (profile, id):
      // checked at COMMIT, once all of them have moved together.
      if (auto ok = db_->exec(db_->dialect() == Dialect::sqlite ? "PRAGMA defer_foreign_keys = ON"
                                                                : "SET CONSTRAINTS ALL DEFERRED");
          !ok)
        return Unexpected{ok.error()};
      auto count = db_->query("SELECT count(*) FROM trials WHERE profile = ?1");
      if (!count) return Unexpected{count.error()};
      count->bind(1, from);
      if (auto row = count->step(); !row) return Unexpected{row.error()};
      const auto moved = static_cast<std::size_t>(count->int64(0));
      for (const char* sql :
           {"UPDATE trials SET profile = ?2 WHERE profile = ?1", "UPDATE entries SET profile = ?2 WHERE profile = ?1",
            "UPDATE amendments SET profile = ?2 WHERE profile = ?1",
            "UPDATE trial_totals SET profile = ?2 WHERE profile = ?1"}) {
        auto q = db_->query(sql);
        if (!q) return Unexpected{q.error()};
        q->bind(1, from).bind(2, to);
        if (auto ok = q->run(); !ok) return Unexpected{ok.error()};
      }
      return moved;
    });
  }

  Result<void> erase_profile(const ProfileId& profile) override {
    if (auto ok = check_profile(profile); !ok) return Unexpected{ok.error()};
    return write([&]() -> Result<void> {
      // Children first: entries and amendments refer to their trial.
      for (const char* sql : {"DELETE FROM entries WHERE profile = ?1", "DELETE FROM amendments WHERE profile = ?1",
                              "DELETE FROM trial_totals WHERE profile = ?1", "DELETE FROM trials WHERE profile = ?1"}) {
        auto q = db_->query(sql);
        if (!q) return Unexpected{q.error()};
        q->bind(1, profile);
        if (auto ok = q->run(); !ok) return ok;
      }
      return {};
    });
  }

 private:
  // One write transaction, durable when it returns (in_write_transaction).
  template <class Body>
  auto write(Body&& body) -> decltype(body()) {
    return in_write_transaction(*db_, std::forward<Body>(body));
  }

  // The trial's end date if it exists in this profile (nullopt while active);
  // Errc::not_found otherwise, also for another profile's trial.
  Result<std::optional<Date>> require_trial(const ProfileId& profile, TrialId id) {
    auto q = db_->query("SELECT ended_on FROM trials WHERE profile = ?1 AND id = ?2");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile).bind(2, id);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return Unexpected{trial_not_found(profile, id)};
    if (q->is_null(0)) return std::optional<Date>();
    auto day = stored_date(q->text(0), trial_where(id) + "/ended_on");
    if (!day) return Unexpected{day.error()};
    return std::optional<Date>(*day);
  }

  Result<std::optional<TrialId>> active_id(const ProfileId& profile) {
    auto q = db_->query("SELECT id FROM trials WHERE profile = ?1 AND ended_on IS NULL");
    if (!q) return Unexpected{q.error()};
    q->bind(1, profile);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return std::optional<TrialId>();
    return std::optional<TrialId>(q->int64(0));
  }

  // Parameters 2-13 and 17 of both the trial INSERT and the amendment UPDATE.
  static void bind_plan_fields(Query& q, const Trial& t) {
    q.bind(2, t.pack_id).bind(3, t.pack_version).bind(4, t.product_name).bind(5, t.g_per_serving);
    q.bind(6, t.protocol_id).bind(7, t.outcome_id).bind_bool(8, t.outcome_higher_is_better);
    q.bind(9, t.start.to_string()).bind(10, t.active_start.to_string()).bind(11, t.review_date.to_string());
    q.bind(12, steps_to_json(t.steps)).bind(13, boost::json::serialize(t.plan));
    if (t.blocks)
      q.bind(17, boost::json::serialize(model::design_to_json(t.blocks)));
    else
      q.bind_null(17);
  }

  // Marks the day's current version as history and inserts the next version.
  Result<DayEntry> insert_entry(const ProfileId& profile, TrialId id, const DayEntry& entry, const std::string& now) {
    const std::string day = entry.date.to_string();
    auto retire = db_->query(
        "UPDATE entries SET is_current = 0"
        " WHERE profile = ?1 AND trial_id = ?2 AND day = ?3 AND is_current = 1");
    if (!retire) return Unexpected{retire.error()};
    retire->bind(1, profile).bind(2, id).bind(3, day);
    if (auto ok = retire->run(); !ok) return Unexpected{ok.error()};

    auto insert = db_->query(
        "INSERT INTO entries (profile, trial_id, day, version, is_current, outcome, doses_taken, dose_g,"
        " side_effects, red_flags, with_food, note, recorded_at, other_product) VALUES (?1, ?2, ?3,"
        " (SELECT coalesce(max(version), 0) + 1 FROM entries WHERE profile = ?1 AND trial_id = ?2 AND day = ?3),"
        " 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING version");
    if (!insert) return Unexpected{insert.error()};
    insert->bind(1, profile).bind(2, id).bind(3, day).bind(4, entry.outcome).bind(5, entry.doses_taken);
    insert->bind(6, entry.dose_g).bind(7, side_effects_to_json(entry.side_effects));
    insert->bind(8, strings_to_json(entry.red_flags)).bind_bool(9, entry.with_food).bind(10, entry.note);
    insert->bind(11, now).bind_bool(12, entry.other_product);
    auto row = insert->step();
    if (!row) return Unexpected{row.error()};
    DayEntry saved = entry;
    saved.version = insert->integer(0);
    saved.recorded_at = now;
    if (auto ok = insert->run(); !ok) return Unexpected{ok.error()};
    return saved;
  }

  Result<Date> stored_date(const std::string& text, const std::string& where) const {
    auto d = Date::parse(text, where);
    if (!d)
      return Unexpected{io_error(where, "the stored date \"" + text +
                                            "\" is damaged; restore a backup with "
                                            "`trialwise restore FILE`")};
    return d;
  }

  Result<Trial> read_trial(const Query& q) const {
    Trial t;
    t.id = q.int64(0);
    const std::string where = trial_where(t.id);
    t.pack_id = q.text(1);
    t.pack_version = q.text(2);
    t.product_name = q.text(3);
    if (!q.is_null(4)) t.g_per_serving = q.real(4);
    t.protocol_id = q.text(5);
    t.outcome_id = q.text(6);
    t.outcome_higher_is_better = q.int64(7) != 0;
    for (auto [col, field, out] : {std::tuple{8, "/start", &t.start}, std::tuple{9, "/active_start", &t.active_start},
                                   std::tuple{10, "/review_date", &t.review_date}}) {
      auto d = stored_date(q.text(col), where + field);
      if (!d) return Unexpected{d.error()};
      *out = *d;
    }
    auto steps = steps_from_json(q.text(11), where + "/steps");
    if (!steps) return Unexpected{steps.error()};
    t.steps = std::move(*steps);
    auto plan = parse_json(q.text(12), where + "/plan");
    if (!plan)
      return Unexpected{io_error(where + "/plan",
                                 "the stored plan is damaged; restore a backup with "
                                 "`trialwise restore FILE`")};
    t.plan = std::move(*plan);
    t.created_at = q.text(13);
    if (!q.is_null(14)) {
      auto d = stored_date(q.text(14), where + "/ended_on");
      if (!d) return Unexpected{d.error()};
      t.ended_on = *d;
    }
    t.end_reason = q.text(15);
    if (!q.is_null(16)) {
      auto json = parse_json(q.text(16), where + "/design");
      Result<std::optional<model::BlockDesign>> design = std::optional<model::BlockDesign>();
      if (json) design = model::design_from_json(*json, where + "/design");
      if (!json || !design)
        return Unexpected{io_error(where + "/design",
                                   "the stored design is damaged; restore a backup with "
                                   "`trialwise restore FILE`")};
      t.blocks = std::move(*design);
    }
    if (!q.is_null(17)) t.pack_text = q.text(17);
    return t;
  }

  Result<std::vector<DayEntry>> read_entries(Query& q) const {
    std::vector<DayEntry> out;
    for (;;) {
      auto row = q.step();
      if (!row) return Unexpected{row.error()};
      if (!*row) return out;
      DayEntry e;
      const std::string day = q.text(0);
      const std::string where = "entries/" + day;
      auto d = stored_date(day, where);
      if (!d) return Unexpected{d.error()};
      e.date = *d;
      e.outcome = q.real(1);
      if (!q.is_null(2)) e.doses_taken = q.integer(2);
      if (!q.is_null(3)) e.dose_g = q.real(3);
      auto side = side_effects_from_json(q.text(4), where + "/side_effects");
      if (!side) return Unexpected{side.error()};
      e.side_effects = std::move(*side);
      auto flags = strings_from_json(q.text(5), where + "/red_flags");
      if (!flags) return Unexpected{flags.error()};
      e.red_flags = std::move(*flags);
      e.with_food = q.int64(6) != 0;
      e.note = q.text(7);
      e.recorded_at = q.text(8);
      e.version = q.integer(9);
      e.other_product = q.int64(10) != 0;
      out.push_back(std::move(e));
    }
  }

  std::unique_ptr<SqlConnection> db_;
};

}  // namespace

std::unique_ptr<TrialRepository> make_sql_trials(std::unique_ptr<SqlConnection> db) {
  return std::make_unique<SqlTrialRepository>(std::move(db));
}

}  // namespace detail
}  // namespace trialwise::store

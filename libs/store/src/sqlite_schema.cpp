#include "sqlite_schema.hpp"

#include <array>
#include <string>

namespace trialwise::store::detail {
namespace {

// Migration N (1-based) takes user_version from N-1 to N. Append only: a
// released migration is never edited, since databases out there already ran
// it.
//
// Every table has a profile column and every statement filters by it. Dates
// are "YYYY-MM-DD" text (they sort as dates); times are UTC ISO 8601 text.
// JSON columns: trials.steps, trials.plan, trials.design, trials.pack_text, entries.side_effects (object of
// id -> 0..10), entries.red_flags (array of ids), products.glutamine_rows and products.flags.
constexpr std::array kMigrations = {
    R"sql(
CREATE TABLE trials (
  id INTEGER PRIMARY KEY,
  profile TEXT NOT NULL,
  pack_id TEXT NOT NULL,
  pack_version TEXT NOT NULL,
  product_name TEXT NOT NULL,
  g_per_serving REAL,
  protocol_id TEXT NOT NULL,
  outcome_id TEXT NOT NULL,
  outcome_higher_is_better INTEGER NOT NULL CHECK (outcome_higher_is_better IN (0, 1)),
  start TEXT NOT NULL,
  active_start TEXT NOT NULL,
  review_date TEXT NOT NULL,
  steps TEXT NOT NULL,
  plan TEXT NOT NULL,
  created_at TEXT NOT NULL,
  ended_on TEXT,
  end_reason TEXT NOT NULL,
  UNIQUE (profile, id)
) STRICT;
-- One active trial per profile.
CREATE UNIQUE INDEX trials_one_active ON trials (profile) WHERE ended_on IS NULL;

-- Every version of every day is kept; exactly one per day is current.
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  profile TEXT NOT NULL,
  trial_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  is_current INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  outcome REAL NOT NULL,
  doses_taken INTEGER,
  dose_g REAL,
  side_effects TEXT NOT NULL,
  red_flags TEXT NOT NULL,
  with_food INTEGER NOT NULL CHECK (with_food IN (0, 1)),
  note TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  FOREIGN KEY (profile, trial_id) REFERENCES trials (profile, id),
  UNIQUE (profile, trial_id, day, version)
) STRICT;
-- The current entries by trial and date: listing, status and totals read
-- ranges of it, so they stay fast however many years are logged.
CREATE UNIQUE INDEX entries_current ON entries (profile, trial_id, day) WHERE is_current = 1;

CREATE TABLE amendments (
  id INTEGER PRIMARY KEY,
  profile TEXT NOT NULL,
  trial_id INTEGER NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  FOREIGN KEY (profile, trial_id) REFERENCES trials (profile, id)
) STRICT;
CREATE INDEX amendments_by_trial ON amendments (profile, trial_id, id);
)sql",
    // 2: the days that carry a red flag, so status finds them without a scan,
    // and a covering index for range totals (count and doses from the index alone).
    R"sql(
CREATE INDEX entries_red_flags ON entries (profile, trial_id, day) WHERE is_current = 1 AND red_flags <> '[]';
CREATE INDEX entries_current_doses ON entries (profile, trial_id, day, doses_taken) WHERE is_current = 1;
)sql",
    // 3: running totals per trial, kept by triggers in the same transaction as
    // each entry, so a total over the whole log costs the same at any length.
    R"sql(
CREATE TABLE trial_totals (
  profile TEXT NOT NULL,
  trial_id INTEGER NOT NULL,
  days INTEGER NOT NULL,
  doses_taken REAL NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  PRIMARY KEY (profile, trial_id)
) STRICT;
INSERT INTO trial_totals
  SELECT profile, trial_id, count(*), total(doses_taken), min(day), max(day)
  FROM entries WHERE is_current = 1 GROUP BY profile, trial_id;
CREATE TRIGGER entries_totals_insert AFTER INSERT ON entries WHEN NEW.is_current = 1 BEGIN
  INSERT OR IGNORE INTO trial_totals VALUES (NEW.profile, NEW.trial_id, 0, 0, NEW.day, NEW.day);
  UPDATE trial_totals SET days = days + 1, doses_taken = doses_taken + coalesce(NEW.doses_taken, 0),
    first_day = min(first_day, NEW.day), last_day = max(last_day, NEW.day)
    WHERE profile = NEW.profile AND trial_id = NEW.trial_id;
END;
CREATE TRIGGER entries_totals_retire AFTER UPDATE OF is_current ON entries
  WHEN OLD.is_current = 1 AND NEW.is_current = 0 BEGIN
  UPDATE trial_totals SET days = days - 1, doses_taken = doses_taken - coalesce(OLD.doses_taken, 0)
    WHERE profile = OLD.profile AND trial_id = OLD.trial_id;
END;
)sql",
    // 4: the trial's design: NULL for the open design (baseline, then
    // active), or a randomized block design as JSON (trial/design_json.hpp).
    R"sql(
ALTER TABLE trials ADD COLUMN design TEXT;
)sql",
    // 5: products imported from their labels (trialwise product import), so
    // the plan counts the glutamine a person already takes. One row per
    // product; a label imported twice would count twice, so name and brand
    // are unique within a profile. JSON columns: glutamine_rows (the label
    // rows the grams come from) and flags, as model::Product holds them.
    // AUTOINCREMENT: a removed product's id is never given to another.
    R"sql(
CREATE TABLE products (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  profile TEXT NOT NULL,
  name TEXT NOT NULL CHECK (name <> ''),
  brand TEXT NOT NULL,
  label_id TEXT NOT NULL,
  glutamine_g_per_serving REAL CHECK (glutamine_g_per_serving >= 0),
  serving TEXT NOT NULL,
  glutamine_rows TEXT NOT NULL,
  flags TEXT NOT NULL,
  servings_per_day REAL CHECK (servings_per_day >= 0),
  third_party_tested INTEGER NOT NULL CHECK (third_party_tested IN (0, 1)),
  source TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  UNIQUE (profile, name, brand)
) STRICT;
CREATE INDEX products_by_profile ON products (profile, id);
)sql",
    // 6: the pack each trial was planned with, as its JSON text, so the trial
    // is judged by it (NULL for trials started before: the built-in pack);
    // and whether another product with the supplement was taken on a day.
    R"sql(
ALTER TABLE trials ADD COLUMN pack_text TEXT;
ALTER TABLE entries ADD COLUMN other_product INTEGER NOT NULL DEFAULT 0 CHECK (other_product IN (0, 1));
)sql",
    // 7: products in the pack's terms, not one supplement's: the amount per
    // serving and the ingredient rows get neutral names, and so do the keys
    // inside the stored rows and the "may contain" flag. (Inside JSON text a
    // key's quotes are never escaped and a string's always are, so the
    // replacements touch keys and ids only.)
    R"sql(
ALTER TABLE products RENAME COLUMN glutamine_g_per_serving TO amount_g_per_serving;
ALTER TABLE products RENAME COLUMN glutamine_rows TO ingredient_rows;
UPDATE products SET
  ingredient_rows = replace(replace(ingredient_rows, '"glutamine_fraction":', '"fraction":'), '"glutamine_g":', '"amount_g":'),
  flags = replace(flags, '"may_contain_glutamine"', '"may_contain"');
)sql",
    // 8: accounts and their sessions (serve --accounts). email_key is the
    // email with ASCII letters lowered: one account per address, whatever its
    // case. A session is kept under the hash of its token, never the token.
    R"sql(
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('person', 'coach', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
) STRICT;
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_account ON sessions (account_id);
)sql",
    // 9: consent (serve --accounts): a coach's invitations (kept under the
    // hash of their token), what each person shares with each coach, and the
    // log of every look at a person's data by someone else. A look outlives
    // the viewer's account (the person keeps their record of it), unnamed.
    R"sql(
CREATE TABLE invitations (
  token_hash TEXT PRIMARY KEY,
  coach_id INTEGER NOT NULL REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_by INTEGER REFERENCES accounts (id),
  accepted_at TEXT
) STRICT;
CREATE INDEX invitations_by_coach ON invitations (coach_id);
CREATE TABLE shares (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES accounts (id),
  coach_id INTEGER NOT NULL REFERENCES accounts (id),
  status INTEGER NOT NULL CHECK (status IN (0, 1)),
  review INTEGER NOT NULL CHECK (review IN (0, 1)),
  report INTEGER NOT NULL CHECK (report IN (0, 1)),
  since TEXT NOT NULL,
  UNIQUE (person_id, coach_id),
  CHECK (person_id <> coach_id)
) STRICT;
CREATE INDEX shares_by_coach ON shares (coach_id);
CREATE TABLE access_log (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES accounts (id),
  viewer_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  viewer_role TEXT NOT NULL CHECK (viewer_role IN ('person', 'coach', 'admin')),
  what TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX access_log_by_person ON access_log (person_id, id);
CREATE INDEX access_log_by_viewer ON access_log (viewer_id, id);
)sql",
    // 10: failed sign-ins, counted in the database so that every server
    // counts them all (the throttle, service/sign_in.hpp). The key is the
    // hash of an account's email or a client's address; times are Unix
    // seconds.
    R"sql(
CREATE TABLE sign_in_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures >= 1),
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sign_in_failures_by_last ON sign_in_failures (last_at);
)sql",
};

}  // namespace

int schema_version() { return static_cast<int>(kMigrations.size()); }

Result<Identity> read_identity(Connection& db) {
  // One statement, so one read transaction: three separate reads could see
  // another process's first migration half before and half after its commit.
  auto q = db.query(
      "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version),"
      " (SELECT count(*) FROM sqlite_schema)");
  if (!q) return Unexpected{q.error()};
  auto row = q->step();
  if (!row) return Unexpected{row.error()};
  Identity id;
  id.application_id = q->int64(0);
  id.user_version = q->int64(1);
  id.objects = q->int64(2);
  return id;
}

Result<void> check_identity(const Identity& id, const std::string& path, bool allow_fresh) {
  if (allow_fresh && id.fresh()) return {};
  if (id.application_id != kApplicationId || id.user_version < 1)
    return Unexpected{
        invalid_input(path, path + " is an SQLite database of another program, not Trialwise; it was left unchanged")};
  if (id.user_version > schema_version())
    return Unexpected{conflict(path, path + " was written by a newer Trialwise (schema " +
                                         std::to_string(id.user_version) + ", this build knows " +
                                         std::to_string(schema_version()) +
                                         "); not changed. Use that newer Trialwise to open it")};
  return {};
}

Result<void> migrate(Connection& db) {
  for (int target = 1; target <= schema_version(); ++target) {
    auto before = db.int_of("PRAGMA user_version");
    if (!before) return Unexpected{before.error()};
    if (*before >= target) continue;
    if (auto ok = db.begin_write(); !ok) return ok;
    // Another process may have migrated while this one waited for the lock.
    auto now = db.int_of("PRAGMA user_version");
    if (!now) {
      db.rollback();
      return Unexpected{now.error()};
    }
    if (*now < target) {
      const std::string stamp = "PRAGMA user_version = " + std::to_string(target) +
                                "; PRAGMA application_id = " + std::to_string(kApplicationId) + ";";
      for (const char* sql : {kMigrations[static_cast<std::size_t>(target - 1)], stamp.c_str()}) {
        if (auto ok = db.exec(sql); !ok) {
          db.rollback();
          return ok;
        }
      }
    }
    if (auto ok = db.commit(); !ok) {
      db.rollback();
      return ok;
    }
  }
  return {};
}

}  // namespace trialwise::store::detail

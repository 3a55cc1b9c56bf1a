// copy_database: table by table through the store's SQL interface, so the
// same code copies SQLite to PostgreSQL and back. Each column is read and
// written in its own type (a double as a double, never as text), so a value
// arrives bit for bit.

#include "trialwise/store/copy.hpp"

#include <bit>
#include <memory>

#include "pg_db.hpp"
#include "pg_schema.hpp"
#include "sql.hpp"
#include "sqlite_open.hpp"
#include "trialwise/store/postgres.hpp"

namespace trialwise::store {
namespace {

using detail::Query;
using detail::SqlConnection;

enum class Kind { integer, real, text };

struct Column {
  const char* name;
  Kind kind;
};

struct Table {
  const char* name;
  std::vector<Column> columns;
  std::vector<const char*> key;  // ORDER BY: the same order on both sides
  bool copied;                   // false: rebuilt by the destination (compared only)
  const char* identity;          // the PostgreSQL identity column to move past the copied ids, or nullptr
};

constexpr Kind I = Kind::integer, R = Kind::real, T = Kind::text;

// Parents before children (the foreign keys hold at every insert).
const std::vector<Table>& tables() {
  static const std::vector<Table> all = {
      {"accounts",
       {{"id", I},
        {"email", T},
        {"email_key", T},
        {"role", T},
        {"password_hash", T},
        {"disabled", I},
        {"created_at", T},
        {"password_changed_at", T}},
       {"id"},
       true,
       "id"},
      {"sessions",
       {{"token_hash", T}, {"account_id", I}, {"created_at", T}, {"last_seen_at", T}, {"expires_at", T}},
       {"token_hash"},
       true,
       nullptr},
      {"invitations",
       {{"rowid", I},
        {"token_hash", T},
        {"coach_id", I},
        {"created_at", T},
        {"expires_at", T},
        {"accepted_by", I},
        {"accepted_at", T}},
       {"rowid"},
       true,
       "rowid"},
      {"shares",
       {{"id", I}, {"person_id", I}, {"coach_id", I}, {"status", I}, {"review", I}, {"report", I}, {"since", T}},
       {"id"},
       true,
       "id"},
      {"access_log",
       {{"id", I}, {"person_id", I}, {"viewer_id", I}, {"viewer_role", T}, {"what", T}, {"at", T}},
       {"id"},
       true,
       "id"},
      {"trials",
       {{"id", I},
        {"profile", T},
        {"pack_id", T},
        {"pack_version", T},
        {"product_name", T},
        {"g_per_serving", R},
        {"protocol_id", T},
        {"outcome_id", T},
        {"outcome_higher_is_better", I},
        {"start", T},
        {"active_start", T},
        {"review_date", T},
        {"steps", T},
        {"plan", T},
        {"created_at", T},
        {"ended_on", T},
        {"end_reason", T},
        {"design", T},
        {"pack_text", T}},
       {"id"},
       true,
       "id"},
      {"entries",
       {{"id", I},
        {"profile", T},
        {"trial_id", I},
        {"day", T},
        {"version", I},
        {"is_current", I},
        {"outcome", R},
        {"doses_taken", I},
        {"dose_g", R},
        {"side_effects", T},
        {"red_flags", T},
        {"with_food", I},
        {"note", T},
        {"recorded_at", T},
        {"other_product", I}},
       {"id"},
       true,
       "id"},
      {"amendments",
       {{"id", I},
        {"profile", T},
        {"trial_id", I},
        {"field", T},
        {"old_value", T},
        {"new_value", T},
        {"reason", T},
        {"recorded_at", T}},
       {"id"},
       true,
       "id"},
      {"products",
       {{"id", I},
        {"profile", T},
        {"name", T},
        {"brand", T},
        {"label_id", T},
        {"amount_g_per_serving", R},
        {"serving", T},
        {"ingredient_rows", T},
        {"flags", T},
        {"servings_per_day", R},
        {"third_party_tested", I},
        {"source", T},
        {"imported_at", T}},
       {"id"},
       true,
       "id"},
      {"sign_in_failures", {{"key", T}, {"failures", I}, {"first_at", I}, {"last_at", I}}, {"key"}, true, nullptr},
      {"trial_totals",
       {{"profile", T}, {"trial_id", I}, {"days", I}, {"doses_taken", R}, {"first_day", T}, {"last_day", T}},
       {"profile", "trial_id"},
       false,
       nullptr},
  };
  return all;
}

// Text keys in byte order on both sides (SQLite's BINARY, PostgreSQL's "C").
std::string select_sql(const Table& t, detail::Dialect dialect) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < t.columns.size(); ++i) sql += (i ? ", " : "") + std::string(t.columns[i].name);
  sql += std::string(" FROM ") + t.name + " ORDER BY ";
  for (std::size_t i = 0; i < t.key.size(); ++i) {
    sql += (i ? ", " : "") + std::string(t.key[i]);
    if (dialect == detail::Dialect::postgresql) {
      for (const auto& c : t.columns)
        if (std::string_view(c.name) == t.key[i] && c.kind == Kind::text) sql += " COLLATE \"C\"";
    }
  }
  return sql;
}

std::string insert_sql(const Table& t) {
  std::string names, values;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    names += (i ? ", " : "") + std::string(t.columns[i].name);
    values += (i ? ", ?" : "?") + std::to_string(i + 1);
  }
  return "INSERT INTO " + std::string(t.name) + " (" + names + ") VALUES (" + values + ")";
}

// The row `from` is on, bound to `into` column by column in its own type.
void bind_row(const Table& t, const Query& from, Query& into) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const int col = static_cast<int>(c), param = col + 1;
    if (from.is_null(col)) {
      into.bind_null(param);
      continue;
    }
    switch (t.columns[c].kind) {
      case Kind::integer: into.bind(param, from.int64(col)); break;
      case Kind::real: into.bind(param, from.real(col)); break;
      case Kind::text: into.bind(param, from.text(col)); break;
    }
  }
}

bool same_row(const Table& t, const Query& a, const Query& b) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const int col = static_cast<int>(c);
    if (a.is_null(col) != b.is_null(col)) return false;
    if (a.is_null(col)) continue;
    switch (t.columns[c].kind) {
      case Kind::integer:
        if (a.int64(col) != b.int64(col)) return false;
        break;
      case Kind::real:  // bit for bit
        if (std::bit_cast<std::uint64_t>(a.real(col)) != std::bit_cast<std::uint64_t>(b.real(col))) return false;
        break;
      case Kind::text:
        if (a.text(col) != b.text(col)) return false;
        break;
    }
  }
  return true;
}

Result<std::int64_t> count_rows(SqlConnection& db, const Table& t) {
  auto q = db.query(std::string("SELECT count(*) FROM ") + t.name);
  if (!q) return Unexpected{q.error()};
  if (auto row = q->step(); !row) return Unexpected{row.error()};
  return q->int64(0);
}

Result<std::int64_t> copy_table(SqlConnection& from, SqlConnection& to, const Table& t) {
  const std::string insert = insert_sql(t);
  auto rows = from.query(select_sql(t, from.dialect()));
  if (!rows) return Unexpected{rows.error()};
  std::int64_t copied = 0;
  for (;;) {
    auto more = rows->step();
    if (!more) return Unexpected{more.error()};
    if (!*more) return copied;
    auto into = to.query(insert);
    if (!into) return Unexpected{into.error()};
    bind_row(t, *rows, *into);
    if (auto ok = into->run(); !ok) return Unexpected{ok.error()};
    ++copied;
  }
}

// Reads both sides in key order and compares them row by row.
Result<void> compare_table(SqlConnection& from, SqlConnection& to, const Table& t) {
  auto a = from.query(select_sql(t, from.dialect()));
  if (!a) return Unexpected{a.error()};
  auto b = to.query(select_sql(t, to.dialect()));
  if (!b) return Unexpected{b.error()};
  for (std::int64_t n = 1;; ++n) {
    auto more_a = a->step();
    if (!more_a) return Unexpected{more_a.error()};
    auto more_b = b->step();
    if (!more_b) return Unexpected{more_b.error()};
    if (*more_a != *more_b || (*more_a && !same_row(t, *a, *b)))
      return Unexpected{internal_error(t.name, std::string("the copy of table ") + t.name + " differs from the " +
                                                   "original at row " + std::to_string(n) + "; nothing was copied")};
    if (!*more_a) return {};
  }
}

// A target as the store opens it: "sqlite:PATH" is PATH.
std::string plain(const std::string& target) { return target.starts_with("sqlite:") ? target.substr(7) : target; }

Result<std::unique_ptr<SqlConnection>> open_sql(const std::string& target) {
  if (is_postgres_uri(target)) {
    auto db = detail::PgConnection::open(target);
    if (!db) return Unexpected{db.error()};
    if (auto ok = detail::pg_migrate(**db); !ok) return Unexpected{ok.error()};
    return std::unique_ptr<SqlConnection>(std::move(*db));
  }
  auto db = detail::open_database(plain(target), detail::SqliteOptions{});
  if (!db) return Unexpected{db.error()};
  return std::unique_ptr<SqlConnection>(std::make_unique<detail::Connection>(std::move(*db)));
}

}  // namespace

Result<CopyReport> copy_database(const std::string& from, const std::string& to) {
  if (plain(from) == plain(to))
    return Unexpected{invalid_input("--to", "the copy would go onto the database it comes from")};
  auto source = open_sql(from);
  if (!source) return Unexpected{source.error()};
  auto target = open_sql(to);
  if (!target) return Unexpected{target.error()};
  SqlConnection& src = **source;
  SqlConnection& dst = **target;

  if (auto ok = src.begin_read(); !ok) return Unexpected{ok.error()};
  auto copied = detail::in_write_transaction(dst, [&]() -> Result<CopyReport> {
    for (const auto& t : tables()) {
      auto n = count_rows(dst, t);
      if (!n) return Unexpected{n.error()};
      if (*n != 0)
        return Unexpected{conflict("--to", "the destination already holds data (table " + std::string(t.name) +
                                               "); copy only into an empty database. Nothing was copied")};
    }
    CopyReport report;
    for (const auto& t : tables()) {
      if (!t.copied) continue;
      auto n = copy_table(src, dst, t);
      if (!n) return Unexpected{n.error()};
      report.tables.emplace_back(t.name, *n);
    }
    if (dst.dialect() == detail::Dialect::postgresql) {
      // New rows continue after the copied ids.
      for (const auto& t : tables()) {
        if (t.identity == nullptr) continue;
        const std::string sql = std::string("SELECT setval(pg_get_serial_sequence('") + t.name + "', '" + t.identity +
                                "'), (SELECT coalesce(max(" + t.identity + "), 0) + 1 FROM " + t.name + "), false)";
        if (auto ok = dst.exec(sql.c_str()); !ok) return Unexpected{ok.error()};
      }
    }
    for (const auto& t : tables()) {
      if (auto same = compare_table(src, dst, t); !same) return Unexpected{same.error()};
    }
    return report;
  });
  src.rollback();  // ends the read
  return copied;
}

}  // namespace trialwise::store

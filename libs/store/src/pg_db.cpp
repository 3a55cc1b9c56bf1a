#include "pg_db.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <system_error>

#include "pg_errors.hpp"

namespace trialwise::store::detail {

void PgResultFree::operator()(pg_result* r) const { PQclear(r); }

PgSql postgres_parameters(std::string_view sql) {
  // First pass: which ?N the text uses.
  std::vector<int> used;
  const auto each_parameter = [&](auto&& on_text, auto&& on_parameter) {
    char quote = 0;  // inside '...' or "..."
    for (std::size_t i = 0; i < sql.size(); ++i) {
      const char c = sql[i];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
        int n = 0;
        std::size_t j = i + 1;
        for (; j < sql.size() && sql[j] >= '0' && sql[j] <= '9'; ++j) n = n * 10 + (sql[j] - '0');
        on_parameter(n);
        i = j - 1;
        continue;
      }
      on_text(c);
    }
  };
  each_parameter([](char) {},
                 [&](int n) {
                   if (static_cast<std::size_t>(n) >= used.size()) used.resize(static_cast<std::size_t>(n) + 1, 0);
                   used[static_cast<std::size_t>(n)] = 1;
                 });
  // PostgreSQL must infer the type of every $N up to the highest, so the
  // ones used are numbered densely: a statement may skip some of the
  // store's numbers (the amendment's UPDATE does).
  PgSql out;
  out.slot.assign(used.size(), 0);
  for (std::size_t n = 1; n < used.size(); ++n)
    if (used[n] != 0) out.slot[n] = ++out.parameters;
  out.text.reserve(sql.size());
  each_parameter([&](char c) { out.text += c; },
                 [&](int n) { out.text += "$" + std::to_string(out.slot[static_cast<std::size_t>(n)]); });
  return out;
}

std::string redact_uri(std::string_view uri) {
  std::string out(uri);
  // postgresql://user:secret@host/... : drop ":secret".
  if (const auto scheme = out.find("://"); scheme != std::string::npos) {
    const auto at = out.find('@', scheme + 3);
    const auto slash = out.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const auto colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon, at - colon, ":***");
    }
  }
  // ...?password=secret&... : keep the name, hide the value.
  for (std::size_t at = out.find("password="); at != std::string::npos; at = out.find("password=", at + 1)) {
    const auto start = at + 9;
    const auto end = out.find('&', start);
    out.replace(start, (end == std::string::npos ? out.size() : end) - start, "***");
  }
  return out;
}

// --- statements ---

PgStatement::PgStatement(PgConnection& db, std::string name, PgSql sql)
    : db_(&db), name_(std::move(name)), sql_(std::move(sql)), params_(static_cast<std::size_t>(sql_.parameters)) {}

std::optional<std::string>* PgStatement::param(int i) {
  const auto n = static_cast<std::size_t>(i);
  if (n >= sql_.slot.size() || sql_.slot[n] == 0) return nullptr;  // not in the text: nothing to send
  return &params_[static_cast<std::size_t>(sql_.slot[n] - 1)];
}

void PgStatement::bind_int64(int i, std::int64_t v) {
  if (auto* p = param(i)) *p = std::to_string(v);
}

void PgStatement::bind_double(int i, double v) {
  // The shortest text that reads back as the same double (PostgreSQL 12+
  // parses and prints float8 exactly), so a value comes back bit for bit.
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  if (auto* p = param(i)) *p = std::string(buf, end);
}

void PgStatement::bind_text(int i, std::string_view v) {
  if (auto* p = param(i)) *p = std::string(v);
}

void PgStatement::bind_null(int i) {
  if (auto* p = param(i)) p->reset();
}

Result<bool> PgStatement::step() {
  if (!result_) {
    auto r = db_->execute(*this, params_);
    if (!r) return Unexpected{r.error()};
    result_ = std::move(*r);
    row_ = -1;
  }
  ++row_;
  return row_ < PQntuples(result_.get());
}

void PgStatement::reset() {
  result_.reset();
  row_ = -1;
  for (auto& p : params_) p.reset();
}

bool PgStatement::is_null(int col) const { return PQgetisnull(result_.get(), row_, col) != 0; }

std::int64_t PgStatement::int64(int col) const {
  const char* p = PQgetvalue(result_.get(), row_, col);
  std::int64_t v = 0;
  std::from_chars(p, p + PQgetlength(result_.get(), row_, col), v);
  return v;
}

double PgStatement::real(int col) const {
  const char* p = PQgetvalue(result_.get(), row_, col);
  double v = 0;
  std::from_chars(p, p + PQgetlength(result_.get(), row_, col), v);
  return v;
}

std::string PgStatement::text(int col) const {
  return std::string(PQgetvalue(result_.get(), row_, col),
                     static_cast<std::size_t>(PQgetlength(result_.get(), row_, col)));
}

// --- the connection ---

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& uri) {
  const std::string name = redact_uri(uri);
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &parse_error);
  if (options == nullptr) {
    std::string why = parse_error != nullptr ? parse_error : "out of memory";
    PQfreemem(parse_error);
    while (!why.empty() && why.back() == '\n') why.pop_back();
    return Unexpected{invalid_input("--db", "not a PostgreSQL connection URI: " + name + " (" + why + ")")};
  }
  PQconninfoFree(options);
  // Defaults the URI may override (it is expanded after them): over TCP, a
  // server that does not answer fails a connection in 5 s and a request in
  // 15 s (tcp_user_timeout), rather than holding a server thread for the
  // system's TCP timeouts; the URI's own application_name wins over ours.
  const char* keywords[] = {"connect_timeout",
                            "tcp_user_timeout",
                            "keepalives_idle",
                            "keepalives_interval",
                            "dbname",
                            "fallback_application_name",
                            nullptr};
  const char* values[] = {"5", "15000", "30", "10", uri.c_str(), "trialwise", nullptr};
  pg_conn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  // The server's notices ("... does not exist, skipping") are not for the user.
  if (conn != nullptr)
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
  std::unique_ptr<PgConnection> db(new PgConnection(conn, name));
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) return Unexpected{db->failure(nullptr)};
  if (auto ok = db->configure(); !ok) return Unexpected{ok.error()};
  return db;
}

PgConnection::~PgConnection() {
  statements_.clear();
  if (conn_ != nullptr) PQfinish(conn_);
}

Result<void> PgConnection::configure() {
  // Every commit waits for the WAL flush (and a synchronous standby, where
  // one is configured), whatever the server's default: nothing acknowledged
  // is lost. Text in UTF-8, as the store writes it.
  return exec("SET synchronous_commit = on; SET client_encoding = 'UTF8'");
}

Result<void> PgConnection::ready() {
  if (PQstatus(conn_) == CONNECTION_OK) return {};
  // Inside a transaction the connection took the transaction with it: fail
  // (the caller rolls back and answers "try again"), never carry on outside it.
  if (in_transaction_) return Unexpected{failure(nullptr)};
  return ensure_open();
}

Result<void> PgConnection::ensure_open() {
  if (PQstatus(conn_) == CONNECTION_OK) return {};
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) return Unexpected{failure(nullptr)};
  ++generation_;  // the server forgot the prepared statements
  return configure();
}

Error PgConnection::failure(const pg_result* r) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = r != nullptr ? PQresultErrorMessage(r) : "";
  if (detail.empty() && conn_ != nullptr) detail = PQerrorMessage(conn_);
  // libpq's messages run over several lines ("...failed\n\tIs the server
  // running...?"): one line, for logs and terminals.
  std::string line;
  for (char c : detail) {
    const bool space = c == '\n' || c == '\t' || c == ' ';
    if (space && (line.empty() || line.back() == ' ')) continue;
    line += space ? ' ' : c;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  detail = std::move(line);
  // No SQLSTATE: libpq's own failure, in practice the connection lost
  // ("server closed the connection unexpectedly"; libpq may not yet call
  // the connection bad): the server went away.
  const std::string sqlstate = state != nullptr ? state : "";
  retry_ = pg_asks_retry(sqlstate);
  return pg_error(sqlstate, detail, name_);
}

Result<PgResult> PgConnection::checked(PgResult r) {
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
  return Unexpected{failure(r.get())};
}

Result<Query> PgConnection::query(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    auto stmt =
        std::make_unique<PgStatement>(*this, "s" + std::to_string(statements_.size() + 1), postgres_parameters(sql));
    it = statements_.emplace(sql, std::move(stmt)).first;
  }
  return Query(*it->second);
}

Result<PgResult> PgConnection::execute(PgStatement& stmt, const std::vector<std::optional<std::string>>& params) {
  if (auto ok = ready(); !ok) return Unexpected{ok.error()};
  if (stmt.prepared_on != generation_) {
    auto prepared = checked(PgResult(PQprepare(conn_, stmt.name().c_str(), stmt.sql().text.c_str(), 0, nullptr)));
    if (!prepared) return Unexpected{prepared.error()};
    stmt.prepared_on = generation_;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return checked(PgResult(
      PQexecPrepared(conn_, stmt.name().c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0)));
}

Result<void> PgConnection::exec(const char* sql) {
  if (auto ok = ready(); !ok) return Unexpected{ok.error()};
  auto r = checked(PgResult(PQexec(conn_, sql)));
  if (!r) return Unexpected{r.error()};
  return {};
}

Result<void> PgConnection::begin_write() {
  // SERIALIZABLE: the checks a write makes before it writes (one active
  // trial, an email not taken) hold at COMMIT however many servers write at
  // once; when they would not, the server says so and the write runs again.
  return begin("BEGIN ISOLATION LEVEL SERIALIZABLE");
}

Result<void> PgConnection::begin_read_committed() { return begin("BEGIN"); }

Result<void> PgConnection::begin(const char* sql) {
  retry_ = false;
  in_transaction_ = false;
  if (auto ok = exec(sql); !ok) return ok;
  in_transaction_ = true;
  return {};
}

Result<void> PgConnection::commit() {
  in_transaction_ = false;
  auto r = checked(PgResult(PQexec(conn_, "COMMIT")));
  if (!r) return Unexpected{r.error()};
  // COMMIT of a transaction that failed part way answers ROLLBACK, not an error.
  if (std::string_view(PQcmdStatus(r->get())) != "COMMIT")
    return Unexpected{io_error(name_, "the database " + name_ + " rolled the change back; nothing was saved")};
  return {};
}

void PgConnection::rollback() {
  in_transaction_ = false;
  const auto state = PQtransactionStatus(conn_);
  if (state == PQTRANS_INTRANS || state == PQTRANS_INERROR) PgResult(PQexec(conn_, "ROLLBACK"));
}

}  // namespace trialwise::store::detail

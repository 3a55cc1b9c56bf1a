// SharingRepository on SQL (the invitations, shares and access_log tables of
// migration 9; SQLite or PostgreSQL, sql.hpp). Behaves as the memory
// repository does (the contract tests run all three); every write is one
// transaction.

#include "sql_repositories.hpp"
#include "sharing_checks.hpp"
#include "trialwise/store/sharing.hpp"

namespace trialwise::store {
namespace detail {
namespace {

using model::AccountId;

const std::string kInvitationColumns = "token_hash, coach_id, created_at, expires_at, accepted_by, accepted_at";
const std::string kShareColumns = "person_id, coach_id, status, review, report, since";
const std::string kAccessColumns = "id, person_id, viewer_id, viewer_role, what, at";

class SqlSharingRepository final : public SharingRepository {
 public:
  explicit SqlSharingRepository(std::unique_ptr<SqlConnection> db) : db_(std::move(db)) {}

  Result<void> create_invitation(const Invitation& invitation) override {
    if (auto ok = check_invitation(invitation); !ok) return ok;
    return in_write_transaction(*db_, [&]() -> Result<void> {
      auto existing = find_invitation(invitation.token_hash);
      if (!existing) return Unexpected{existing.error()};
      if (*existing) return Unexpected{conflict("invitation/token_hash", "an invitation with this token exists")};
      auto q =
          db_->query("INSERT INTO invitations (token_hash, coach_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)");
      if (!q) return Unexpected{q.error()};
      q->bind(1, invitation.token_hash).bind(2, invitation.coach).bind(3, invitation.created_at);
      q->bind(4, invitation.expires_at);
      return q->run();
    });
  }

  Result<std::optional<Invitation>> find_invitation(const std::string& token_hash) override {
    auto q = db_->query("SELECT " + kInvitationColumns + " FROM invitations WHERE token_hash = ?1");
    if (!q) return Unexpected{q.error()};
    q->bind(1, token_hash);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return std::optional<Invitation>();
    return std::optional<Invitation>(read_invitation(*q));
  }

  Result<Share> accept_invitation(const std::string& token_hash, AccountId person, const ShareScopes& scopes,
                                  const std::string& now) override {
    return in_write_transaction(*db_, [&]() -> Result<Share> {
      auto found = find_invitation(token_hash);
      if (!found) return Unexpected{found.error()};
      if (!*found) return Unexpected{invitation_not_found()};
      const Invitation& invitation = **found;
      if (auto ok = check_acceptance(invitation, person, scopes, now); !ok) return Unexpected{ok.error()};
      auto used = db_->query("UPDATE invitations SET accepted_by = ?2, accepted_at = ?3 WHERE token_hash = ?1");
      if (!used) return Unexpected{used.error()};
      used->bind(1, token_hash).bind(2, person).bind(3, now);
      if (auto ok = used->run(); !ok) return Unexpected{ok.error()};
      auto give = db_->query(
          "INSERT INTO shares (person_id, coach_id, status, review, report, since) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
          "ON CONFLICT (person_id, coach_id) DO UPDATE SET status = ?3, review = ?4, report = ?5");
      if (!give) return Unexpected{give.error()};
      give->bind(1, person).bind(2, invitation.coach).bind_bool(3, scopes.status).bind_bool(4, scopes.review);
      give->bind_bool(5, scopes.report).bind(6, now);
      if (auto ok = give->run(); !ok) return Unexpected{ok.error()};
      auto share = find_share(person, invitation.coach);
      if (!share) return Unexpected{share.error()};
      return **share;
    });
  }

  Result<std::vector<Invitation>> invitations_by(AccountId coach) override {
    auto q = db_->query("SELECT " + kInvitationColumns + " FROM invitations WHERE coach_id = ?1 ORDER BY rowid DESC");
    if (!q) return Unexpected{q.error()};
    q->bind(1, coach);
    return rows_of<Invitation>(*q, read_invitation);
  }

  Result<std::optional<Share>> find_share(AccountId person, AccountId coach) override {
    auto q = db_->query("SELECT " + kShareColumns + " FROM shares WHERE person_id = ?1 AND coach_id = ?2");
    if (!q) return Unexpected{q.error()};
    q->bind(1, person).bind(2, coach);
    auto row = q->step();
    if (!row) return Unexpected{row.error()};
    if (!*row) return std::optional<Share>();
    return std::optional<Share>(read_share(*q));
  }

  Result<std::vector<Share>> shares_given(AccountId person) override {
    auto q = db_->query("SELECT " + kShareColumns + " FROM shares WHERE person_id = ?1 ORDER BY id");
    if (!q) return Unexpected{q.error()};
    q->bind(1, person);
    return rows_of<Share>(*q, read_share);
  }

  Result<std::vector<Share>> shares_received(AccountId coach) override {
    auto q = db_->query("SELECT " + kShareColumns + " FROM shares WHERE coach_id = ?1 ORDER BY id");
    if (!q) return Unexpected{q.error()};
    q->bind(1, coach);
    return rows_of<Share>(*q, read_share);
  }

  Result<Share> set_share(AccountId person, AccountId coach, const ShareScopes& scopes) override {
    if (auto ok = check_scopes(scopes); !ok) return Unexpected{ok.error()};
    return in_write_transaction(*db_, [&]() -> Result<Share> {
      auto q =
          db_->query("UPDATE shares SET status = ?3, review = ?4, report = ?5 WHERE person_id = ?1 AND coach_id = ?2");
      if (!q) return Unexpected{q.error()};
      q->bind(1, person).bind(2, coach).bind_bool(3, scopes.status).bind_bool(4, scopes.review);
      q->bind_bool(5, scopes.report);
      if (auto ok = q->run(); !ok) return Unexpected{ok.error()};
      auto share = find_share(person, coach);
      if (!share) return Unexpected{share.error()};
      if (!*share) return Unexpected{share_not_found(coach)};
      return **share;
    });
  }

  Result<void> revoke_share(AccountId person, AccountId coach) override {
    return in_write_transaction(*db_, [&]() -> Result<void> {
      auto q = db_->query("DELETE FROM shares WHERE person_id = ?1 AND coach_id = ?2 RETURNING 1");
      if (!q) return Unexpected{q.error()};
      q->bind(1, person).bind(2, coach);
      auto row = q->step();
      if (!row) return Unexpected{row.error()};
      if (!*row) return Unexpected{share_not_found(coach)};
      return q->run();
    });
  }

  Result<void> record_access(const AccessRecord& record) override {
    if (auto ok = check_access(record); !ok) return ok;
    return in_write_transaction(*db_, [&]() -> Result<void> {
      auto q = db_->query(
          "INSERT INTO access_log (person_id, viewer_id, viewer_role, what, at) VALUES (?1, ?2, ?3, ?4, ?5)");
      if (!q) return Unexpected{q.error()};
      q->bind(1, record.person).bind(2, record.viewer).bind(3, model::to_string(record.viewer_role));
      q->bind(4, record.what).bind(5, record.at);
      return q->run();
    });
  }

  Result<std::vector<AccessRecord>> access_to(AccountId person) override {
    auto q = db_->query("SELECT " + kAccessColumns + " FROM access_log WHERE person_id = ?1 ORDER BY id DESC");
    if (!q) return Unexpected{q.error()};
    q->bind(1, person);
    return rows_of<AccessRecord>(*q, read_access);
  }

  Result<std::vector<AccessRecord>> access_by(AccountId viewer) override {
    auto q = db_->query("SELECT " + kAccessColumns + " FROM access_log WHERE viewer_id = ?1 ORDER BY id DESC");
    if (!q) return Unexpected{q.error()};
    q->bind(1, viewer);
    return rows_of<AccessRecord>(*q, read_access);
  }

  Result<void> forget_account(AccountId id) override {
    return in_write_transaction(*db_, [&]() -> Result<void> {
      for (const char* sql :
           {"DELETE FROM invitations WHERE coach_id = ?1 OR accepted_by = ?1",
            "DELETE FROM shares WHERE person_id = ?1 OR coach_id = ?1", "DELETE FROM access_log WHERE person_id = ?1",
            "UPDATE access_log SET viewer_id = NULL WHERE viewer_id = ?1"}) {
        auto q = db_->query(sql);
        if (!q) return Unexpected{q.error()};
        q->bind(1, id);
        if (auto ok = q->run(); !ok) return ok;
      }
      return {};
    });
  }

 private:
  template <class T, class Read>
  static Result<std::vector<T>> rows_of(Query& q, Read read) {
    std::vector<T> out;
    for (;;) {
      auto row = q.step();
      if (!row) return Unexpected{row.error()};
      if (!*row) return out;
      out.push_back(read(q));
    }
  }

  static Invitation read_invitation(const Query& q) {
    Invitation i{q.text(0), q.int64(1), q.text(2), q.text(3), std::nullopt, ""};
    if (!q.is_null(4)) i.accepted_by = q.int64(4);
    if (!q.is_null(5)) i.accepted_at = q.text(5);
    return i;
  }

  static Share read_share(const Query& q) {
    return Share{q.int64(0), q.int64(1), ShareScopes{q.int64(2) != 0, q.int64(3) != 0, q.int64(4) != 0}, q.text(5)};
  }

  static AccessRecord read_access(const Query& q) {
    AccessRecord r;
    r.id = q.int64(0);
    r.person = q.int64(1);
    if (!q.is_null(2)) r.viewer = q.int64(2);
    // The column's CHECK keeps it one of the three.
    r.viewer_role = model::role_from(q.text(3)).value_or(model::Role::coach);
    r.what = q.text(4);
    r.at = q.text(5);
    return r;
  }

  std::unique_ptr<SqlConnection> db_;
};

}  // namespace

std::unique_ptr<SharingRepository> make_sql_sharing(std::unique_ptr<SqlConnection> db) {
  return std::make_unique<SqlSharingRepository>(std::move(db));
}

}  // namespace detail
}  // namespace trialwise::store

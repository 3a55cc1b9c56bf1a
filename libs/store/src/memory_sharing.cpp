// The reference behaviour of SharingRepository: maps, no I/O. The SQLite
// repository must behave the same way (the contract tests run both).

#include <algorithm>
#include <map>
#include <utility>

#include "sharing_checks.hpp"
#include "trialwise/store/sharing.hpp"

namespace trialwise::store {
namespace {

using model::AccountId;

class MemorySharingRepository final : public SharingRepository {
 public:
  Result<void> create_invitation(const Invitation& invitation) override {
    if (auto ok = detail::check_invitation(invitation); !ok) return ok;
    if (invitations_.count(invitation.token_hash))
      return Unexpected{conflict("invitation/token_hash", "an invitation with this token exists")};
    Invitation saved = invitation;
    saved.accepted_by.reset();
    saved.accepted_at.clear();
    invitations_.emplace(saved.token_hash, std::make_pair(next_++, saved));
    return {};
  }

  Result<std::optional<Invitation>> find_invitation(const std::string& token_hash) override {
    const auto it = invitations_.find(token_hash);
    if (it == invitations_.end()) return std::optional<Invitation>();
    return std::optional<Invitation>(it->second.second);
  }

  Result<Share> accept_invitation(const std::string& token_hash, AccountId person, const ShareScopes& scopes,
                                  const std::string& now) override {
    const auto it = invitations_.find(token_hash);
    if (it == invitations_.end()) return Unexpected{detail::invitation_not_found()};
    auto& invitation = it->second.second;
    if (auto ok = detail::check_acceptance(invitation, person, scopes, now); !ok) return Unexpected{ok.error()};
    invitation.accepted_by = person;
    invitation.accepted_at = now;
    const auto key = std::make_pair(person, invitation.coach);
    auto existing = shares_.find(key);
    if (existing == shares_.end())
      existing = shares_.emplace(key, std::make_pair(next_++, Share{person, invitation.coach, scopes, now})).first;
    existing->second.second.scopes = scopes;
    return existing->second.second;
  }

  Result<std::vector<Invitation>> invitations_by(AccountId coach) override {
    std::vector<std::pair<std::int64_t, Invitation>> found;
    for (const auto& [hash, entry] : invitations_)
      if (entry.second.coach == coach) found.push_back(entry);
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<Invitation> out;
    for (auto& [order, i] : found) out.push_back(std::move(i));
    return out;
  }

  Result<std::optional<Share>> find_share(AccountId person, AccountId coach) override {
    const auto it = shares_.find({person, coach});
    if (it == shares_.end()) return std::optional<Share>();
    return std::optional<Share>(it->second.second);
  }

  Result<std::vector<Share>> shares_given(AccountId person) override {
    return shares_where([&](const Share& s) { return s.person == person; });
  }

  Result<std::vector<Share>> shares_received(AccountId coach) override {
    return shares_where([&](const Share& s) { return s.coach == coach; });
  }

  Result<Share> set_share(AccountId person, AccountId coach, const ShareScopes& scopes) override {
    if (auto ok = detail::check_scopes(scopes); !ok) return Unexpected{ok.error()};
    const auto it = shares_.find({person, coach});
    if (it == shares_.end()) return Unexpected{detail::share_not_found(coach)};
    it->second.second.scopes = scopes;
    return it->second.second;
  }

  Result<void> revoke_share(AccountId person, AccountId coach) override {
    if (!shares_.erase({person, coach})) return Unexpected{detail::share_not_found(coach)};
    return {};
  }

  Result<void> record_access(const AccessRecord& record) override {
    if (auto ok = detail::check_access(record); !ok) return ok;
    AccessRecord saved = record;
    saved.id = static_cast<std::int64_t>(log_.size()) + 1;
    log_.push_back(saved);
    return {};
  }

  Result<std::vector<AccessRecord>> access_to(AccountId person) override {
    return log_where([&](const AccessRecord& r) { return r.person == person; });
  }

  Result<std::vector<AccessRecord>> access_by(AccountId viewer) override {
    return log_where([&](const AccessRecord& r) { return r.viewer == viewer; });
  }

  Result<void> forget_account(AccountId id) override {
    std::erase_if(invitations_,
                  [&](const auto& kv) { return kv.second.second.coach == id || kv.second.second.accepted_by == id; });
    std::erase_if(shares_, [&](const auto& kv) { return kv.first.first == id || kv.first.second == id; });
    std::erase_if(log_, [&](const AccessRecord& r) { return r.person == id; });
    for (auto& r : log_)
      if (r.viewer == id) r.viewer.reset();
    return {};
  }

 private:
  template <typename Keep>
  std::vector<Share> shares_where(Keep keep) const {
    std::vector<std::pair<std::int64_t, Share>> found;
    for (const auto& [key, entry] : shares_)
      if (keep(entry.second)) found.push_back(entry);
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Share> out;
    for (auto& [order, s] : found) out.push_back(std::move(s));
    return out;
  }

  template <typename Keep>
  std::vector<AccessRecord> log_where(Keep keep) const {
    std::vector<AccessRecord> out;
    for (auto it = log_.rbegin(); it != log_.rend(); ++it)
      if (keep(*it)) out.push_back(*it);
    return out;
  }

  // Each entry keeps its order of creation beside it (oldest/newest first).
  std::map<std::string, std::pair<std::int64_t, Invitation>> invitations_;
  std::map<std::pair<AccountId, AccountId>, std::pair<std::int64_t, Share>> shares_;
  std::vector<AccessRecord> log_;
  std::int64_t next_ = 1;
};

}  // namespace

std::unique_ptr<SharingRepository> make_memory_sharing_repository() {
  return std::make_unique<MemorySharingRepository>();
}

}  // namespace trialwise::store

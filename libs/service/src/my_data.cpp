#include "trialwise/service/my_data.hpp"

#include "trialwise/labels/label.hpp"
#include "trialwise/model/trial_json.hpp"
#include "trialwise/service/accounts.hpp"
#include "trialwise/service/consent.hpp"

namespace trialwise::service {
namespace {

boost::json::object access_json(const model::AccessRecord& r) {
  boost::json::value viewer = nullptr;
  if (r.viewer) viewer = *r.viewer;
  return {{"person", r.person},
          {"viewer", std::move(viewer)},
          {"role", std::string(model::to_string(r.viewer_role))},
          {"what", r.what},
          {"at", r.at}};
}

// A trial's record, and every version of each day that was corrected.
Result<boost::json::object> trial_json(store::TrialRepository& repo, const model::ProfileId& profile,
                                       const model::Trial& trial) {
  model::TrialRecord record{trial, {}, {}};
  auto entries = repo.entries(profile, trial.id, std::nullopt, std::nullopt);
  if (!entries) return Unexpected{entries.error()};
  auto amendments = repo.amendments(profile, trial.id);
  if (!amendments) return Unexpected{amendments.error()};
  boost::json::array earlier;
  for (const auto& e : *entries) {
    if (e.version <= 1) continue;
    auto versions = repo.entry_history(profile, trial.id, e.date);
    if (!versions) return Unexpected{versions.error()};
    for (const auto& v : *versions)
      if (v.version != e.version) earlier.push_back(model::entry_json(v));
  }
  record.entries = std::move(*entries);
  record.amendments = std::move(*amendments);
  auto out = model::to_json(record);
  out["earlier_versions"] = std::move(earlier);
  return out;
}

}  // namespace

Result<boost::json::object> my_data(const AccountStores& stores, const model::Account& account) {
  const auto profile = model::profile_of(account.id);
  boost::json::object out{{"format", kMyDataFormat}, {"account", account_json(account)}};

  boost::json::array trials;
  auto listed = stores.trials.list_trials(profile);
  if (!listed) return Unexpected{listed.error()};
  for (const auto& t : *listed) {
    auto one = trial_json(stores.trials, profile, t);
    if (!one) return Unexpected{one.error()};
    trials.push_back(std::move(*one));
  }
  out["trials"] = std::move(trials);

  boost::json::array products;
  if (stores.products) {
    auto imported = stores.products->list_products(profile);
    if (!imported) return Unexpected{imported.error()};
    for (const auto& p : *imported) products.push_back(labels::to_json(p));
  }
  out["products"] = std::move(products);

  boost::json::array given, held;
  auto shares = stores.sharing.shares_given(account.id);
  if (!shares) return Unexpected{shares.error()};
  for (const auto& s : *shares)
    given.push_back(boost::json::object{{"coach", s.coach}, {"share", scopes_json(s.scopes)}, {"since", s.since}});
  auto received = stores.sharing.shares_received(account.id);
  if (!received) return Unexpected{received.error()};
  for (const auto& s : *received)
    held.push_back(boost::json::object{{"person", s.person}, {"share", scopes_json(s.scopes)}, {"since", s.since}});
  out["shares_given"] = std::move(given);
  out["shares_held"] = std::move(held);

  boost::json::array invitations;
  auto made = stores.sharing.invitations_by(account.id);
  if (!made) return Unexpected{made.error()};
  for (const auto& i : *made) {
    boost::json::value by = nullptr;
    if (i.accepted_by) by = *i.accepted_by;
    invitations.push_back(boost::json::object{
        {"created_at", i.created_at}, {"expires_at", i.expires_at}, {"accepted_by", std::move(by)}});
  }
  out["invitations"] = std::move(invitations);

  boost::json::array seen_by_others, seen_of_others;
  auto looks = stores.sharing.access_to(account.id);
  if (!looks) return Unexpected{looks.error()};
  for (const auto& r : *looks) seen_by_others.push_back(access_json(r));
  auto took = stores.sharing.access_by(account.id);
  if (!took) return Unexpected{took.error()};
  for (const auto& r : *took) seen_of_others.push_back(access_json(r));
  out["looks_at_my_data"] = std::move(seen_by_others);
  out["my_looks_at_others"] = std::move(seen_of_others);
  return out;
}

Result<Adopted> adopt_local_data(store::TrialRepository& trials, store::ProductRepository* products,
                                 model::AccountId id) {
  const auto profile = model::profile_of(id);
  Adopted out;
  auto moved = trials.move_profile(model::kLocalProfile, profile);
  if (!moved) return Unexpected{moved.error()};
  out.trials = *moved;
  if (products) {
    auto kept = products->move_profile(model::kLocalProfile, profile);
    if (!kept) return Unexpected{kept.error()};
    out.products = *kept;
  }
  return out;
}

Result<void> delete_account(const AccountStores& stores, model::AccountId id) {
  if (auto exists = stores.accounts.get_account(id); !exists) return Unexpected{exists.error()};
  const auto profile = model::profile_of(id);
  if (auto ok = stores.trials.erase_profile(profile); !ok) return ok;
  if (stores.products) {
    if (auto ok = stores.products->erase_profile(profile); !ok) return ok;
  }
  if (auto ok = stores.sharing.forget_account(id); !ok) return ok;
  return stores.accounts.delete_account(id);
}

}  // namespace trialwise::service

#pragma once

// A person's own data, whole: everything Trialwise holds about an account as
// one JSON document, and deleting the account with every row about it.

#include <boost/json/object.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/account.hpp"
#include "trialwise/store/accounts.hpp"
#include "trialwise/store/products.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/store/sharing.hpp"

namespace trialwise::service {

/// Every store that holds something about an account (borrowed).
struct AccountStores {
  store::TrialRepository& trials;
  store::ProductRepository* products;  // none where the server keeps no products
  store::AccountRepository& accounts;
  store::SharingRepository& sharing;
};

inline constexpr const char* kMyDataFormat = "trialwise-my-data/1";

/// Everything about `account`, format "trialwise-my-data/1": the account
/// (never its password hash), every trial as its
/// record with every saved version of each day, the imported products, the
/// shares given and held, the invitations made, the looks others took at its
/// data and the looks it took at others'.
Result<boost::json::object> my_data(const AccountStores& stores, const model::Account& account);

/// What adopt_local_data moved.
struct Adopted {
  std::size_t trials = 0, products = 0;
};

/// Gives an account the trials and imported products kept before accounts
/// (the local profile of `trialwise serve` without --accounts and of the
/// command line), so that a person who turns accounts on keeps their record.
/// Errc::conflict, moving nothing, when both have a running trial.
Result<Adopted> adopt_local_data(store::TrialRepository& trials, store::ProductRepository* products,
                                 model::AccountId id);

/// Deletes the account and everything about it. The data goes first and the
/// account last, each step its own transaction: a failure part way leaves
/// the account (the person can sign in and delete again, which carries on
/// where it stopped), never data without its account. Looks the account took
/// at others' data stay in their records, no longer naming it.
Result<void> delete_account(const AccountStores& stores, model::AccountId id);

}  // namespace trialwise::service

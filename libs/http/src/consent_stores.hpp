#pragma once

// What the consent, client and my-data routes share: the account and
// sharing stores opened for one request, the signed-in account, and reading
// the ids and choices requests carry. Each fails as the response to send.

#include <memory>
#include <string_view>

#include "context.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/json/fields.hpp"
#include "trialwise/service/consent.hpp"

namespace trialwise::http {

/// The accounts and consent stores of one request, and the use case over them.
class ConsentStores {
 public:
  // The leases own the repositories; moving a lease does not move them.
  ConsentStores(Lease<store::AccountRepository> accounts, Lease<store::SharingRepository> sharing)
      : accounts_(std::move(accounts)), sharing_(std::move(sharing)), consent_(*accounts_, *sharing_) {}

  store::AccountRepository& accounts() { return *accounts_; }
  store::SharingRepository& sharing() { return *sharing_; }
  service::Consent& consent() { return consent_; }

 private:
  Lease<store::AccountRepository> accounts_;
  Lease<store::SharingRepository> sharing_;
  service::Consent consent_;
};

/// Both stores (500 if either cannot be opened, 503 while the database server is away).
Result<ConsentStores, Response> open_consent(const Context& ctx);

/// The path parameter `index` as an account id (404 naming `name` when it is
/// not one: an id that cannot exist is as unknown as one that does not).
Result<model::AccountId, Response> path_account(const Context& ctx, std::size_t index, std::string_view name);

/// The choice in a body's "share" field (["status", "review", "report"]),
/// read last: the body's other fields must be read before (unknown ones are refused)
/// (problems as 400, each named by pointer).
Result<model::ShareScopes, Response> share_choice(json::Fields& f, json::FieldReader& reader);

/// A body that is only {"share": [...]} (accepting signed in, changing a share).
Result<model::ShareScopes, Response> share_body(const Context& ctx);

/// 403 with `why`: the route exists for everyone, this account may not use it.
Response forbidden(const std::string& why);

}  // namespace trialwise::http

#pragma once

// What a route handler receives: the request, the services, and the decoded
// path parameters and query.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trialwise/http/handler.hpp"
#include "trialwise/http/message.hpp"
#include "trialwise/http/services.hpp"
#include "trialwise/model/account.hpp"

namespace trialwise::http {

struct Context {
  const Request& request;
  Services& services;
  std::vector<std::string> params{};                         // the path's {parameters}, in order, percent-decoded
  std::vector<std::pair<std::string, std::string>> query{};  // decoded, in order
  Peer peer{};
  std::optional<model::Account> account{};          // the signed-in account, with accounts on
  model::ProfileId profile = model::kLocalProfile;  // whose data the request acts on

  /// The first query parameter named `key`, if any.
  std::optional<std::string> query_value(std::string_view key) const {
    for (const auto& [k, v] : query)
      if (k == key) return v;
    return std::nullopt;
  }
};

/// A route handler: a response for every outcome, errors included.
using Handler = Response (*)(const Context&);

}  // namespace trialwise::http

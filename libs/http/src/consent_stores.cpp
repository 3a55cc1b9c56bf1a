#include "consent_stores.hpp"

#include <charconv>

#include "body.hpp"
#include "reply.hpp"

namespace trialwise::http {

Result<ConsentStores, Response> open_consent(const Context& ctx) {
  auto accounts = ctx.services.accounts();
  if (!accounts) return Unexpected{store_failure(accounts.error())};
  auto sharing = ctx.services.sharing();
  if (!sharing) return Unexpected{store_failure(sharing.error())};
  return ConsentStores(std::move(*accounts), std::move(*sharing));
}

Result<model::AccountId, Response> path_account(const Context& ctx, std::size_t index, std::string_view name) {
  const std::string& text = ctx.params.at(index);
  model::AccountId id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0)
    return Unexpected{error_reply(not_found("{" + std::string(name) + "}", "no such " + std::string(name)))};
  return id;
}

Result<model::ShareScopes, Response> share_choice(json::Fields& f, json::FieldReader& reader) {
  const auto names = f.strings("share", json::Need::required, 3);
  f.finish();
  if (!reader.ok()) return Unexpected{error_reply(reader.take_problems())};
  auto scopes = service::scopes_from_names(*names, "/share");
  if (!scopes) return Unexpected{error_reply(scopes.error())};
  return *scopes;
}

Result<model::ShareScopes, Response> share_body(const Context& ctx) {
  auto body = json_body(ctx);
  if (!body) return Unexpected{std::move(body).error()};
  auto reader = body_reader();
  json::Fields f(*body, "", reader);
  return share_choice(f, reader);
}

Response forbidden(const std::string& why) { return error_reply(Status::forbidden, "forbidden", refused("", why)); }

}  // namespace trialwise::http

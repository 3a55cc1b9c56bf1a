// The signed-in person's own record: who has seen their data
// (GET /api/v1/me/access-log), everything kept about them as one file
// (GET /api/v1/me/export), and deleting the account (DELETE /api/v1/me,
// with the password again).

#include <boost/beast/http/field.hpp>

#include "body.hpp"
#include "consent_stores.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "session.hpp"
#include "trialwise/service/sign_in.hpp"
#include "trialwise/service/my_data.hpp"

namespace trialwise::http::routes {
namespace {

// Every store about the account, for one request.
struct MyStores {
  ConsentStores consent;
  StoreLease trials;
  Lease<store::ProductRepository> products;

  service::AccountStores view() { return {*trials, products.get(), consent.accounts(), consent.sharing()}; }
};

Result<MyStores, Response> open_mine(const Context& ctx) {
  auto consent = open_consent(ctx);
  if (!consent) return Unexpected{std::move(consent).error()};
  auto trials = ctx.services.store();
  if (!trials) return Unexpected{store_failure(trials.error())};
  auto products = ctx.services.products();
  if (!products) return Unexpected{store_failure(products.error())};
  return MyStores{std::move(*consent), std::move(*trials), std::move(*products)};
}

}  // namespace

Response access_log(const Context& ctx) {
  auto stores = open_consent(ctx);
  if (!stores) return std::move(stores).error();
  auto looks = stores->consent().looks_at(ctx.account->id);
  if (!looks) return error_reply(looks.error());
  boost::json::array list;
  for (const auto& l : *looks) list.push_back(service::look_json(l));
  return json_reply(Status::ok, boost::json::object{{"looks", std::move(list)}});
}

Response export_my_data(const Context& ctx) {
  auto stores = open_mine(ctx);
  if (!stores) return std::move(stores).error();
  auto data = service::my_data(stores->view(), *ctx.account);
  if (!data) return error_reply(data.error());
  auto res = json_reply(Status::ok, *data);
  res.set(boost::beast::http::field::content_disposition,
          "attachment; filename=\"trialwise-account-" + std::to_string(ctx.account->id) + ".json\"");
  return res;
}

Response delete_me(const Context& ctx) {
  auto body = json_body(ctx);
  if (!body) return std::move(body).error();
  auto reader = body_reader();
  json::Fields f(*body, "", reader);
  const auto password = f.string("password", json::Need::required, 1024);
  f.finish();
  if (!reader.ok()) return error_reply(reader.take_problems());
  auto stores = open_mine(ctx);
  if (!stores) return std::move(stores).error();
  // The password again: a session left open on a shared screen must not be
  // enough to erase someone's record (nor to guess the password unthrottled).
  service::SignIn signer(stores->consent.accounts(), ctx.services.throttle(), ctx.services.session_policy());
  if (auto ok = signer.confirm_password(*ctx.account, *password, ctx.peer.address, ctx.services.now()); !ok)
    return password_refused(ok.error(), error_reply(Status::forbidden, "forbidden",
                                                    refused("/password", "wrong password; nothing was deleted")));
  if (auto ok = service::delete_account(stores->view(), ctx.account->id); !ok) return error_reply(ok.error());
  Response res{Status::no_content, 11};
  res.set(boost::beast::http::field::set_cookie, session_cookie("", 0, ctx.peer.tls));
  return res;
}

}  // namespace trialwise::http::routes

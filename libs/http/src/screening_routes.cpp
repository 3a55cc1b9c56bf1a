// Stateless routes: health, the pack, the API's description, assess, plan.

#include <memory>

#include <boost/json/monotonic_resource.hpp>

#include <random>

#include "etag.hpp"
#include "plan_request.hpp"
#include "reply.hpp"
#include "routes.hpp"
#include "body.hpp"
#include "trialwise/assess/report.hpp"
#include "trialwise/http/handler.hpp"
#include "trialwise/service/service.hpp"
#include "running.hpp"

namespace trialwise::http {
Response answer_problems(const std::vector<Error>& problems, std::string_view base) {
  std::vector<Error> named = problems;
  for (auto& p : named) {
    if (p.code == Errc::invalid_input) p.where = std::string(base) + p.where;
  }
  return error_reply(named);
}

Result<PlannedTrial, Response> plan_from_body(const Context& ctx) {
  auto body = json_body(ctx);
  if (!body) return Unexpected{std::move(body).error()};
  auto reader = body_reader();
  json::Fields f(*body, "", reader);
  const auto* answers = f.any("answers", json::Need::required);
  const auto start = f.date("start", json::Need::required);
  assess::PlanChoices choices;
  choices.protocol_id = f.string("protocol");
  choices.outcome_id = f.string("outcome");
  choices.product_name = f.string("product");
  choices.g_per_serving = f.number("g_per_serving");
  choices.active_days = f.integer("days");
  choices.pause_other_products = !f.boolean("keep_other_products").value_or(false);
  const auto* design = f.any("design");
  f.finish();
  if (design != nullptr && !design->is_null()) {
    // {"block_days"?, "blocks", "seed"?}: a randomized block design; the
    // seed (a decimal string) is drawn when absent, and the plan shows it.
    json::Fields d(*design, "/design", reader);
    const int block_days = d.integer("block_days", json::Need::optional, 1, 56).value_or(7);
    const auto blocks = d.integer("blocks", json::Need::required, 2, 40);
    const auto seed = d.string("seed", json::Need::optional, 20);
    d.finish();
    std::uint64_t seed_value = (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
    if (seed) {
      if (seed->empty() || seed->find_first_not_of("0123456789") != std::string::npos || seed->size() > 19)
        reader.fail("/design/seed", "give the seed as a whole number in a string, e.g. \"42\"");
      else
        seed_value = std::stoull(*seed);
    }
    if (blocks) choices.blocks = assess::BlockChoices{.block_days = block_days, .blocks = *blocks, .seed = seed_value};
  }
  if (!reader.ok()) return Unexpected{error_reply(reader.take_problems())};
  choices.start = *start;
  // The person's imported products count, as they do on the command line;
  // a checker keeps none (it opens no store).
  std::optional<Lease<store::ProductRepository>> products;
  if (!ctx.services.checker_only()) {
    auto lease = ctx.services.products();
    if (!lease) return Unexpected{error_reply(lease.error())};
    products.emplace(std::move(*lease));
  }
  const service::Service service(ctx.services.trial_packs(), ctx.services.shared_pack(), nullptr,
                                 products ? products->get() : nullptr, request_profile(ctx));
  auto planned = service.plan(boost::json::value(*answers), choices);
  if (planned) return std::move(*planned);
  auto& no = planned.error();
  if (no.in_answers) return Unexpected{answer_problems(no.problems, "/answers")};
  Error e = no.problems.front();
  if (!no.refused()) return Unexpected{error_reply(e)};  // its pointer names the body's field
  const auto& s = *no.screening;
  auto refusal = assess::refusal_to_json(service.pack(), s.answers, s.assessment, e);
  refusal["error"] = error_json(to_string(e.code), e);
  return Unexpected{json_reply(status_for(e.code), refusal)};
}

namespace routes {

Response healthz(const Context&) { return json_reply(Status::ok, boost::json::object{{"status", "ok"}}); }

// The pack is the same for every reader until the server's pack changes: a
// browser or a CDN may keep it five minutes, then revalidate (304 when the
// ETag still matches).
Response pack(const Context& ctx) {
  const auto& etag = ctx.services.pack_etag();
  Response res;
  const auto if_none_match = ctx.request.find(boost::beast::http::field::if_none_match);
  if (if_none_match != ctx.request.end() && etag_matches(if_none_match->value(), etag))
    res = Response{Status::not_modified, 11};
  else
    res = text_reply(Status::ok, ctx.services.pack_document(), "application/json");
  res.set(boost::beast::http::field::etag, etag);
  res.set(boost::beast::http::field::cache_control, "public, max-age=300");
  return res;
}

Response openapi(const Context&) { return text_reply(Status::ok, std::string(openapi_document()), "application/json"); }

// Memory for one request's parsed body, recycled from request to request on
// a thread (the answer is written straight into its string): the hot
// stateless route then barely touches the allocator. Boost
// 1.81's monotonic_resource needs an initial buffer to be usable after
// release().
struct RequestMemory {
  static constexpr std::size_t kBytes = 64 * 1024;
  std::unique_ptr<unsigned char[]> buffer = std::make_unique<unsigned char[]>(kBytes);
  boost::json::monotonic_resource resource{buffer.get(), kBytes};
};

Response assess(const Context& ctx) {
  thread_local RequestMemory memory;
  memory.resource.release();
  const boost::json::storage_ptr storage(&memory.resource);
  auto body = json_body(ctx, storage);
  if (!body) return std::move(body).error();
  const auto& pack = ctx.services.pack();
  auto s = service::screen(pack, std::move(*body));
  if (!s) return answer_problems(s.error(), "");
  // Written in one pass, not built as an object first (report_test holds the
  // two to the same bytes).
  std::string text;
  text.reserve(4096);
  assess::append_json(text, pack, s->answers, s->assessment, assess::Detail::full);
  return text_reply(Status::ok, std::move(text), "application/json");
}

Response plan(const Context& ctx) {
  auto planned = plan_from_body(ctx);
  if (!planned) return std::move(planned).error();
  const auto& s = planned->screening;
  return json_reply(Status::ok, assess::to_json(ctx.services.pack(), s.answers, s.assessment, planned->plan));
}

}  // namespace routes
}  // namespace trialwise::http

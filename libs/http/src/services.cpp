#include "trialwise/http/services.hpp"

#include <boost/json/serialize.hpp>

#include "etag.hpp"
#include "rate_limit.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::http {
namespace {

// What a web front end needs to build the questionnaire and the log form, as
// the pack writes it: JsonLogic in `applies_if` stays a rule the page can run.
std::string make_pack_document(const pack::Pack& pack, std::string_view text) {
  boost::json::object doc;
  const auto parsed = json::parse(text);
  if (parsed && parsed->is_object()) {
    const auto& p = parsed->as_object();
    for (const char* key : {"format", "pack", "questionnaire", "groups", "outcomes", "side_effects",
                            "side_effect_actions", "red_flags", "protocols", "timing"}) {
      if (const auto* v = p.if_contains(key)) doc[key] = *v;
    }
    // The supplement as in a sentence, for the page's own words ("no glutamine yet").
    if (auto* meta = doc["pack"].if_object()) (*meta)["substance"] = pack.substance();
  } else {  // the pack came from elsewhere than its text: say what it is at least
    doc["pack"] = {
        {"id", pack.id}, {"version", pack.version}, {"supplement", pack.supplement}, {"substance", pack.substance()}};
  }
  return boost::json::serialize(doc);
}

}  // namespace

Services::Services(std::shared_ptr<const pack::Pack> pack, std::string_view pack_text, StoreOpener open_store,
                   Clock today, Limits limits, ProductsOpener open_products)
    : pack_(std::move(pack)),
      trial_packs_(pack_),
      pack_document_(make_pack_document(*pack_, pack_text)),
      pack_etag_(content_etag(pack_document_)),
      trials_(std::move(open_store)),
      products_(std::move(open_products)),
      today_(std::move(today)),
      limits_(limits) {}

void Services::limit_rate(double per_second) { rate_limiter_ = std::make_shared<RateLimiter>(per_second); }

void Services::use_accounts(AccountsOpener open_accounts, SharingOpener open_sharing, service::SessionPolicy sessions,
                            service::ThrottlePolicy throttle) {
  accounts_.open_with(std::move(open_accounts));
  sharing_.open_with(std::move(open_sharing));
  session_policy_ = sessions;
  throttle_ = service::SignInThrottle(throttle);
}

}  // namespace trialwise::http

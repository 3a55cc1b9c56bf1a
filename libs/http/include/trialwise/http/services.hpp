#pragma once

// What request handling needs from the world: the pack, the store, the
// calendar and the limits. One Services serves every worker thread.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/http/pool.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/service/sign_in.hpp"
#include "trialwise/service/trial_pack.hpp"
#include "trialwise/store/accounts.hpp"
#include "trialwise/store/products.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/store/sharing.hpp"

namespace trialwise::http {

/// Bounds on what one request may ask of the server.
struct Limits {
  std::size_t body_bytes = 64 * 1024;   ///< larger bodies: 413
  std::size_t header_bytes = 8 * 1024;  ///< larger request line and headers: 431
  std::size_t json_depth = 64;          ///< deeper JSON bodies: 413 (Errc::limit)
};

/// Opens a repository (e.g. store::open_sqlite on the configured path).
using StoreOpener = std::function<Result<std::unique_ptr<store::TrialRepository>>()>;

/// Opens the product store (e.g. store::open_sqlite_products on the same
/// path). Empty when the server keeps no products: plans count none.
using ProductsOpener = std::function<Result<std::unique_ptr<store::ProductRepository>>()>;

/// Opens the accounts and sessions (store::open_sqlite_accounts on the same
/// path). Set only when the server runs with accounts (serve --accounts).
using AccountsOpener = std::function<Result<std::unique_ptr<store::AccountRepository>>()>;

/// Opens invitations, shares and the access log (store::open_sqlite_sharing
/// on the same path). Set with the accounts.
using SharingOpener = std::function<Result<std::unique_ptr<store::SharingRepository>>()>;

/// Today's date where the person is (e.g. cli::today, which honours
/// TRIALWISE_TODAY). Called once per request that needs it, from any thread.
using Clock = std::function<Result<Date>()>;

class RateLimiter;

/// Checks an --allow-origin value: "https://host[:port]" or "http://...",
/// returned in lower case; no path, no wildcard. Errc::invalid_input at `where`.
Result<std::string> parse_allowed_origin(std::string_view text, const std::string& where);

/// A trial repository lent for one request.
using StoreLease = Lease<store::TrialRepository>;

/// The pack, the store, the clock and the limits. Thread-safe: the pack and
/// its document are immutable, and repositories are pooled so that no
/// connection (e.g. a SQLite handle) is used by two threads at once.
class Services {
 public:
  /// `pack_text` is the JSON the pack was loaded from; GET /api/v1/pack
  /// serves parts of it as written (rules in `applies_if` included).
  Services(std::shared_ptr<const pack::Pack> pack, std::string_view pack_text, StoreOpener open_store, Clock today,
           Limits limits = {}, ProductsOpener open_products = {});
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  const pack::Pack& pack() const { return *pack_; }
  const std::shared_ptr<const pack::Pack>& shared_pack() const { return pack_; }
  /// The pack each trial was planned with (the built-in one for older trials).
  const service::TrialPacks& trial_packs() const { return trial_packs_; }
  /// The questionnaire, outcomes, side effects, red flags, protocols, timing
  /// and disclaimer, as the JSON text of GET /api/v1/pack.
  const std::string& pack_document() const { return pack_document_; }
  /// The pack document's ETag (the same in every process serving this pack).
  const std::string& pack_etag() const { return pack_etag_; }
  const Limits& limits() const { return limits_; }
  /// The port being served, once known (0 before): requests must name it in
  /// their Host (the DNS rebinding guard). Set by the server after binding.
  std::uint16_t served_port() const { return served_port_.load(std::memory_order_relaxed); }
  void serve_on(std::uint16_t port) { served_port_.store(port, std::memory_order_relaxed); }
  /// Names besides loopback ones the server answers to (serve --public-host),
  /// lower case. Set before serving.
  void answer_to(std::vector<std::string> names) { public_names_ = std::move(names); }
  const std::vector<std::string>& public_names() const { return public_names_; }
  /// Trust X-Forwarded-For and X-Forwarded-Proto from loopback peers (a
  /// reverse proxy on this machine): the client's address and whether it
  /// came over TLS are then the proxy's word. Set before serving.
  void trust_proxy(bool on) { trust_proxy_ = on; }
  bool trusts_proxy() const { return trust_proxy_; }
  /// Proxies on other hosts (serve --proxy ADDRESS) whose X-Forwarded-For and
  /// X-Forwarded-Proto are trusted too, by exact address. Set before serving.
  void trust_proxies_at(std::vector<std::string> addresses) { proxy_addresses_ = std::move(addresses); }
  const std::vector<std::string>& proxy_addresses() const { return proxy_addresses_; }
  Result<Date> today() const { return today_(); }

  /// A repository for one request: an idle one from the pool, or a newly
  /// opened one. Fails with the opener's error (e.g. Errc::io).
  Result<StoreLease> store() { return trials_.take(); }

  /// The product store for one request (plans count the products a person
  /// imported), or an empty lease when the server keeps none.
  Result<Lease<store::ProductRepository>> products() { return products_.take(); }

  /// Turns accounts on: every trial route then acts for the signed-in
  /// person, and the session routes answer. Call before serving.
  void use_accounts(AccountsOpener open_accounts, SharingOpener open_sharing, service::SessionPolicy sessions = {},
                    service::ThrottlePolicy throttle = {});
  bool accounts_on() const { return accounts_.can_open(); }
  /// The accounts for one request.
  Result<Lease<store::AccountRepository>> accounts() { return accounts_.take(); }
  /// Invitations, shares and the access log for one request.
  Result<Lease<store::SharingRepository>> sharing() { return sharing_.take(); }
  /// Let anyone create a person account (serve --open-signup); otherwise
  /// people join through a coach's invitation. Set before serving.
  void open_signup(bool on) { open_signup_ = on; }
  bool signup_open() const { return open_signup_; }
  const service::SessionPolicy& session_policy() const { return session_policy_; }
  /// When failed sign-ins slow down (the counts are in the database).
  const service::SignInThrottle& throttle() const { return throttle_; }
  /// A checker (serve --checker): only the stateless routes (health, pack,
  /// assess, plan) and the embed's files exist; no store is ever opened.
  void checker_only(bool on) { checker_only_ = on; }
  bool checker_only() const { return checker_only_; }
  /// Origins whose pages may use the stateless routes and the embed
  /// (serve --allow-origin), as "https://host[:port]" in lower case.
  void allow_origins(std::vector<std::string> origins) { allowed_origins_ = std::move(origins); }
  const std::vector<std::string>& allowed_origins() const { return allowed_origins_; }
  /// At most `per_second` API requests a second from one client address
  /// (serve --rate), a burst of as many; /healthz is never limited.
  void limit_rate(double per_second);
  RateLimiter* rate_limiter() const { return rate_limiter_.get(); }
  /// The time now (sessions expire by it); settable for tests.
  service::Clock::time_point now() const { return now_(); }
  void set_clock(std::function<service::Clock::time_point()> now) { now_ = std::move(now); }

 private:
  std::shared_ptr<const pack::Pack> pack_;
  service::TrialPacks trial_packs_;
  std::string pack_document_;
  std::string pack_etag_;
  Pool<store::TrialRepository> trials_;
  Pool<store::ProductRepository> products_;
  Clock today_;
  Limits limits_;
  Pool<store::AccountRepository> accounts_;
  Pool<store::SharingRepository> sharing_;
  bool open_signup_ = false;
  bool checker_only_ = false;
  std::vector<std::string> allowed_origins_;
  std::shared_ptr<RateLimiter> rate_limiter_;  // shared_ptr: the type stays private to the library
  service::SessionPolicy session_policy_;
  service::SignInThrottle throttle_;
  std::function<service::Clock::time_point()> now_ = [] { return service::Clock::now(); };
  std::atomic<std::uint16_t> served_port_{0};
  std::vector<std::string> public_names_;
  bool trust_proxy_ = false;
  std::vector<std::string> proxy_addresses_;
};

}  // namespace trialwise::http

// Fuzz target: every parser a network reaches, through the request handler.
// The first byte picks what the rest is: the body of one of the routes that
// read a body (answers, plans, a new trial, a day, an amendment, a review to
// record, sign-in, sign-up, joining by invitation, sharing, deleting an
// account), a query string, a request target, or a whole HTTP/1.1 request
// read by the server's parser with its limits. Whatever the bytes, the
// answer is a response: never a crash, a hang, a 500 or a sanitizer report.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>

#include <boost/beast/core/buffers_generator.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "trialwise/http/handler.hpp"
#include "trialwise/http/services.hpp"
#include "trialwise/service/accounts.hpp"
#include "trialwise/service/consent.hpp"
#include "trialwise/service/database.hpp"

namespace {

using namespace trialwise;
namespace bhttp = boost::beast::http;

constexpr const char* kPassword = "correct horse battery staple";

// A database in a folder of its own with a person and a coach, each signed
// in, an invitation, and a running trial for the local profile; one server
// without accounts (the local person) and one with.
struct World {
  std::string folder, person_token, invitation;
  std::optional<service::Database> db;
  std::unique_ptr<http::Services> local, accounts;

  World() {
    std::string pattern = (std::filesystem::temp_directory_path() / "trialwise-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    folder = pattern;
    db = *service::Database::open(folder + "/trialwise.db");
    const auto pack = std::make_shared<const pack::Pack>(*pack::load_pack(pack::builtin_pack_text(), "pack"));
    const auto today = [] { return Date::parse("2026-12-14", "today"); };
    local = std::make_unique<http::Services>(
        pack, pack::builtin_pack_text(), [this] { return db->trials(); }, today, http::Limits{},
        [this] { return db->products(); });
    accounts = std::make_unique<http::Services>(
        pack, pack::builtin_pack_text(), [this] { return db->trials(); }, today, http::Limits{},
        [this] { return db->products(); });
    accounts->use_accounts([this] { return db->accounts(); }, [this] { return db->sharing(); });
    accounts->open_signup(true);

    auto repo = *db->accounts();
    auto coach = *service::Accounts(*repo).add({"coach@example.org", model::Role::coach, kPassword});
    (void)*service::Accounts(*repo).add({"person@example.org", model::Role::person, kPassword});
    service::SignIn signer(*repo, accounts->throttle());
    person_token = signer.sign_in("person@example.org", kPassword, "127.0.0.1", service::Clock::now())->token;
    auto sharing = *db->sharing();
    invitation = service::Consent(*repo, *sharing).invite(coach, service::Clock::now())->token;

    // The local person's running trial, so that days and amendments are
    // saved when the bytes make a valid one.
    std::ifstream answers(TRIALWISE_EXAMPLES_DIR "/runner_in_heat.json");
    const std::string text((std::istreambuf_iterator<char>(answers)), std::istreambuf_iterator<char>());
    const auto started = send(
        *local, bhttp::verb::post, "/api/v1/trial",
        R"({"answers": )" + text + R"(, "start": "2026-12-07", "product": "Powder",)" + R"( "g_per_serving": 5})", "");
    if (started.result() != bhttp::status::created) std::abort();
  }
  ~World() {
    std::error_code ec;
    std::filesystem::remove_all(folder, ec);
  }

  static http::Response send(http::Services& services, bhttp::verb method, std::string target, std::string body,
                             const std::string& token) {
    http::Request req{method, std::move(target), 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::content_type, "application/json");
    if (!token.empty()) req.set(bhttp::field::cookie, "tw_session=" + token);
    req.body() = std::move(body);
    req.prepare_payload();
    return http::handle(req, services, http::Peer{"127.0.0.1"});
  }
};

// A whole request as the server reads it: its parser, its limits.
http::Response parse_and_handle(http::Services& services, std::string_view bytes) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(services.limits().header_bytes));
  parser.body_limit(services.limits().body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
  if (ec || !parser.is_done()) return http::Response{bhttp::status::bad_request, 11};
  return http::handle(parser.get(), services, http::Peer{"127.0.0.1"});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  static World world;
  if (size == 0) return 0;
  const std::string rest(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  auto& local = *world.local;
  auto& accounts = *world.accounts;
  using bhttp::verb;
  const std::string accept = "/api/v1/invitations/" + world.invitation + "/accept";
  http::Response res;
  switch (bytes[0] % 16) {
    case 0: res = World::send(local, verb::post, "/api/v1/assess", rest, ""); break;
    case 1: res = World::send(local, verb::post, "/api/v1/plan", rest, ""); break;
    case 2: res = World::send(local, verb::post, "/api/v1/trial", rest, ""); break;
    case 3: res = World::send(local, verb::put, "/api/v1/trial/days/2026-12-08", rest, ""); break;
    case 4: res = World::send(local, verb::post, "/api/v1/trial/amendments", rest, ""); break;
    case 5: res = World::send(local, verb::post, "/api/v1/trial/review/record", rest, ""); break;
    case 6: res = World::send(accounts, verb::post, "/api/v1/session", rest, ""); break;
    case 7: res = World::send(accounts, verb::post, "/api/v1/accounts", rest, ""); break;
    case 8: res = World::send(accounts, verb::post, accept, rest, ""); break;
    case 9: res = World::send(accounts, verb::post, accept, rest, world.person_token); break;
    case 10: res = World::send(accounts, verb::put, "/api/v1/shares/1", rest, world.person_token); break;
    case 11: res = World::send(accounts, verb::delete_, "/api/v1/me", rest, world.person_token); break;
    case 12: res = World::send(local, verb::get, "/api/v1/trial/days?" + rest, "", ""); break;
    case 13: res = World::send(accounts, verb::get, rest, "", world.person_token); break;
    case 14: res = parse_and_handle(local, rest); break;
    default: res = parse_and_handle(accounts, rest); break;
  }
  if (res.result_int() >= 500) {
    std::fprintf(stderr, "answered %d: %s\n", res.result_int(), res.body().c_str());
    std::abort();
  }
  return 0;
}

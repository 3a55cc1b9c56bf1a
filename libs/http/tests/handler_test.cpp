#include "fixture.hpp"

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <vector>

namespace trialwise::http {
namespace {

using testing::example;
using testing::HandlerTest;
using testing::verb;
namespace bhttp = boost::beast::http;

std::string plan_body(const std::string& answers, const std::string& extra = "") {
  return R"({"answers": )" + answers + R"(, "start": "2026-12-07")" + extra + "}";
}

TEST_F(HandlerTest, HealthzAnswersOk) {
  auto res = call(verb::get, "/healthz");
  EXPECT_EQ(res.result(), bhttp::status::ok);
  EXPECT_EQ(res.body(), R"({"status":"ok"})");
  EXPECT_EQ(res[bhttp::field::content_type], "application/json");
}

TEST_F(HandlerTest, PackCarriesWhatAFormNeeds) {
  auto res = call(verb::get, "/api/v1/pack");
  ASSERT_EQ(res.result(), bhttp::status::ok);
  const auto doc = json(res).as_object();
  for (const char* key : {"pack", "questionnaire", "outcomes", "side_effects", "red_flags", "protocols"})
    EXPECT_TRUE(doc.contains(key)) << key;
  EXPECT_TRUE(doc.at("pack").as_object().contains("disclaimer"));
  bool has_rule = false;
  for (const auto& q : doc.at("questionnaire").as_array()) has_rule = has_rule || q.as_object().contains("applies_if");
  EXPECT_TRUE(has_rule);
  EXPECT_FALSE(doc.contains("safety_rules"));  // what the form needs, not the screen's internals
}

TEST_F(HandlerTest, ThePackCarriesAValidatorAndACachePolicy) {
  auto first = call(verb::get, "/api/v1/pack");
  ASSERT_EQ(first.result(), bhttp::status::ok);
  const std::string etag(first[bhttp::field::etag]);
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(first[bhttp::field::cache_control], "public, max-age=300");

  auto unchanged = get_if_none_match("/api/v1/pack", "\"other\", " + etag);
  EXPECT_EQ(unchanged.result(), bhttp::status::not_modified);
  EXPECT_TRUE(unchanged.body().empty());
  EXPECT_EQ(unchanged[bhttp::field::etag], etag);

  EXPECT_EQ(get_if_none_match("/api/v1/pack", "\"other\"").result(), bhttp::status::ok)
      << "another tag: the whole pack";
  EXPECT_EQ(call(verb::get, "/healthz")[bhttp::field::cache_control], "no-store") << "API answers are not cached";
}

TEST_F(HandlerTest, ACheckerServesOnlyTheStatelessRoutesAndOpensNoStore) {
  services_.checker_only(true);
  store_fails_ = true;  // any store opened would fail the request
  EXPECT_EQ(call(verb::get, "/healthz").result(), bhttp::status::ok);
  EXPECT_EQ(call(verb::get, "/api/v1/pack").result(), bhttp::status::ok);
  EXPECT_EQ(call(verb::post, "/api/v1/assess", example("runner_in_heat")).result(), bhttp::status::ok);
  auto plan = call(verb::post, "/api/v1/plan", plan_body(example("runner_in_heat")));
  EXPECT_EQ(plan.result(), bhttp::status::ok) << plan.body();
  for (const auto& [method, target] : std::vector<std::pair<verb, std::string>>{{verb::get, "/api/v1/trial"},
                                                                                {verb::get, "/api/v1/openapi.json"},
                                                                                {verb::get, "/"},
                                                                                {verb::post, "/api/v1/session"},
                                                                                {verb::get, "/js/app.js"}}) {
    auto res = call(method, target, method == verb::post ? "{}" : "");
    EXPECT_EQ(res.result(), bhttp::status::not_found) << target;
  }
}

// A request from a page on `origin`, as a browser sends it.
Request from(verb method, const std::string& target, const std::string& origin, const std::string& body = "") {
  Request req{method, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::origin, origin);
  if (!body.empty()) {
    req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
  }
  return req;
}

Request preflight_for(const std::string& target, const std::string& origin, const std::string& method,
                      const std::string& headers = "content-type") {
  Request req = from(verb::options, target, origin);
  req.set(bhttp::field::access_control_request_method, method);
  if (!headers.empty()) req.set(bhttp::field::access_control_request_headers, headers);
  return req;
}

// The paths a web module names: its imports ('./x.js', '../x.js') resolved
// against `path`, and the files it fetches by absolute path (fetchText).
std::vector<std::string> files_named_by(const std::string& path, std::string_view source) {
  std::vector<std::string> out;
  const std::string dir = path.substr(0, path.rfind('/') + 1);
  for (const std::string_view opener : {std::string_view{"from '"}, std::string_view{"fetchText('"}}) {
    for (auto at = source.find(opener); at != std::string_view::npos; at = source.find(opener, at + 1)) {
      const auto begin = at + opener.size();
      std::string name(source.substr(begin, source.find('\'', begin) - begin));
      if (name.starts_with("/")) {
        out.push_back(name);
        continue;
      }
      std::string resolved = dir;
      while (name.starts_with("./") || name.starts_with("../")) {
        if (name.starts_with("../")) resolved.erase(resolved.rfind('/', resolved.size() - 2) + 1);
        name.erase(0, name.find('/') + 1);
      }
      out.push_back(resolved + name);
    }
  }
  return out;
}

TEST_F(HandlerTest, ACheckerServesTheEmbedAndEveryFileItLoadsButNotTheApp) {
  services_.checker_only(true);
  services_.allow_origins({"https://news.example.org"});
  std::vector<std::string> pending{"/embed.js"}, seen;
  while (!pending.empty()) {
    const std::string path = pending.back();
    pending.pop_back();
    if (std::find(seen.begin(), seen.end(), path) != seen.end()) continue;
    seen.push_back(path);
    auto res = handle(from(verb::get, path, "https://news.example.org"), services_);
    ASSERT_EQ(res.result(), bhttp::status::ok) << path << " (named by the embed) is not served by a checker";
    EXPECT_EQ(res[bhttp::field::access_control_allow_origin], "https://news.example.org") << path;
    if (path.ends_with(".js"))
      for (auto& named : files_named_by(path, res.body())) pending.push_back(std::move(named));
  }
  EXPECT_GE(seen.size(), 10u) << "embed.js, its modules and both stylesheets";
  EXPECT_NE(std::find(seen.begin(), seen.end(), "/embed/embed.css"), seen.end());
  for (const char* app_only : {"/", "/index.html", "/js/app.js", "/js/pages/check.js", "/js/state.js", "/css/app.css"})
    EXPECT_EQ(call(verb::get, app_only).result(), bhttp::status::not_found) << app_only;
}

TEST_F(HandlerTest, AnAllowedOriginMayUseTheCheckerAndNothingElse) {
  const std::string news = "https://news.example.org", evil = "https://evil.example";
  services_.allow_origins({news});
  auto assessed = handle(from(verb::post, "/api/v1/assess", news, example("runner_in_heat")), services_);
  EXPECT_EQ(assessed.result(), bhttp::status::ok);
  EXPECT_EQ(assessed[bhttp::field::access_control_allow_origin], news);
  EXPECT_EQ(assessed[bhttp::field::vary], "Origin");
  EXPECT_EQ(assessed.find(bhttp::field::access_control_allow_credentials), assessed.end()) << "never credentials";
  EXPECT_EQ(handle(from(verb::get, "/api/v1/pack", news), services_)[bhttp::field::access_control_allow_origin], news);

  auto refused = handle(from(verb::post, "/api/v1/assess", evil, example("runner_in_heat")), services_);
  EXPECT_EQ(refused.result(), bhttp::status::forbidden);
  EXPECT_EQ(refused.find(bhttp::field::access_control_allow_origin), refused.end());
  auto personal = handle(from(verb::put, "/api/v1/trial/days/2026-12-14", news, R"({"outcome": 3})"), services_);
  EXPECT_EQ(personal.result(), bhttp::status::forbidden) << "a person's routes never answer another site";
  EXPECT_EQ(personal.find(bhttp::field::access_control_allow_origin), personal.end());
  auto same_site = call(verb::get, "/api/v1/pack");
  EXPECT_EQ(same_site.find(bhttp::field::access_control_allow_origin), same_site.end()) << "no Origin, no CORS";
}

// A cache in front of the checker must key the pack and the embed's files on
// Origin: an answer kept from a request without one has no
// Access-Control-Allow-Origin, and the publisher's readers would get it.
TEST_F(HandlerTest, EveryAnswerThatMayCarryCorsSaysItVariesByOrigin) {
  const std::string news = "https://news.example.org";
  const auto plain = call(verb::get, "/api/v1/pack");
  EXPECT_EQ(plain.find(bhttp::field::vary), plain.end()) << "without --allow-origin nothing varies";
  services_.allow_origins({news});
  for (const char* path : {"/api/v1/pack", "/embed.js", "/healthz"}) {
    auto none = call(verb::get, path);
    auto refused = handle(from(verb::get, path, "https://evil.example"), services_);
    auto allowed = handle(from(verb::get, path, news), services_);
    for (const auto* res : {&none, &refused, &allowed}) EXPECT_EQ((*res)[bhttp::field::vary], "Origin") << path;
  }
  const std::string etag(call(verb::get, "/api/v1/pack")[bhttp::field::etag]);
  EXPECT_EQ(get_if_none_match("/api/v1/pack", etag)[bhttp::field::vary], "Origin") << "a 304 too";
  EXPECT_EQ(handle(preflight_for("/api/v1/assess", "https://evil.example", "POST"), services_)[bhttp::field::vary],
            "Origin")
      << "a refused preflight too";
  const auto personal = call(verb::get, "/api/v1/trials");
  EXPECT_EQ(personal.find(bhttp::field::vary), personal.end()) << "a person's routes never answer another site";
}

TEST_F(HandlerTest, APreflightIsAnsweredOnlyForAnAllowedOriginMethodAndHeader) {
  const std::string news = "https://news.example.org";
  services_.allow_origins({news});
  auto ok = handle(preflight_for("/api/v1/assess", news, "POST"), services_);
  EXPECT_EQ(ok.result(), bhttp::status::no_content);
  EXPECT_EQ(ok[bhttp::field::access_control_allow_origin], news);
  EXPECT_EQ(ok[bhttp::field::access_control_allow_methods], "GET, POST");
  EXPECT_EQ(ok[bhttp::field::access_control_allow_headers], "Content-Type");
  EXPECT_EQ(ok[bhttp::field::access_control_max_age], "600");
  for (const auto& req :
       {preflight_for("/api/v1/assess", "https://evil.example", "POST"), preflight_for("/api/v1/assess", news, "PUT"),
        preflight_for("/api/v1/assess", news, "POST", "content-type, authorization"),
        preflight_for("/api/v1/trial", news, "GET")}) {
    auto res = handle(req, services_);
    EXPECT_EQ(res.result(), bhttp::status::forbidden) << req.target() << " " << req[bhttp::field::origin];
    EXPECT_EQ(res.find(bhttp::field::access_control_allow_origin), res.end());
  }
}

TEST_F(HandlerTest, ABurstBeyondTheRateGets429UntilATokenComes) {
  auto now = std::chrono::system_clock::time_point{} + std::chrono::hours(500000);
  services_.set_clock([&now] { return now; });
  services_.limit_rate(3);
  const auto get = [&](const std::string& target, const std::string& address) {
    Request req{verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    return handle(req, services_, Peer{address});
  };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(get("/api/v1/pack", "192.0.2.7").result(), bhttp::status::ok) << i;
  auto refused = get("/api/v1/pack", "192.0.2.7");
  EXPECT_EQ(refused.result(), bhttp::status::too_many_requests);
  EXPECT_EQ(refused[bhttp::field::retry_after], "1");
  EXPECT_EQ(error_code(refused), "rate_limited");
  EXPECT_EQ(get("/healthz", "192.0.2.7").result(), bhttp::status::ok) << "the health check is never limited";
  EXPECT_EQ(get("/api/v1/pack", "192.0.2.8").result(), bhttp::status::ok) << "each address has its own bucket";
  now += std::chrono::milliseconds(340);  // one token back at 3 a second
  EXPECT_EQ(get("/api/v1/pack", "192.0.2.7").result(), bhttp::status::ok);
  EXPECT_EQ(get("/api/v1/pack", "192.0.2.7").result(), bhttp::status::too_many_requests);
}

TEST_F(HandlerTest, WithoutARateNothingIsLimited) {
  for (int i = 0; i < 50; ++i) ASSERT_EQ(call(verb::get, "/api/v1/pack").result(), bhttp::status::ok) << i;
}

TEST(AllowedOriginTest, AnOriginIsSchemeHostAndPortOnly) {
  EXPECT_EQ(*parse_allowed_origin("https://News.Example.org", "--allow-origin"), "https://news.example.org");
  EXPECT_EQ(*parse_allowed_origin("http://127.0.0.1:8081", "--allow-origin"), "http://127.0.0.1:8081");
  for (const char* bad : {"*", "https://*.example.org", "news.example.org", "https://", "https://x.org/path",
                          "ftp://x.org", "https://x.org?q", "https://user@x.org"}) {
    auto r = parse_allowed_origin(bad, "--allow-origin");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().where, "--allow-origin");
  }
}

TEST_F(HandlerTest, AssessAnswersExactlyAsTheCommandLineDoes) {
  for (const auto& entry : std::filesystem::directory_iterator(TRIALWISE_GOLDEN_DIR)) {
    const auto name = entry.path().filename().string();
    const auto dot = name.find(".assess.json");
    if (dot == std::string::npos) continue;
    auto res = call(verb::post, "/api/v1/assess", example(name.substr(0, dot)));
    ASSERT_EQ(res.result(), bhttp::status::ok) << name;
    EXPECT_EQ(json(res), *json::parse(testing::read_text(entry.path().string()))) << name;
  }
}

TEST_F(HandlerTest, PlanAnswersAsTheCommandLineDoesAndRefusesWith422) {
  int refused = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TRIALWISE_GOLDEN_DIR)) {
    const auto name = entry.path().filename().string();
    const auto dot = name.find(".plan.json");
    if (dot == std::string::npos) continue;
    auto res =
        call(verb::post, "/api/v1/plan",
             plan_body(example(name.substr(0, dot)), R"(, "product": "Pure L-Glutamine Powder", "g_per_serving": 5)"));
    auto body = json(res).as_object();
    const auto golden = *json::parse(testing::read_text(entry.path().string()));
    if (golden.as_object().contains("refused")) {
      ++refused;
      EXPECT_EQ(res.result(), bhttp::status::unprocessable_entity) << name;
      EXPECT_EQ(body.at("error").at("code").as_string(), "refused") << name;
      EXPECT_EQ(res.body().find("dose_g"), std::string::npos) << name << ": a refusal shows a dose";
      body.erase("error");
    } else {
      EXPECT_EQ(res.result(), bhttp::status::ok) << name;
    }
    EXPECT_EQ(boost::json::value(body), golden) << name;
  }
  EXPECT_GT(refused, 0);
}

TEST_F(HandlerTest, AssessNamesEveryBadAnswer) {
  auto res = call(verb::post, "/api/v1/assess", R"({"age": 150, "pregnnat": false})");
  ASSERT_EQ(res.result(), bhttp::status::bad_request);
  const auto error = json(res).at("error");
  EXPECT_EQ(error.at("code").as_string(), "invalid_input");
  EXPECT_EQ(error.at("where").as_string(), "/age");
  bool names_misspelt = false;
  for (const auto& p : error.at("problems").as_array()) names_misspelt = names_misspelt || p.at("where") == "/pregnnat";
  EXPECT_TRUE(names_misspelt);
}

TEST_F(HandlerTest, PlanNamesBadFieldsAndChoicesByPointer) {
  auto res = call(verb::post, "/api/v1/plan", R"({"answers": {"age": 150}, "start": "2026-12-07"})");
  EXPECT_EQ(res.result(), bhttp::status::bad_request);
  EXPECT_EQ(error_where(res), "/answers/age");
  res = call(verb::post, "/api/v1/plan", R"({"answers": {}, "start": "7 Dec", "dayz": 3})");
  EXPECT_EQ(res.result(), bhttp::status::bad_request);
  EXPECT_EQ(error_where(res), "/start");
  EXPECT_EQ(json(res).at("error").at("problems").as_array().size(), 2u);
  res = call(verb::post, "/api/v1/plan", plan_body(example("runner_in_heat"), R"(, "protocol": "megadose")"));
  EXPECT_EQ(res.result(), bhttp::status::bad_request);
  EXPECT_EQ(error_where(res), "/protocol");
  res = call(verb::post, "/api/v1/plan", plan_body(example("runner_in_heat"), R"(, "days": "many")"));
  EXPECT_EQ(error_where(res), "/days");
}

TEST_F(HandlerTest, MalformedJsonIs400WithItsPosition) {
  auto res = call(verb::post, "/api/v1/assess", R"({"age": )");
  EXPECT_EQ(res.result(), bhttp::status::bad_request);
  EXPECT_EQ(error_code(res), "invalid_input");
  EXPECT_EQ(error_where(res).rfind("line 1, column", 0), 0u);
}

TEST_F(HandlerTest, AnAnswerGivenTwiceIs400NotAGuess) {
  // Either order: a reader that kept one of them would screen on a guess.
  const std::string answers = example("runner_in_heat");
  const auto at = answers.find(R"("pregnant": false)");
  ASSERT_NE(at, std::string::npos);
  for (const char* twice : {R"("pregnant": true, "pregnant": false)", R"("pregnant": false, "pregnant": true)"}) {
    const std::string body = std::string(answers).replace(at, std::string_view(R"("pregnant": false)").size(), twice);
    for (const auto& [target, sent] : {std::pair{"/api/v1/assess", body}, std::pair{"/api/v1/plan", plan_body(body)}}) {
      auto res = call(verb::post, target, sent);
      EXPECT_EQ(res.result(), bhttp::status::bad_request) << target << " " << twice;
      EXPECT_EQ(error_code(res), "invalid_input");
      EXPECT_EQ(json(res).at("error").at("message").as_string(),
                "the body is ambiguous JSON: the member \"pregnant\" is given twice in one object");
      EXPECT_EQ(error_where(res).rfind("line ", 0), 0u);
    }
  }
}

TEST_F(HandlerTest, JsonNestedPastTheLimitIs413) {
  const auto depth = services_.limits().json_depth + 1;
  auto res = call(verb::post, "/api/v1/assess", std::string(depth, '[') + std::string(depth, ']'));
  EXPECT_EQ(res.result(), bhttp::status::payload_too_large);
  EXPECT_EQ(error_code(res), "limit");
}

TEST_F(HandlerTest, BodyOverTheLimitIs413) {
  auto res = call(verb::post, "/api/v1/assess", std::string(services_.limits().body_bytes + 1, ' '));
  EXPECT_EQ(res.result(), bhttp::status::payload_too_large);
  EXPECT_EQ(error_code(res), "limit");
}

TEST_F(HandlerTest, NonJsonContentTypeIs415) {
  auto res = call(verb::post, "/api/v1/assess", example("runner_in_heat"), "application/x-www-form-urlencoded");
  EXPECT_EQ(res.result(), bhttp::status::unsupported_media_type);
  EXPECT_EQ(error_code(res), "unsupported_media_type");
  EXPECT_EQ(error_where(res), "Content-Type");
  res = call(verb::post, "/api/v1/assess", example("runner_in_heat"), "Application/JSON; charset=utf-8");
  EXPECT_EQ(res.result(), bhttp::status::ok);
}

TEST_F(HandlerTest, UnknownRouteIs404) {
  for (const char* target : {"/api/v1/nope", "/healthz/", "/api/v1/trial/days/2026-12-08/history/x"}) {
    auto res = call(verb::get, target);
    EXPECT_EQ(res.result(), bhttp::status::not_found) << target;
    EXPECT_EQ(error_code(res), "not_found") << target;
  }
}

TEST_F(HandlerTest, WrongMethodIs405WithAllow) {
  auto res = call(verb::delete_, "/api/v1/trial");
  EXPECT_EQ(res.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(res[bhttp::field::allow], "POST, GET, HEAD");
  EXPECT_EQ(error_code(res), "method_not_allowed");
  res = call(verb::get, "/api/v1/assess");
  EXPECT_EQ(res[bhttp::field::allow], "POST");
  res = call(verb::head, "/api/v1/assess");
  EXPECT_EQ(res.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(res[bhttp::field::allow], "POST");
  EXPECT_TRUE(res.body().empty()) << "no body in an answer to HEAD, even an error";
}

TEST_F(HandlerTest, HeadAnswersAsGetWithoutTheBody) {
  for (const char* target : {"/healthz", "/api/v1/pack", "/api/v1/openapi.json", "/api/v1/trials"}) {
    const auto get = call(verb::get, target);
    const auto head = call(verb::head, target);
    EXPECT_EQ(head.result(), get.result()) << target;
    EXPECT_TRUE(head.body().empty()) << target;
    EXPECT_EQ(head[bhttp::field::content_length], std::to_string(get.body().size())) << target;
    EXPECT_EQ(head[bhttp::field::content_type], get[bhttp::field::content_type]) << target;
    EXPECT_EQ(head[bhttp::field::etag], get[bhttp::field::etag]) << target;
  }
  auto res = call(verb::head, "/api/v1/nope");
  EXPECT_EQ(res.result(), bhttp::status::not_found);
  EXPECT_TRUE(res.body().empty());
}

TEST_F(HandlerTest, AStoreThatCannotOpenIs500) {
  store_fails_ = true;
  auto res = call(verb::get, "/api/v1/trials");
  EXPECT_EQ(res.result(), bhttp::status::internal_server_error);
  EXPECT_EQ(error_code(res), "io");
}

TEST_F(HandlerTest, ADatabaseServerAwayIs503WithRetryAfter) {
  database_away_ = true;
  auto res = call(verb::get, "/api/v1/trials");
  EXPECT_EQ(res.result(), bhttp::status::service_unavailable);
  EXPECT_EQ(error_code(res), "unavailable");
  EXPECT_EQ(res[bhttp::field::retry_after], "2");
  EXPECT_EQ(res.body().find("postgresql"), std::string::npos) << "the answer names no database";
  database_away_ = false;
  EXPECT_EQ(call(verb::get, "/api/v1/trials").result(), bhttp::status::ok);
}

TEST_F(HandlerTest, AnUnexpectedExceptionIs500) {
  Services throwing{testing::builtin_pack(), pack::builtin_pack_text(), store::make_memory_repository,
                    []() -> Result<Date> { throw std::runtime_error("clock on fire"); }};
  Request req{verb::get, "/api/v1/trial", 11};
  req.set(boost::beast::http::field::host, "127.0.0.1");
  auto res = handle(req, throwing);
  EXPECT_EQ(res.result(), bhttp::status::internal_server_error);
  EXPECT_EQ(error_code(res), "internal");
}

TEST_F(HandlerTest, ResponsesFollowTheRequestsVersionAndKeepAlive) {
  Request req{verb::get, "/healthz", 10};
  auto res = handle(req, services_);
  EXPECT_EQ(res.version(), 10u);
  EXPECT_FALSE(res.keep_alive());
  Request req11{verb::get, "/healthz", 11};
  req11.set(bhttp::field::host, "127.0.0.1");
  res = handle(req11, services_);
  EXPECT_TRUE(res.keep_alive());
  EXPECT_EQ(res[bhttp::field::content_length], "15");
}

}  // namespace
}  // namespace trialwise::http

#include "fixture.hpp"

#include <string>

#include "static_routes.hpp"
#include "trialwise/web/assets.hpp"

namespace trialwise::http {
namespace {

using testing::HandlerTest;
using testing::verb;
namespace bhttp = boost::beast::http;

using StaticRoutesTest = HandlerTest;

TEST_F(StaticRoutesTest, RootServesTheAppWithStrictHeaders) {
  auto res = call(verb::get, "/");
  ASSERT_EQ(res.result(), bhttp::status::ok);
  EXPECT_EQ(res[bhttp::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(res.body(), web::find_asset("/index.html")->body);
  EXPECT_EQ(res["Content-Security-Policy"], kWebAppPolicy);
  EXPECT_EQ(std::string(res["Content-Security-Policy"]).find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(res[bhttp::field::cache_control], "no-cache");
  EXPECT_FALSE(res[bhttp::field::etag].empty());
}

TEST_F(StaticRoutesTest, EveryFileIsServedWithItsContentType) {
  ASSERT_FALSE(web::assets().empty());
  for (const auto& asset : web::assets()) {
    auto res = call(verb::get, std::string(asset.path));
    EXPECT_EQ(res.result(), bhttp::status::ok) << asset.path;
    EXPECT_EQ(res[bhttp::field::content_type], asset.content_type) << asset.path;
    EXPECT_EQ(res.body(), asset.body) << asset.path;
  }
  EXPECT_EQ(call(verb::get, "/js/app.js")[bhttp::field::content_type], "text/javascript; charset=utf-8");
}

TEST_F(StaticRoutesTest, MatchingETagGetsNotModifiedWithNoBody) {
  const auto etag = std::string(web::find_asset("/js/app.js")->etag);
  auto res = get_if_none_match("/js/app.js", "\"other\", " + etag);
  EXPECT_EQ(res.result(), bhttp::status::not_modified);
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(res[bhttp::field::etag], etag);
}

TEST_F(StaticRoutesTest, OtherMethodsAreNotAllowed) {
  auto res = call(verb::post, "/index.html", "{}");
  EXPECT_EQ(res.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(res[bhttp::field::allow], "GET, HEAD");
  EXPECT_EQ(error_where(res), "/index.html");
}

TEST_F(StaticRoutesTest, HeadGivesTheFieldsOfGetWithoutTheBody) {
  const auto get = call(verb::get, "/index.html");
  const auto head = call(verb::head, "/index.html");
  ASSERT_EQ(head.result(), bhttp::status::ok);
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(head[bhttp::field::content_length], std::to_string(get.body().size()));
  EXPECT_EQ(head[bhttp::field::etag], get[bhttp::field::etag]);
  EXPECT_EQ(head["Content-Security-Policy"], get["Content-Security-Policy"]);
}

TEST_F(StaticRoutesTest, UnknownPathsStayJsonNotFound) {
  for (const char* target : {"/nope.js", "/js/../index.html", "/%2e%2e/etc/passwd", "/api/v1/nope", "/index.html/"}) {
    auto res = call(verb::get, target);
    EXPECT_EQ(res.result(), bhttp::status::not_found) << target;
    EXPECT_EQ(error_code(res), "not_found") << target;
  }
}

TEST_F(StaticRoutesTest, ApiAnswersKeepNoStore) {
  EXPECT_EQ(call(verb::get, "/healthz")[bhttp::field::cache_control], "no-store");
}

}  // namespace
}  // namespace trialwise::http

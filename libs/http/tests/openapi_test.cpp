#include "fixture.hpp"

#include <set>

#include "trialwise/core/text.hpp"

namespace trialwise::http {
namespace {

using testing::verb;
namespace bhttp = boost::beast::http;

TEST(OpenApiTest, DescribesExactlyTheRoutesTheServerDispatches) {
  auto doc = json::parse(openapi_document());
  ASSERT_TRUE(doc) << to_string(doc.error());
  EXPECT_EQ(doc->at("openapi").as_string().subview().substr(0, 4), "3.1.");
  std::set<std::string> documented, dispatched;
  for (const auto& path : doc->at("paths").as_object()) {
    for (const auto& op : path.value().as_object()) {
      if (op.key() == "parameters" || op.key() == "summary" || op.key() == "description") continue;
      documented.insert(ascii_lower(op.key()) + " " + std::string(path.key()));
    }
  }
  for (const auto& r : route_table())
    dispatched.insert(ascii_lower(bhttp::to_string(r.method)) + " " + std::string(r.path));
  EXPECT_EQ(documented, dispatched);
}

using OpenApiRouteTest = testing::HandlerTest;

TEST_F(OpenApiRouteTest, IsServedAsJson) {
  auto res = call(verb::get, "/api/v1/openapi.json");
  EXPECT_EQ(res.result(), bhttp::status::ok);
  EXPECT_EQ(res[bhttp::field::content_type], "application/json");
  EXPECT_EQ(res.body(), openapi_document());
}

}  // namespace
}  // namespace trialwise::http

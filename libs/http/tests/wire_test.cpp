#include <gtest/gtest.h>

#include <sstream>

#include <boost/beast/http/write.hpp>

#include "wire.hpp"

namespace trialwise::http {
namespace {

namespace bhttp = boost::beast::http;

// What Beast's serializer sends for `res`: the bytes the server sent before
// it wrote responses itself.
std::string beast_bytes(const Response& res) {
  std::ostringstream os;
  os << res;
  return os.str();
}

std::string our_bytes(const Response& res) {
  std::string out;
  append_head(out, res);
  return out + res.body();
}

Response response(bhttp::status status, unsigned version, std::string body) {
  Response res{status, version};
  res.set(bhttp::field::server, "trialwise");
  res.set(bhttp::field::content_type, "application/json");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

TEST(WireTest, WritesTheHeadAsBeastsSerializerDoes) {
  std::vector<Response> cases;
  cases.push_back(response(bhttp::status::ok, 11, R"({"status":"ok"})"));
  // Fields of every kind the server sets, and one it does not know by name.
  Response cors = response(bhttp::status::ok, 11, std::string(3000, 'x'));
  cors.set(bhttp::field::access_control_allow_origin, "https://news.example");
  cors.set(bhttp::field::vary, "Origin");
  cors.set(bhttp::field::etag, "\"abc\"");
  cors.set(bhttp::field::cache_control, "public, max-age=300");
  cors.set("X-Custom-Field", "value with spaces");
  cases.push_back(std::move(cors));
  // An empty body, a refusal that closes, HTTP/1.0, and a status with a
  // reason phrase Beast knows only by number.
  cases.push_back(response(bhttp::status::not_modified, 11, ""));
  Response closing = response(bhttp::status::too_many_requests, 11, R"({"error":{}})");
  closing.set(bhttp::field::retry_after, "1");
  closing.keep_alive(false);
  cases.push_back(std::move(closing));
  cases.push_back(response(bhttp::status::bad_request, 10, "{}"));
  Response odd{static_cast<bhttp::status>(299), 11};
  odd.prepare_payload();
  cases.push_back(std::move(odd));

  for (const auto& res : cases) {
    EXPECT_EQ(our_bytes(res), beast_bytes(res)) << res.result_int();
  }
  // Not trivially so: the head names the status and each field.
  std::string head;
  append_head(head, cases[3]);
  EXPECT_EQ(head.rfind("HTTP/1.1 429 Too Many Requests\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("\r\nConnection: close\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");
}

}  // namespace
}  // namespace trialwise::http

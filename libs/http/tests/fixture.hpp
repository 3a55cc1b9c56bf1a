#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <boost/beast/http/field.hpp>

#include "trialwise/http/handler.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/test_support/answers.hpp"

namespace trialwise::http::testing {

namespace bhttp = boost::beast::http;
using bhttp::verb;

inline std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

inline std::string example(const std::string& name) {
  return read_text(std::string(TRIALWISE_EXAMPLES_DIR) + "/" + name + ".json");
}

inline std::shared_ptr<const pack::Pack> builtin_pack() { return test_support::shared_shipped(); }

/// Services over the built-in pack, memory repositories (the pool keeps the
/// one a test's sequential requests share) and a settable "today".
class HandlerTest : public ::testing::Test {
 protected:
  Response call(verb method, const std::string& target, const std::string& body = "",
                const std::string& content_type = "application/json") {
    Request req{method, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty() || method == verb::post || method == verb::put) {
      req.set(bhttp::field::content_type, content_type);
      req.body() = body;
      req.prepare_payload();
    }
    return handle(req, services_);
  }
  /// A conditional GET: If-None-Match lists `tags`.
  Response get_if_none_match(const std::string& target, const std::string& tags) {
    Request req{verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::if_none_match, tags);
    return handle(req, services_);
  }
  static boost::json::value json(const Response& res) { return *json::parse(res.body()); }
  static std::string error_where(const Response& res) {
    return std::string(json(res).at("error").at("where").as_string());
  }
  static std::string error_code(const Response& res) {
    return std::string(json(res).at("error").at("code").as_string());
  }

  std::string today_ = "2026-12-14";
  bool store_fails_ = false;
  bool database_away_ = false;  // the PostgreSQL server restarting
  Services services_{builtin_pack(), pack::builtin_pack_text(),
                     [this]() -> Result<std::unique_ptr<store::TrialRepository>> {
                       if (store_fails_) return Unexpected{io_error("test.db", "disk I/O error")};
                       if (database_away_)
                         return Unexpected{unavailable("postgresql://clinic:***@db/trialwise", "connection refused")};
                       return store::make_memory_repository();
                     },
                     [this] { return Date::parse(today_, "today"); }};
};

}  // namespace trialwise::http::testing

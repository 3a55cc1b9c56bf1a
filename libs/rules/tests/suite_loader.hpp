#pragma once

// Reads test suites in the format of the shared JsonLogic conformance suite:
// a JSON array of section headings (strings) and [rule, data, expected] cases.

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

namespace trialwise::rules::testing {

struct SuiteCase {
  std::string section;
  boost::json::value rule;
  boost::json::value data;
  boost::json::value expected;
};

inline std::vector<SuiteCase> load_suite(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot open " + path;
    return {};
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto parsed = json::parse(buffer.str());
  if (!parsed || !parsed->is_array()) {
    error = path + " is not a JSON array";
    return {};
  }
  std::vector<SuiteCase> cases;
  std::string section;
  for (const auto& item : parsed->get_array()) {
    if (item.is_string()) {
      section = std::string(item.get_string());
    } else if (item.is_array() && item.get_array().size() == 3) {
      const auto& a = item.get_array();
      cases.push_back({section, a[0], a[1], a[2]});
    }
  }
  return cases;
}

/// Structural JSON equality with all numbers compared as doubles, since
/// JavaScript has only one number type.
inline bool json_equal(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const auto &x = a.get_array(), &y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!json_equal(x[i], y[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const auto &x = a.get_object(), &y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& [k, v] : x) {
      auto it = y.find(k);
      if (it == y.end() || !json_equal(v, it->value())) return false;
    }
    return true;
  }
  return a == b;
}

/// Compiles and evaluates one case; returns what went wrong, or nothing.
inline std::optional<std::string> run_case(const Engine& engine, const SuiteCase& c) {
  auto rule = engine.compile(c.rule);
  if (!rule) {
    return "[" + c.section + "] rule " + json::to_text(c.rule) + " did not compile: " + to_string(rule.error());
  }
  auto result = rule->evaluate(c.data);
  if (result && json_equal(*result, c.expected)) return std::nullopt;
  return "[" + c.section + "] rule " + json::to_text(c.rule) + "\n  data     " + json::to_text(c.data) +
         "\n  expected " + json::to_text(c.expected) + "\n  got      " +
         (result ? json::to_text(*result) : "error: " + to_string(result.error()));
}

}  // namespace trialwise::rules::testing

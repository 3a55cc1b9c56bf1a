#pragma once

// Reads typed fields out of pack JSON while collecting every problem, each
// located by file and JSON pointer, instead of stopping at the first.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/pack/pack.hpp"

namespace trialwise::pack::detail {

/// "ptr/key", with RFC 6901 escaping of the key.
std::string child(const std::string& pointer, std::string_view key);
std::string child(const std::string& pointer, std::size_t index);

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void fail(const std::string& pointer, std::string message, Errc code = Errc::invalid_input);
  Problems take_problems() { return std::move(problems_); }
  bool ok() const { return problems_.empty(); }

  /// `v` as an object, or a problem at `pointer`.
  const boost::json::object* object(const boost::json::value& v, const std::string& pointer);
  /// Flags every key of `o` not in `allowed`.
  void only_keys(const boost::json::object& o, const std::string& pointer,
                 std::initializer_list<std::string_view> allowed);

  /// A member, or nullptr; a missing required member is a problem.
  const boost::json::value* member(const boost::json::object& o, const std::string& pointer, std::string_view key,
                                   bool required);

  std::string text(const boost::json::object& o, const std::string& pointer, std::string_view key,
                   bool required = true);
  std::optional<double> number(const boost::json::object& o, const std::string& pointer, std::string_view key,
                               bool required, double min, double max);
  std::optional<int> integer(const boost::json::object& o, const std::string& pointer, std::string_view key,
                             bool required, int min, int max);
  bool boolean(const boost::json::object& o, const std::string& pointer, std::string_view key, bool fallback);
  std::vector<std::string> texts(const boost::json::object& o, const std::string& pointer, std::string_view key,
                                 bool required);

  /// Calls f(object, pointer) for each object of the array member `key`.
  template <class F>
  void each(const boost::json::object& o, const std::string& pointer, std::string_view key, bool required, F f) {
    const auto* v = member(o, pointer, key, required);
    if (!v) return;
    const std::string p = child(pointer, key);
    if (!v->is_array()) {
      fail(p, "expected an array");
      return;
    }
    for (std::size_t i = 0; i < v->get_array().size(); ++i) {
      const std::string item = child(p, i);
      if (const auto* obj = object(v->get_array()[i], item)) f(*obj, item);
    }
  }

  /// The object's `source` (with `reason` and `quote`), checked against the
  /// article's sections.
  Source source(const boost::json::object& o, const std::string& pointer, const std::vector<std::string>& sections);

 private:
  std::string file_;
  Problems problems_;
};

}  // namespace trialwise::pack::detail

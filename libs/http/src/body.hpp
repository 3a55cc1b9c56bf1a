#pragma once

// Reading JSON request bodies: the content type, the parse (bounded in
// depth), and the fields of an object, each problem named by its JSON
// pointer.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "context.hpp"
#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"

namespace trialwise::http {

/// The body as JSON: 415 unless the Content-Type is application/json (any
/// parameters, such as charset, allowed); 400 when it is not valid JSON
/// (`where` "line L, column C"); 413 when it is nested deeper than the
/// limit. The failure is the response to send.
/// Memory comes from `storage` (the heap by default).
Result<boost::json::value, Response> json_body(const Context& ctx, boost::json::storage_ptr storage = {});

/// The fields of one JSON object, read by name. Each read checks the type
/// (and range, where given) and records a problem naming the field's JSON
/// pointer; `null` counts as absent. After the reads, finish() records every
/// field that was not read as unknown, so a misspelt field cannot pass
/// silently.
class Fields {
 public:
  /// `base` is the pointer of the object ("" for the body itself).
  Fields(const boost::json::value& value, std::string base = "");

  /// The raw value, or nullptr when absent.
  const boost::json::value* any(std::string_view key, bool required = false);
  std::optional<std::string> string(std::string_view key, bool required = false, std::size_t max_bytes = 200);
  /// A finite number within [min, max].
  std::optional<double> number(std::string_view key, bool required = false, double min = -1e300, double max = 1e300);
  /// A whole number within [min, max].
  std::optional<int> integer(std::string_view key, bool required = false, int min = -1'000'000, int max = 1'000'000);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  /// "YYYY-MM-DD".
  std::optional<Date> date(std::string_view key, bool required = false);
  /// An object whose values are whole numbers within [min, max].
  std::optional<std::map<std::string, int>> integers(std::string_view key, int min, int max);
  /// An array of strings.
  std::optional<std::vector<std::string>> strings(std::string_view key, std::size_t max_items = 50);

  /// Records the unknown fields and returns every problem found.
  std::vector<Error> finish();

  /// The pointer of field `key` under this object.
  std::string pointer(std::string_view key) const;

 private:
  void problem(std::string where, std::string message);

  const boost::json::object* object_ = nullptr;
  std::string base_;
  std::vector<std::string> read_;
  std::vector<Error> problems_;
};

}  // namespace trialwise::http

#pragma once

// Reads typed fields out of pack JSON with the JSON library's field reader,
// so every problem is located by file and JSON pointer and worded as
// everywhere else; adds what only a pack has: text that must not be empty
// and the source of each figure.

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/json/fields.hpp"
#include "trialwise/pack/pack.hpp"

namespace trialwise::pack::detail {

using json::child;
using json::Need;

class Reader : public json::FieldReader {
 public:
  explicit Reader(const std::string& file) : FieldReader(file + "#") {}

  /// The text, or "" when absent or wrong (the problem recorded); required
  /// text must not be empty.
  std::string text(const boost::json::object& o, std::string_view pointer, std::string_view key, bool required = true) {
    return string(o, pointer, key, required ? Need::required : Need::optional).value_or("");
  }
  /// A list of text; a required one must not be empty.
  std::vector<std::string> texts(const boost::json::object& o, std::string_view pointer, std::string_view key,
                                 bool required) {
    return strings(o, pointer, key, required ? Need::required : Need::optional).value_or(std::vector<std::string>{});
  }
  /// true or false, `fallback` when absent or wrong.
  bool flag(const boost::json::object& o, std::string_view pointer, std::string_view key, bool fallback) {
    return boolean(o, pointer, key, Need::optional).value_or(fallback);
  }

  /// The object's `source` (with `reason` and `quote`), checked against the
  /// article's sections.
  Source source(const boost::json::object& o, const std::string& pointer, const std::vector<std::string>& sections);
};

}  // namespace trialwise::pack::detail

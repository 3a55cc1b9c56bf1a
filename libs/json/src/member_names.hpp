#pragma once

// Refusing a member named twice in one object. {"pregnant": false,
// "pregnant": true} is valid JSON whose meaning depends on the reader (Boost
// and JSON.parse keep the last); an answer must not be settled that way.
// MemberNames is the parser's quick check: a hash of each name, compared
// within its object; a match is only a suspicion. find_duplicate_member reads
// the text again with the names themselves and says which and where.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialwise/core/error.hpp"

namespace trialwise::json::detail {

class MemberNames {
 public:
  void clear() noexcept;
  void open_object() { starts_.push_back(hashes_.size()); }
  void close_object();
  /// A name that basic_parser hands over in parts (escapes, or split input).
  void add_part(std::string_view part) { parts_.append(part); }
  void add(std::string_view last);
  /// Whether two names of one object hashed alike.
  bool suspect() const noexcept { return suspect_; }

 private:
  // Up to this many names an object is checked name by name; a larger one
  // is sorted when it closes, so that no object costs quadratic time.
  static constexpr std::size_t kLinear = 32;
  std::vector<std::uint64_t> hashes_;  // the open objects' names, innermost last
  std::vector<std::size_t> starts_;    // where each open object's names begin
  std::vector<std::uint64_t> sorted_;  // scratch for a large object
  std::string parts_;
  bool suspect_ = false;
};

/// The first member named twice in one object of `text` (valid JSON, nested
/// at most `max_depth`), as an invalid_input error at "line L, column C".
std::optional<Error> find_duplicate_member(std::string_view text, std::size_t max_depth);

}  // namespace trialwise::json::detail

#include "member_names.hpp"

#include <algorithm>
#include <functional>
#include <unordered_set>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/object.hpp>

#include "trialwise/json/parse_support.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::json::detail {

void MemberNames::clear() noexcept {
  hashes_.clear();
  starts_.clear();
  parts_.clear();
  suspect_ = false;
}

void MemberNames::add(std::string_view last) {
  std::uint64_t hash = 0;
  if (parts_.empty()) {
    hash = std::hash<std::string_view>{}(last);
  } else {
    parts_.append(last);
    hash = std::hash<std::string_view>{}(parts_);
    parts_.clear();
  }
  const auto first = hashes_.begin() + static_cast<std::ptrdiff_t>(starts_.back());
  if (hashes_.end() - first < static_cast<std::ptrdiff_t>(kLinear) &&
      std::find(first, hashes_.end(), hash) != hashes_.end())
    suspect_ = true;
  hashes_.push_back(hash);
}

void MemberNames::close_object() {
  const auto first = hashes_.begin() + static_cast<std::ptrdiff_t>(starts_.back());
  if (hashes_.end() - first > static_cast<std::ptrdiff_t>(kLinear)) {
    sorted_.assign(first, hashes_.end());
    std::sort(sorted_.begin(), sorted_.end());
    if (std::adjacent_find(sorted_.begin(), sorted_.end()) != sorted_.end()) suspect_ = true;
  }
  hashes_.resize(starts_.back());
  starts_.pop_back();
}

namespace {

using boost::json::error_code;
using boost::json::string_view;

// Reads the names of every object, exactly, and stops at the first repeat.
struct DuplicateFinder {
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();

  std::vector<std::unordered_set<std::string>> open;
  std::string name;
  std::optional<std::string> repeated;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    open.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    open.pop_back();
    return true;
  }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    name.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code& ec) {
    name.append(s.data(), s.size());
    if (!open.back().insert(name).second) {
      repeated = std::move(name);
      ec = boost::json::error::syntax;  // stop here
      return false;
    }
    name.clear();
    return true;
  }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return true; }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
  bool on_double(double, string_view, error_code&) { return true; }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

std::optional<Error> find_duplicate_member(std::string_view text, std::size_t max_depth) {
  boost::json::basic_parser<DuplicateFinder> parser(parse_options_for(max_depth));
  error_code ec;
  const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  auto& repeated = parser.handler().repeated;
  if (!repeated) return std::nullopt;
  std::string message = "ambiguous JSON: the member ";
  append_string(message, *repeated);
  message += " is given twice in one object";
  return Error{Errc::invalid_input, std::move(message), line_and_column(text, consumed)};
}

}  // namespace trialwise::json::detail

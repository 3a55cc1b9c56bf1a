// JSON parsing with exactly rounded numbers. Boost.JSON 1.81's own parser
// rounds some doubles to a neighbour (it gained a precise mode only in 1.83),
// and a value that prints differently from JavaScript's is a wrong answer here.
// So we drive Boost's basic_parser with a handler like its own, except that
// doubles are re-read from their text with std::from_chars, which rounds
// correctly. And a member named twice in one object is refused (see
// member_names.hpp), unless the caller asks for JSON.parse's keep-the-last.

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <new>

#include "member_names.hpp"
#include "trialwise/json/parse_support.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::json {
namespace {

using boost::json::error_code;
using boost::json::string_view;

struct ExactHandler {
  static constexpr std::size_t max_object_size = boost::json::object::max_size();
  static constexpr std::size_t max_array_size = boost::json::array::max_size();
  static constexpr std::size_t max_key_size = boost::json::string::max_size();
  static constexpr std::size_t max_string_size = boost::json::string::max_size();

  explicit ExactHandler(boost::json::storage_ptr sp) : st(std::move(sp)) {}

  boost::json::value_stack st;
  detail::NumberText number;
  detail::MemberNames names;
  bool check_names = true;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    if (check_names) names.open_object();
    return true;
  }
  bool on_object_end(std::size_t n, error_code&) {
    if (check_names) names.close_object();
    st.push_object(n);
    return true;
  }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t n, error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    if (check_names) names.add_part({s.data(), s.size()});
    st.push_chars(s);
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code&) {
    if (check_names) names.add({s.data(), s.size()});
    st.push_key(s);
    return true;
  }
  bool on_string_part(string_view s, std::size_t, error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(string_view s, error_code&) {
    number.add_part({s.data(), s.size()});
    return true;
  }
  bool on_int64(std::int64_t i, string_view, error_code&) {
    number.clear();
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, string_view, error_code&) {
    number.clear();
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, string_view s, error_code&) {
    d = number.finish({s.data(), s.size()}, d);
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

struct Parser::Impl {
  Impl(std::size_t depth_limit, Duplicates duplicates)
      : max_depth(depth_limit), parser(detail::parse_options_for(depth_limit), boost::json::storage_ptr()) {
    parser.handler().check_names = duplicates == Duplicates::refuse;
  }
  std::size_t max_depth;
  boost::json::basic_parser<ExactHandler> parser;
};

Parser::Parser(std::size_t max_depth, Duplicates duplicates) : impl_(std::make_unique<Impl>(max_depth, duplicates)) {}
Parser::~Parser() = default;

Result<boost::json::value> Parser::parse(std::string_view text, boost::json::storage_ptr storage) {
  auto& p = impl_->parser;
  p.reset();
  p.handler().st.reset(std::move(storage));
  p.handler().number.clear();
  p.handler().names.clear();
  error_code ec;
  std::size_t consumed = 0;
  try {
    consumed = p.write_some(false, text.data(), text.size(), ec);
    if (!ec && consumed < text.size()) ec = boost::json::error::extra_data;
    if (!ec && p.handler().names.suspect()) {
      if (auto repeated = detail::find_duplicate_member(text, impl_->max_depth))
        return Unexpected{std::move(*repeated)};
    }
    if (!ec) return p.handler().st.release();
  } catch (const std::bad_alloc&) {
    return Unexpected{limit_reached("", "out of memory while reading JSON")};
  }
  return Unexpected{detail::parse_error(ec, text, consumed, impl_->max_depth)};
}

Result<boost::json::value> parse(std::string_view text, std::size_t max_depth) {
  Parser parser(max_depth);
  return parser.parse(text);
}

}  // namespace trialwise::json

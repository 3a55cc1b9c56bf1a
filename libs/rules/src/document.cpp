// Documents: a basic_parser handler that lays values out in an arena. It
// keeps a stack of finished values and keys; when a container closes, its
// last n entries move into one contiguous array in the arena.

#include "trialwise/rules/document.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <cstring>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "arena.hpp"
#include "trialwise/json/parse_support.hpp"

namespace trialwise::rules {
namespace {

using boost::json::error_code;
using boost::json::string_view;

struct Key {
  const char* data;
  std::uint32_t size;
  std::uint32_t hash;
};

struct DocumentHandler {
  static constexpr std::size_t max_object_size = UINT32_MAX;
  static constexpr std::size_t max_array_size = UINT32_MAX;
  static constexpr std::size_t max_key_size = UINT32_MAX;
  static constexpr std::size_t max_string_size = UINT32_MAX;

  Arena* arena = nullptr;
  std::vector<Value> values;
  std::vector<Key> keys;
  std::string text;  // a string or key arriving in parts
  json::detail::NumberText number;
  bool out_of_memory = false;

  void reset(Arena& a) {
    arena = &a;
    values.clear();
    keys.clear();
    text.clear();
    number.clear();
    out_of_memory = false;
  }

  bool refuse(error_code& ec) {
    out_of_memory = true;
    ec = boost::json::error::exception;
    return false;
  }

  const char* copy(std::string_view s) {
    if (s.empty()) return "";
    auto* p = static_cast<char*>(arena->allocate(s.size(), 1));
    if (p != nullptr) std::memcpy(p, s.data(), s.size());
    return p;
  }

  // The full text of a string or key, whether it came in one piece or several.
  std::string_view whole(string_view last) {
    if (text.empty()) return {last.data(), last.size()};
    text.append(last.data(), last.size());
    return text;
  }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return true; }
  bool on_array_begin(error_code&) { return true; }

  bool on_array_end(std::size_t n, error_code& ec) {
    auto* items = static_cast<Value*>(arena->allocate(std::max<std::size_t>(n, 1) * sizeof(Value), alignof(Value)));
    if (items == nullptr) return refuse(ec);
    std::copy(values.end() - static_cast<std::ptrdiff_t>(n), values.end(), items);
    values.resize(values.size() - n);
    values.push_back(Value::array(items, n));
    return true;
  }

  bool on_object_end(std::size_t n, error_code& ec) {
    auto* members =
        static_cast<Member*>(arena->allocate(std::max<std::size_t>(n, 1) * sizeof(Member), alignof(Member)));
    if (members == nullptr) return refuse(ec);
    const Key* k = keys.data() + (keys.size() - n);
    const Value* v = values.data() + (values.size() - n);
    const std::size_t count = dedupe(k, v, n, members);
    keys.resize(keys.size() - n);
    values.resize(values.size() - n);
    values.push_back(Value::object(members, count));
    return true;
  }

  // Writes the members; a repeated key keeps its first position and takes
  // the last value, as JSON.parse does. Small objects compare pairwise,
  // large ones use a map, so a hostile object cannot make this quadratic.
  static std::size_t dedupe(const Key* k, const Value* v, std::size_t n, Member* out) {
    std::size_t count = 0;
    auto same = [](const Key& a, const Member& b) {
      return a.hash == b.key_hash && a.size == b.key_size && std::memcmp(a.data, b.key, a.size) == 0;
    };
    if (n <= 32) {
      for (std::size_t i = 0; i < n; ++i) {
        std::size_t j = 0;
        while (j < count && !same(k[i], out[j])) ++j;
        if (j == count)
          out[count++] = Member{k[i].data, k[i].size, k[i].hash, v[i]};
        else
          out[j].value = v[i];
      }
      return count;
    }
    std::unordered_map<std::string_view, std::size_t> seen;
    seen.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      auto [it, fresh] = seen.try_emplace(std::string_view(k[i].data, k[i].size), count);
      if (fresh)
        out[count++] = Member{k[i].data, k[i].size, k[i].hash, v[i]};
      else
        out[it->second].value = v[i];
    }
    return count;
  }

  bool on_key_part(string_view s, std::size_t, error_code&) {
    text.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code& ec) {
    const std::string_view key = whole(s);
    const char* p = copy(key);
    if (p == nullptr) return refuse(ec);
    keys.push_back({p, static_cast<std::uint32_t>(key.size()), hash_key(key)});
    text.clear();
    return true;
  }
  bool on_string_part(string_view s, std::size_t, error_code&) {
    text.append(s.data(), s.size());
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code& ec) {
    const std::string_view str = whole(s);
    const char* p = copy(str);
    if (p == nullptr) return refuse(ec);
    values.push_back(Value::string({p, str.size()}));
    text.clear();
    return true;
  }
  bool on_number_part(string_view s, error_code&) {
    number.add_part({s.data(), s.size()});
    return true;
  }
  bool on_int64(std::int64_t i, string_view, error_code&) {
    number.clear();
    values.push_back(Value::number(static_cast<double>(i)));
    return true;
  }
  bool on_uint64(std::uint64_t u, string_view, error_code&) {
    number.clear();
    values.push_back(Value::number(static_cast<double>(u)));
    return true;
  }
  bool on_double(double d, string_view s, error_code&) {
    d = number.finish({s.data(), s.size()}, d);
    values.push_back(Value::number(d));
    return true;
  }
  bool on_bool(bool b, error_code&) {
    values.push_back(Value::boolean(b));
    return true;
  }
  bool on_null(error_code&) {
    values.push_back(Value::null());
    return true;
  }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

Document::Document(std::size_t memory_limit) : arena_(std::make_unique<Arena>(memory_limit, 2048)) {}
Document::~Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;

std::size_t Document::bytes_used() const noexcept { return arena_->used(); }

struct DocumentParser::Impl {
  explicit Impl(std::size_t depth_limit)
      : max_depth(depth_limit), parser(json::detail::parse_options_for(depth_limit)) {}
  std::size_t max_depth;
  boost::json::basic_parser<DocumentHandler> parser;
};

DocumentParser::DocumentParser(std::size_t max_depth) : impl_(std::make_unique<Impl>(max_depth)) {}
DocumentParser::~DocumentParser() = default;

Result<void> DocumentParser::parse(std::string_view text, Document& doc) {
  doc.root_ = Value::null();
  doc.arena_->reset();
  auto& p = impl_->parser;
  p.reset();
  p.handler().reset(*doc.arena_);
  error_code ec;
  std::size_t consumed = 0;
  try {
    consumed = p.write_some(false, text.data(), text.size(), ec);
  } catch (const std::bad_alloc&) {
    return Unexpected{limit_reached("", "out of memory while reading JSON")};
  }
  if (p.handler().out_of_memory) {
    return Unexpected{
        limit_reached("", "the JSON needs more than " + std::to_string(doc.arena_->limit() >> 20) + " MiB of memory")};
  }
  if (!ec && consumed < text.size()) ec = boost::json::error::extra_data;
  if (ec) return Unexpected{json::detail::parse_error(ec, text, consumed, impl_->max_depth)};
  doc.root_ = p.handler().values.back();
  return {};
}

}  // namespace trialwise::rules

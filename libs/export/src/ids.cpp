#include "trialwise/export/ids.hpp"

#include <array>
#include <cstdint>

#include "sha1.hpp"

namespace trialwise::interop {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The namespace's 16 bytes, or its text when it is not a UUID.
std::string namespace_bytes(std::string_view ns) {
  std::string out;
  int high = -1;
  for (char c : ns) {
    if (c == '-') continue;
    const int v = hex_value(c);
    if (v < 0) return std::string(ns);
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<char>((high << 4) | v));
      high = -1;
    }
  }
  return out.size() == 16 && high < 0 ? out : std::string(ns);
}

}  // namespace

std::string uuid_v5(std::string_view ns, std::string_view name) {
  std::string data = namespace_bytes(ns);
  data.append(name);
  auto d = detail::sha1(data);
  d[6] = static_cast<std::uint8_t>((d[6] & 0x0F) | 0x50);  // version 5
  d[8] = static_cast<std::uint8_t>((d[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[d[i] >> 4]);
    out.push_back(kHex[d[i] & 0x0F]);
  }
  return out;
}

const std::string& trialwise_namespace() {
  static const std::string ns = uuid_v5(kUrlNamespace, "https://trialwise.example/");
  return ns;
}

std::string trial_key(const model::Trial& t) {
  return "trial/" + std::to_string(t.id) + "/" + t.created_at + "/" + t.start.to_string();
}

std::string export_uuid(const model::Trial& t, std::string_view kind, std::string_view index) {
  std::string name = trial_key(t);
  name += '/';
  name += kind;
  name += '/';
  name += index;
  return uuid_v5(trialwise_namespace(), name);
}

}  // namespace trialwise::interop

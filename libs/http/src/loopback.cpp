// Loopback only: until Trialwise has accounts and authentication, personal
// health data is served to this machine alone.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "trialwise/http/server.hpp"

namespace trialwise::http {
namespace {

namespace ip = boost::asio::ip;

bool is_loopback(const ip::address& a) {
  if (a.is_v4()) return a.to_v4().is_loopback();  // 127.0.0.0/8
  const auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, v6).is_loopback();
  return v6.is_loopback();  // ::1
}

Error refused_host(const std::string& host, const std::string& address) {
  return invalid_input("--host", host + (address.empty() || address == host ? "" : " (" + address + ")") +
                                     " is not a loopback address. Trialwise serves personal health data only to this "
                                     "machine (127.0.0.0/8 or ::1): it has no accounts or authentication yet, so it "
                                     "does not serve a network");
}

}  // namespace

Result<void> check_loopback(const std::string& host) {
  boost::system::error_code ec;
  const auto literal = ip::make_address(host, ec);
  if (!ec) {
    if (!is_loopback(literal)) return Unexpected{refused_host(host, "")};
    return {};
  }
  boost::asio::io_context ctx;
  ip::tcp::resolver resolver(ctx);
  const auto results = resolver.resolve(host, "0", ec);
  if (ec || results.empty())
    return Unexpected{invalid_input("--host", "cannot resolve \"" + host + "\": " + ec.message())};
  for (const auto& entry : results) {
    const auto address = entry.endpoint().address();
    if (!is_loopback(address)) return Unexpected{refused_host(host, address.to_string())};
  }
  return {};
}

std::string address_key(const std::string& text) {
  boost::system::error_code ec;
  auto a = ip::make_address(text, ec);
  if (ec) return "";
  if (a.is_v6() && a.to_v6().is_v4_mapped()) a = ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a.to_string();
}

}  // namespace trialwise::http

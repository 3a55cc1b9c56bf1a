#include "wire.hpp"

namespace trialwise::http {

void append_head(std::string& out, const Response& res) {
  const unsigned version = res.version();
  out += "HTTP/";
  out.push_back(static_cast<char>('0' + version / 10 % 10));
  out.push_back('.');
  out.push_back(static_cast<char>('0' + version % 10));
  out.push_back(' ');
  out += std::to_string(res.result_int());
  out.push_back(' ');
  out += res.reason();
  out += "\r\n";
  for (const auto& field : res) {
    out += field.name_string();
    out += ": ";
    out += field.value();
    out += "\r\n";
  }
  out += "\r\n";
}

}  // namespace trialwise::http

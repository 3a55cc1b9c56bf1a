#pragma once

#include <string>
#include <string_view>

namespace trialwise {

/// Appends "/" and `token` to a JSON pointer, escaping "~" as "~0" and "/"
/// as "~1" (RFC 6901), so that every error can say exactly where it is.
inline void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer.push_back(c);
    }
  }
}

}  // namespace trialwise

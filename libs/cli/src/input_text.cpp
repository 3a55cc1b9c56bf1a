#include "input_text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <sstream>

namespace trialwise::cli {

Result<std::string> read_file(const std::string& path, std::istream& stdin_stream) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << stdin_stream.rdbuf();
    return buffer.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int e = errno;
    if (e == ENOENT) return Unexpected{not_found(path, "no such file")};
    return Unexpected{io_error(path, std::string("cannot open: ") + std::strerror(e))};
  }
  buffer << file.rdbuf();
  if (file.bad()) return Unexpected{io_error(path, "read failed")};
  return buffer.str();
}

Result<std::string> read_inline_or_file(const std::string& value, std::string_view flag, std::istream& stdin_stream) {
  if (!value.empty() && value[0] == '@') {
    auto text = read_file(value.substr(1), stdin_stream);
    if (!text) {
      Error e = std::move(text).error();
      e.where = std::string(flag) + " " + e.where;
      return Unexpected{std::move(e)};
    }
    return text;
  }
  return value;
}

}  // namespace trialwise::cli

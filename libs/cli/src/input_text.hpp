#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "trialwise/core/result.hpp"

namespace trialwise::cli {

/// Reads a whole file ("-" is standard input). Errors name the path.
Result<std::string> read_file(const std::string& path, std::istream& stdin_stream);

/// A command-line value that is JSON text itself, or "@path" to read it from
/// a file ("@-" for standard input). `flag` names the option in errors.
Result<std::string> read_inline_or_file(const std::string& value, std::string_view flag, std::istream& stdin_stream);

}  // namespace trialwise::cli

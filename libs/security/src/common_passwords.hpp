#pragma once

#include <string_view>

namespace trialwise::security::detail {

/// Openwall's list of common passwords as the file has it: one a line, most
/// common first, comment lines starting with "#!".
std::string_view common_passwords_text();

}  // namespace trialwise::security::detail

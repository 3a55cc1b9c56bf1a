#pragma once

#include <sodium.h>

namespace trialwise::security::detail {

/// libsodium initialised once (sodium_init is safe to call from any thread);
/// false only when the system has no usable randomness.
inline bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace trialwise::security::detail

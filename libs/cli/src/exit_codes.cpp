#include "exit_codes.hpp"

namespace trialwise::cli {

int exit_code(Errc code) noexcept {
  switch (code) {
    case Errc::invalid_input:
    case Errc::not_found:
    case Errc::limit: return kExitBadInput;
    case Errc::refused: return kExitRefused;
    case Errc::conflict: return kExitConflict;
    case Errc::io: return kExitIo;
    case Errc::unavailable: return kExitUnavailable;
    case Errc::internal: return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace trialwise::cli

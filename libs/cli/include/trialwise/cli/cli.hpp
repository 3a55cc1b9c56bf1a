#pragma once

#include <iosfwd>

namespace trialwise::cli {

/// Exit codes of the `trialwise` command, one per kind of failure.
enum ExitCode : int {
  kExitOk = 0,
  kExitBadInput = 2,     ///< bad usage, or input that is malformed, too large or not found
  kExitRefused = 3,      ///< valid input that the domain refuses (e.g. a safety gate)
  kExitConflict = 4,     ///< contradicts saved state
  kExitIo = 5,           ///< a file or database could not be read or written
  kExitUnavailable = 6,  ///< the database server cannot be reached now; try again
  kExitInternal = 70,    ///< a bug; the message says what happened
};

/// Runs the command line. Reads standard input from `in`, writes results to
/// `out` and messages to `err`; never throws. Returns the process exit code.
int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace trialwise::cli

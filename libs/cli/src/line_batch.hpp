#pragma once

// The batch shape shared by `rule eval --data-lines` and `assess --batch`:
// the reading thread cuts the input into chunks of lines, workers process
// chunks concurrently, and output is written strictly in input order.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <iosfwd>
#include <string>
#include <string_view>

#include <boost/json/monotonic_resource.hpp>

#include "trialwise/core/error.hpp"

namespace trialwise::cli {

struct BatchSummary {
  std::size_t lines = 0;
  std::size_t bad_lines = 0;
  std::size_t first_bad = 0;  // line number of the first bad line, if any
  bool read_failed = false;
};

/// Handles one line: appends its output line(s) to `out` and returns nothing,
/// or returns the error to report in the line's place.
using LineHandler = std::function<std::optional<Error>(std::string_view line, std::string& out)>;

/// Makes one handler per chunk, so that each worker has its own parser and
/// scratch memory.
using LineHandlerFactory = std::function<LineHandler()>;

/// Called from the calling thread after each chunk's output is written, with
/// the number of lines done so far (for a progress bar).
using ProgressCallback = std::function<void(std::size_t lines_done)>;

/// Runs `factory`'s handlers over every line of `in` with `threads` workers
/// (1: in the calling thread). Empty lines and lines over 16 MiB are errors
/// without calling the handler. An error becomes one JSON line,
/// {"error":{"code","message","line","where"}}, in the line's place.
BatchSummary process_lines(std::istream& in, std::ostream& out, unsigned threads, const LineHandlerFactory& factory,
                           const ProgressCallback& progress = {});

/// Memory for one line's JSON, recycled from line to line by a worker:
/// release() before each line. Boost 1.81's monotonic_resource needs an
/// initial buffer to be usable after release().
struct LineMemory {
  static constexpr std::size_t kBytes = 64 * 1024;
  std::unique_ptr<unsigned char[]> buffer = std::make_unique<unsigned char[]>(kBytes);
  boost::json::monotonic_resource resource{buffer.get(), kBytes};
};

/// Appends the error object for a bad line.
void append_line_error(std::string& out, std::size_t line_no, const Error& e);

}  // namespace trialwise::cli

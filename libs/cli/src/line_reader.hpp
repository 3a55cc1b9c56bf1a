#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace trialwise::cli {

/// Splits a stream into lines, reading it in large blocks. A line's view is
/// valid until the next call. Trailing "\r" is removed (CRLF files work); a
/// final line without "\n" still counts. Lines longer than `max_line` are
/// reported as too long, without holding them in memory.
class LineReader {
 public:
  static constexpr std::size_t kDefaultMaxLine = std::size_t{16} << 20;

  explicit LineReader(std::istream& in, std::size_t max_line = kDefaultMaxLine);

  enum class Status { line, too_long, end };
  /// The next line; `line` is set only when the status is Status::line.
  Status next(std::string_view& line);

  /// True if the stream failed for a reason other than reaching its end.
  bool failed() const noexcept { return failed_; }

 private:
  bool refill();

  std::istream& in_;
  std::size_t max_line_;
  std::string buffer_;
  std::size_t begin_ = 0;  // start of unread data in buffer_
  bool eof_ = false;
  bool failed_ = false;
};

}  // namespace trialwise::cli

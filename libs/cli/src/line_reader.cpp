#include "line_reader.hpp"

#include <cstring>
#include <istream>

namespace trialwise::cli {
namespace {
constexpr std::size_t kBlock = std::size_t{1} << 20;
}

LineReader::LineReader(std::istream& in, std::size_t max_line) : in_(in), max_line_(max_line) {}

bool LineReader::refill() {
  if (eof_) return false;
  // Drop consumed bytes, then append one block.
  buffer_.erase(0, begin_);
  begin_ = 0;
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kBlock);
  in_.read(buffer_.data() + old, static_cast<std::streamsize>(kBlock));
  const auto got = static_cast<std::size_t>(in_.gcount());
  buffer_.resize(old + got);
  if (got < kBlock) {
    eof_ = true;
    failed_ = in_.bad();
  }
  return got > 0;
}

LineReader::Status LineReader::next(std::string_view& line) {
  bool skipping = false;  // inside a line that is already too long
  std::size_t scanned = begin_;
  while (true) {
    const char* start = buffer_.data() + scanned;
    const void* nl = std::memchr(start, '\n', buffer_.size() - scanned);
    if (nl != nullptr) {
      const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.data());
      const std::size_t from = begin_;
      begin_ = end + 1;
      if (skipping || end - from > max_line_) return Status::too_long;
      line = std::string_view(buffer_.data() + from, end - from);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return Status::line;
    }
    if (buffer_.size() - begin_ > max_line_) {
      skipping = true;  // forget what we have of this line; keep looking for its end
      begin_ = buffer_.size();
    }
    scanned = buffer_.size();
    const std::size_t kept_offset = scanned - begin_;
    if (!refill()) {
      if (begin_ >= buffer_.size()) return skipping ? Status::too_long : Status::end;
      const std::size_t from = begin_;
      begin_ = buffer_.size();
      if (skipping) return Status::too_long;
      line = std::string_view(buffer_.data() + from, buffer_.size() - from);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      return Status::line;
    }
    scanned = begin_ + kept_offset;  // refill moved the unread data to the front
  }
}

}  // namespace trialwise::cli

#include "line_batch.hpp"

#include <boost/json/object.hpp>
#include <deque>
#include <future>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <utility>
#include <vector>

#include "line_reader.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::cli {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
constexpr std::size_t kChunkLines = 4096;
constexpr std::uint32_t kTooLong = std::numeric_limits<std::uint32_t>::max();

struct Chunk {
  std::size_t first_line = 1;
  std::string text;                                            // the lines' bytes, back to back
  std::vector<std::pair<std::uint32_t, std::uint32_t>> lines;  // offset and length (kTooLong: over the limit)
};

struct ChunkResult {
  std::string output;
  std::size_t bad = 0;
  std::size_t first_bad = 0;
};

ChunkResult run_chunk(const Chunk& chunk, const LineHandlerFactory& factory) {
  ChunkResult r;
  r.output.reserve(chunk.text.size() / 4);
  const LineHandler handle = factory();
  std::size_t line_no = chunk.first_line;
  for (const auto& [offset, length] : chunk.lines) {
    std::optional<Error> error;
    if (length == kTooLong) {
      error = limit_reached("", "the line is longer than 16 MiB");
    } else {
      const std::string_view line = std::string_view(chunk.text).substr(offset, length);
      if (line.find_first_not_of(" \t") == std::string_view::npos) {
        error = invalid_input("", "the line is empty; expected one JSON value");
      } else {
        error = handle(line, r.output);
      }
    }
    if (error) {
      append_line_error(r.output, line_no, *error);
      if (r.bad++ == 0) r.first_bad = line_no;
    }
    ++line_no;
  }
  return r;
}

// Fills `chunk` with the next lines; false when the input is exhausted.
bool read_chunk(LineReader& reader, Chunk& chunk, std::size_t first_line) {
  chunk.first_line = first_line;
  chunk.text.clear();
  chunk.lines.clear();
  std::string_view line;
  while (chunk.text.size() < kChunkBytes && chunk.lines.size() < kChunkLines) {
    const auto status = reader.next(line);
    if (status == LineReader::Status::end) break;
    if (status == LineReader::Status::too_long) {
      chunk.lines.emplace_back(0, kTooLong);
      continue;
    }
    chunk.lines.emplace_back(static_cast<std::uint32_t>(chunk.text.size()), static_cast<std::uint32_t>(line.size()));
    chunk.text.append(line);
  }
  return !chunk.lines.empty();
}

}  // namespace

void append_line_error(std::string& out, std::size_t line_no, const Error& e) {
  // One JSON object in place of the line's results, so output lines still
  // match input lines one to one.
  boost::json::object error{{"code", to_string(e.code)}, {"message", e.message}, {"line", line_no}};
  if (!e.where.empty()) error["where"] = e.where;
  json::append(out, boost::json::object{{"error", std::move(error)}});
  out.push_back('\n');
}

BatchSummary process_lines(std::istream& in, std::ostream& out, unsigned threads, const LineHandlerFactory& factory,
                           const ProgressCallback& progress) {
  BatchSummary summary;
  LineReader reader(in);
  auto take = [&](ChunkResult r, std::size_t lines) {
    out.write(r.output.data(), static_cast<std::streamsize>(r.output.size()));
    if (r.bad > 0 && summary.bad_lines == 0) summary.first_bad = r.first_bad;
    summary.bad_lines += r.bad;
    summary.lines += lines;
    if (progress) progress(summary.lines);
  };

  std::deque<std::pair<std::future<ChunkResult>, std::size_t>> in_flight;
  std::size_t next_line = 1;
  while (true) {
    auto chunk = std::make_shared<Chunk>();
    if (!read_chunk(reader, *chunk, next_line)) break;
    const std::size_t count = chunk->lines.size();
    next_line += count;
    if (threads <= 1) {
      take(run_chunk(*chunk, factory), count);
      continue;
    }
    in_flight.emplace_back(std::async(std::launch::async, [&factory, chunk] { return run_chunk(*chunk, factory); }),
                           count);
    // Keep every worker busy, but bound the memory held by finished chunks.
    while (in_flight.size() > threads) {
      take(in_flight.front().first.get(), in_flight.front().second);
      in_flight.pop_front();
    }
  }
  while (!in_flight.empty()) {
    take(in_flight.front().first.get(), in_flight.front().second);
    in_flight.pop_front();
  }
  out.flush();
  summary.read_failed = reader.failed();
  return summary;
}

}  // namespace trialwise::cli

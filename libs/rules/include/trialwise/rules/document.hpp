#pragma once

// A Document is JSON read for evaluation: values laid out back to back in one
// arena, objects as arrays of members that carry a hash of their key. It is
// the fast way in: reading into a Document costs less than building a
// boost::json::value, and rules evaluate faster on it, because lookups
// compare hashes and the data sits in few cache lines.
//
//   rules::DocumentParser parser;     // reusable, one per thread
//   rules::Document doc;              // reusable: parse() replaces its content
//   if (auto ok = parser.parse(line, doc); !ok) return Unexpected{ok.error()};
//   auto results = set.evaluate_all(doc.root(), scratch, out);

#include <cstddef>
#include <memory>
#include <string_view>

#include "trialwise/core/result.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value.hpp"

namespace trialwise::rules {

class Arena;

/// One parsed JSON value and the memory it lives in. Movable, not copyable;
/// Values from root() stay valid until the next parse into this Document.
class Document {
 public:
  /// Bytes a document may occupy before parsing fails with Errc::limit.
  static constexpr std::size_t kDefaultMemoryLimit = std::size_t{64} << 20;

  explicit Document(std::size_t memory_limit = kDefaultMemoryLimit);
  ~Document();
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;

  /// The parsed value (null before the first successful parse).
  Value root() const noexcept { return root_; }
  /// Bytes in use.
  std::size_t bytes_used() const noexcept;

 private:
  friend class DocumentParser;
  std::unique_ptr<Arena> arena_;  // where the values live (src/arena.hpp)
  Value root_;
};

/// Reads JSON text into Documents. As JSON.parse does, numbers become exactly
/// rounded doubles and a repeated key keeps its first position and last value.
/// Not thread-safe; reusable.
class DocumentParser {
 public:
  explicit DocumentParser(std::size_t max_depth = json::kMaxDepth);
  ~DocumentParser();
  DocumentParser(const DocumentParser&) = delete;
  DocumentParser& operator=(const DocumentParser&) = delete;

  /// Parses `text` into `doc`, replacing what it held. Errors as json::parse's
  /// (Errc::invalid_input or Errc::limit, `where` = "line L, column C"); on
  /// failure `doc` holds null.
  Result<void> parse(std::string_view text, Document& doc);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trialwise::rules

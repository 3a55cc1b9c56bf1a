#pragma once

// The web app's files (web/public/), built into the binary at compile time.
// Nothing is read from disk at run time: the server serves these bytes.

#include <span>
#include <string_view>

namespace trialwise::web {

/// One file of the web app. Every view points into static storage and lives
/// as long as the program.
struct Asset {
  std::string_view path;          ///< as requested, e.g. "/app.js" (always starts with '/')
  std::string_view content_type;  ///< e.g. "text/javascript; charset=utf-8"
  std::string_view body;          ///< the file's bytes, unchanged (binary files too)
  std::string_view etag;          ///< a strong validator, quoted: "\"<SHA-256 prefix>\""
};

/// The file served at `path`, or nullptr if there is none. "/" is
/// "/index.html". Paths are compared byte for byte (no decoding, no "..":
/// a path that is not exactly a file's is simply not found). Thread-safe.
const Asset* find_asset(std::string_view path) noexcept;

/// Every file, sorted by path.
std::span<const Asset> assets() noexcept;

}  // namespace trialwise::web

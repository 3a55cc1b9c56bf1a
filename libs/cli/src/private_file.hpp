#pragma once

// Files that hold a person's data, written as privately as the database:
// mode 0600, through a temporary file beside the target that is synced and
// then renamed over it, so that a failed write (a full disk, a read-only
// folder, a crash) leaves the earlier file as it was and never half a file.

#include <fstream>
#include <memory>
#include <string>

#include "trialwise/core/result.hpp"

namespace trialwise::cli {

class PrivateFile {
 public:
  /// Creates the temporary file beside `path` (mode 0600). Fails with
  /// Errc::io naming `path` when the folder cannot take it.
  static Result<std::unique_ptr<PrivateFile>> create(const std::string& path);

  ~PrivateFile();  // removes the temporary file unless committed
  PrivateFile(const PrivateFile&) = delete;
  PrivateFile& operator=(const PrivateFile&) = delete;

  std::ostream& stream() { return stream_; }

  /// Flushes, syncs and renames the temporary file over the target, then
  /// syncs the folder. Fails with Errc::io naming the target, which is then
  /// left as it was.
  Result<void> commit();

 private:
  PrivateFile(std::string path, std::string temp, int fd);
  std::string path_, temp_;
  int fd_ = -1;
  std::ofstream stream_;
  bool committed_ = false;
};

/// Writes `text` to `path` the same way, in one go.
Result<void> write_private_file(const std::string& path, const std::string& text);

}  // namespace trialwise::cli

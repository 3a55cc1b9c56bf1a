#include "private_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace trialwise::cli {
namespace {

Error failed(const std::string& path, const std::string& what, int err) {
  return io_error(path, what + ": " + std::strerror(err) + "; any earlier " + path + " is unchanged");
}

// The folder holding `path`, synced so that a rename survives a power cut.
void sync_folder_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  const int fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Result<std::unique_ptr<PrivateFile>> PrivateFile::create(const std::string& path) {
  std::string name = path + ".XXXXXX";
  std::vector<char> buffer(name.begin(), name.end());
  buffer.push_back('\0');
  const int fd = ::mkstemp(buffer.data());  // mode 0600, whatever the umask
  if (fd < 0) return Unexpected{failed(path, "cannot write the file", errno)};
  return std::unique_ptr<PrivateFile>(new PrivateFile(path, std::string(buffer.data()), fd));
}

PrivateFile::PrivateFile(std::string path, std::string temp, int fd)
    : path_(std::move(path)), temp_(std::move(temp)), fd_(fd), stream_(temp_, std::ios::binary | std::ios::trunc) {}

PrivateFile::~PrivateFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) std::remove(temp_.c_str());
}

Result<void> PrivateFile::commit() {
  stream_.flush();
  stream_.close();
  if (!stream_) return Unexpected{failed(path_, "writing the file failed", errno != 0 ? errno : EIO)};
  if (::fsync(fd_) != 0) return Unexpected{failed(path_, "writing the file failed", errno)};
  ::close(fd_);
  fd_ = -1;
  if (std::rename(temp_.c_str(), path_.c_str()) != 0)
    return Unexpected{failed(path_, "cannot replace the file", errno)};
  committed_ = true;
  sync_folder_of(path_);
  return {};
}

Result<void> write_private_file(const std::string& path, const std::string& text) {
  auto file = PrivateFile::create(path);
  if (!file) return Unexpected{file.error()};
  (*file)->stream() << text;
  return (*file)->commit();
}

}  // namespace trialwise::cli

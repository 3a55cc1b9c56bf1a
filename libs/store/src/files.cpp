#include "files.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trialwise::store::detail {
namespace {

std::string why(int err) { return std::strerror(err); }

Result<void> make_folders(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return {};
  const std::string folder = path.substr(0, slash);
  // mkdir -p, one component at a time; only folders made here get 0700.
  for (std::size_t at = 1; at <= folder.size(); ++at) {
    if (at != folder.size() && folder[at] != '/') continue;
    const std::string part = folder.substr(0, at);
    if (::mkdir(part.c_str(), 0700) == 0)
      sync_folder(part);
    else if (errno != EEXIST)
      return Unexpected{io_error(path, "cannot create the folder " + part + " (" + why(errno) + ")")};
  }
  return {};
}

}  // namespace

void sync_folder(const std::string& path) {
  const auto slash = path.find_last_of('/');
  const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

Result<void> ensure_private_file(const std::string& path) {
  if (exists(path)) return {};
  if (auto ok = make_folders(path); !ok) return ok;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    sync_folder(path);  // SQLite syncs the -wal's folder entry, not the database's
    return {};
  }
  if (errno == EEXIST) return {};  // another process created it first
  return Unexpected{io_error(path, "cannot create the database " + path + " (" + why(errno) + ")")};
}

Result<void> create_new_private_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    sync_folder(path);
    return {};
  }
  if (errno == EEXIST)
    return Unexpected{conflict(path, path + " already exists; choose another name (nothing is overwritten)")};
  return Unexpected{io_error(path, "cannot create " + path + " (" + why(errno) + ")")};
}

}  // namespace trialwise::store::detail

#include <cstdlib>

#include "trialwise/store/sqlite.hpp"

namespace trialwise::store {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

Result<std::string> default_database_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (auto db = env("TRIALWISE_DB"); !db.empty()) return db;
  // The XDG spec says a relative XDG_DATA_HOME is invalid and to be ignored.
  if (auto data = env("XDG_DATA_HOME"); !data.empty() && data.front() == '/') return data + "/trialwise/trialwise.db";
  if (auto home = env("HOME"); !home.empty()) return home + "/.local/share/trialwise/trialwise.db";
  return Unexpected{invalid_input("--db",
                                  "cannot tell where to keep the database: HOME is not set; give --db PATH "
                                  "or set TRIALWISE_DB")};
}

}  // namespace trialwise::store

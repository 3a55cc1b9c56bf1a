// Where the database lives when --db is not given.

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "running_trial.hpp"

namespace trialwise::cli {
namespace {

// Sets (or unsets) environment variables for one test and puts them back.
class EnvGuard {
 public:
  void set(const char* name, const char* value) {
    if (!saved_.count(name)) {
      const char* old = std::getenv(name);
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
    }
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~EnvGuard() {
    for (const auto& [name, value] : saved_) {
      if (value)
        ::setenv(name.c_str(), value->c_str(), 1);
      else
        ::unsetenv(name.c_str());
    }
  }

 private:
  std::map<std::string, std::optional<std::string>> saved_;
};

TEST(DatabasePathTest, FlagThenEnvironmentThenXdgThenHome) {
  EnvGuard env;
  env.set("TRIALWISE_DB", "/env/tw.db");
  env.set("XDG_DATA_HOME", "/xdg");
  env.set("HOME", "/home/ada");
  EXPECT_EQ(*database_path("/flag/tw.db"), "/flag/tw.db");
  EXPECT_EQ(*database_path(""), "/env/tw.db");
  env.set("TRIALWISE_DB", nullptr);
  EXPECT_EQ(*database_path(""), "/xdg/trialwise/trialwise.db");
  env.set("XDG_DATA_HOME", "");
  EXPECT_EQ(*database_path(""), "/home/ada/.local/share/trialwise/trialwise.db");
  env.set("XDG_DATA_HOME", "relative/data");
  EXPECT_EQ(*database_path(""), "/home/ada/.local/share/trialwise/trialwise.db")
      << "a relative XDG_DATA_HOME is ignored, as the XDG spec says";
  env.set("XDG_DATA_HOME", nullptr);
  env.set("HOME", nullptr);
  auto none = database_path("");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, Errc::invalid_input);
  EXPECT_EQ(none.error().where, "--db");
  EXPECT_EQ(*database_path("x.db"), "x.db");
}

}  // namespace
}  // namespace trialwise::cli

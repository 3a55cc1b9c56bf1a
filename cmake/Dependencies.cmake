# Every dependency comes from Debian 12's packages; nothing is downloaded at build time.

# Boost 1.81 (not Debian's default 1.74): Boost.JSON is the one JSON library of the codebase.
set(Boost_NO_WARN_NEW_VERSIONS ON)
find_package(Boost 1.81 EXACT REQUIRED COMPONENTS json url)
find_package(CLI11 REQUIRED)
if(BUILD_TESTING)
  find_package(GTest REQUIRED)
endif()
# The embedded store (libsqlite3-dev).
find_package(SQLite3 REQUIRED)
# libpq, the PostgreSQL client library (Debian: libpq-dev 15).
find_package(PostgreSQL REQUIRED)
if(TRIALWISE_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

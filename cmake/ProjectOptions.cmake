# Build options and the INTERFACE targets that carry warnings and sanitizers.
# Every target links trialwise::options PRIVATE, so flags never leak into consumers.

option(TRIALWISE_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
set(TRIALWISE_SANITIZE "" CACHE STRING "Comma-separated sanitizers, e.g. address,undefined")
set(TRIALWISE_BUILTIN_PACK "${PROJECT_SOURCE_DIR}/packs/glutamine.json" CACHE FILEPATH
    "The knowledge pack built into the binary (the default of every --pack)")
option(BUILD_TESTING "Build the tests (off for a build of the program alone)" ON)
option(TRIALWISE_BUILD_BENCH "Build the Google Benchmark programs in bench/" ON)
option(TRIALWISE_LIBFUZZER "Build fuzz/ as libFuzzer targets (clang; the fuzz preset)" OFF)

add_library(trialwise_options INTERFACE)
add_library(trialwise::options ALIAS trialwise_options)

if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(trialwise_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
    -Wduplicated-cond -Wduplicated-branches -Wlogical-op -Wuseless-cast -Wsuggest-override)
  # GCC 12 at -O2/-O3 reports false positives inside libstdc++'s std::string
  # and std::variant (GCC bugs 105329, 105651, 107138). Debug builds keep both.
  if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(trialwise_options INTERFACE
      $<$<NOT:$<CONFIG:Debug>>:-Wno-restrict -Wno-maybe-uninitialized>)
  endif()
elseif(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  target_compile_options(trialwise_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
    -Wsuggest-override)
endif()

# A unity build (the sanitized presets: fewer, larger translation units
# compile faster) includes each source into a generated one, so GCC takes
# every source for a header and warns that a class in it uses a type of the
# file's anonymous namespace: true of a header, not of these sources.
if(CMAKE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(trialwise_options INTERFACE -Wno-subobject-linkage)
endif()

if(TRIALWISE_WARNINGS_AS_ERRORS)
  target_compile_options(trialwise_options INTERFACE -Werror)
endif()

# libFuzzer's coverage in every library, so the fuzzers see their branches.
if(TRIALWISE_LIBFUZZER)
  target_compile_options(trialwise_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

if(TRIALWISE_SANITIZE)
  target_compile_options(trialwise_options INTERFACE
    -fsanitize=${TRIALWISE_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(trialwise_options INTERFACE -fsanitize=${TRIALWISE_SANITIZE})
  # GCC 12 warns (-Wtsan) that ThreadSanitizer does not model the
  # std::atomic_thread_fence calls inside Asio; the fences pair with atomics
  # TSan does see, and the HTTP tests run clean under it.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND TRIALWISE_SANITIZE MATCHES "thread")
    target_compile_options(trialwise_options INTERFACE -Wno-tsan)
  endif()
endif()

// Replays fuzz corpus files (or directories of them) through the target, so
// that CTest keeps every past crash fixed without needing libFuzzer.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path p(argv[i]);
    if (fs::is_directory(p)) {
      for (const auto& entry : fs::recursive_directory_iterator(p))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
      files.push_back(p);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  // TRIALWISE_REPLAY_SLOW_MS=N names every input that takes longer (to keep
  // the committed corpora quick to replay).
  const char* slow_env = std::getenv("TRIALWISE_REPLAY_SLOW_MS");
  const long slow_ms = slow_env ? std::atol(slow_env) : -1;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto start = std::chrono::steady_clock::now();
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    if (slow_ms >= 0 && ms > slow_ms) std::printf("slow: %lld ms %s\n", static_cast<long long>(ms), f.c_str());
  }
  std::printf("replayed %zu inputs\n", files.size());
  return 0;
}

#include <iostream>

#include "trialwise/cli/cli.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);  // the batch commands stream megabytes
  return trialwise::cli::run(argc, argv, std::cin, std::cout, std::cerr);
}

#!/usr/bin/env bash
# style.clang-format: every C++ file is as clang-format (Debian 12's 14, with
# the repository's .clang-format) writes it. To fix: the same command with -i.
#   tests/style/format_check.sh SOURCE_DIR
set -eu
cd "$1"
formatter=$(command -v clang-format-14 || command -v clang-format) ||
  { echo "style: needs clang-format (apt-get install clang-format-14; scripts/install-deps --test)"; exit 1; }
find libs apps bench fuzz tests/support \( -name '*.cpp' -o -name '*.hpp' \) -not -path '*/node_modules/*' -print0 |
  sort -z | xargs -0 "$formatter" --dry-run --Werror
echo "style: every C++ file is formatted"
